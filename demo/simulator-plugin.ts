import { loadEnv, type Plugin } from 'vite';
import { createSimulator, type SimulatorOptions } from '../src/simulator/index.ts';
import { createSimulatorMiddleware } from '../src/simulator/http.ts';
import { createCcProxy, proxyOptionsFromEnv } from '../src/server/index.ts';

/** Demo pacing: the real service's 5 s long-poll hold, human-ish replies, a queue that moves. */
export const DEMO_SIMULATOR_OPTIONS: Partial<SimulatorOptions> = {
  pollHoldMs: 5000,
  replyDelayMs: 900,
  queueLength: 3,
  queueStepMs: 2000,
  callQueueMs: 2500,
  robotName: 'Ava',
  agentName: 'Sam',
};

// What the dev server (`npm start`) puts behind /apiaccess/ccmessaging/... at its own origin:
// - by default the ccmessaging simulator (and /__sim/... to script it);
// - with CEC_BASE_URL, CEC_APP_KEY and CEC_APP_SECRET set (environment or .env files), the
//   server-side proxy to that real contact center, which keeps the secret on this server.
export function simulatorPlugin(options: Partial<SimulatorOptions> = {}): Plugin {
  return {
    name: 'cc-chat-simulator',
    apply: 'serve',
    configureServer(server) {
      const env = { ...loadEnv(server.config.mode, server.config.root, 'CEC_'), ...process.env };
      const proxy = proxyOptionsFromEnv(env);
      if (proxy) {
        server.config.logger.info(`cc-chat: proxying /apiaccess/ccmessaging to ${proxy.target}`);
        server.middlewares.use(createCcProxy(proxy));
        return;
      }
      const simulator = createSimulator({ ...DEMO_SIMULATOR_OPTIONS, ...options });
      server.middlewares.use(createSimulatorMiddleware(simulator));
    },
  };
}
