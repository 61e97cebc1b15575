import type { Plugin } from 'vite';
import { createSimulator, type SimulatorOptions } from '../src/simulator/index.ts';
import { createSimulatorMiddleware } from '../src/simulator/http.ts';

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

// Serves the ccmessaging simulator over HTTP from the Vite dev server (`npm start`), at the dev
// server's own origin: /apiaccess/ccmessaging/... for the widget, /__sim/... to script it.
export function simulatorPlugin(options: Partial<SimulatorOptions> = {}): Plugin {
  return {
    name: 'cc-chat-simulator',
    apply: 'serve',
    configureServer(server) {
      const simulator = createSimulator({ ...DEMO_SIMULATOR_OPTIONS, ...options });
      server.middlewares.use(createSimulatorMiddleware(simulator));
    },
  };
}
