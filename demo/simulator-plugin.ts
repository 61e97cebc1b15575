import { loadEnv, type Plugin } from 'vite';
import type { SimulatorOptions } from '../src/simulator/index';

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
// The simulator and the proxy are loaded through the dev server (ssrLoadModule), not bundled into
// the config.
export function simulatorPlugin(options: Partial<SimulatorOptions> = {}): Plugin {
  return {
    name: 'cc-chat-simulator',
    apply: 'serve',
    async configureServer(server) {
      const env = { ...loadEnv(server.config.mode, server.config.root, 'CEC_'), ...process.env };
      const { createCcProxy, proxyOptionsFromEnv } = (await server.ssrLoadModule(
        '/src/server/index.ts',
      )) as typeof import('../src/server/index');
      const proxy = proxyOptionsFromEnv(env);
      if (proxy) {
        server.config.logger.info(`cc-chat: proxying /apiaccess/ccmessaging to ${proxy.target}`);
        server.middlewares.use(createCcProxy(proxy));
        return;
      }
      const { createSimulator } = (await server.ssrLoadModule('/src/simulator/index.ts')) as typeof import('../src/simulator/index');
      const { createSimulatorMiddleware } = (await server.ssrLoadModule(
        '/src/simulator/http.ts',
      )) as typeof import('../src/simulator/http');
      server.middlewares.use(createSimulatorMiddleware(createSimulator({ ...DEMO_SIMULATOR_OPTIONS, ...options })));
    },
  };
}
