import type { SimulatorOptions } from '../src/simulator/index';

/**
 * Demo pacing: the real service's 5 s long-poll hold, human-ish replies, a queue that moves. One set for both
 * simulators of the demo: the dev server's (demo/simulator-plugin.ts) and the static build's in-browser one
 * (demo/browser-simulator.ts). The agent's name is also the name in the demo's prefilled agent text (main.ts).
 */
export const DEMO_SIMULATOR_OPTIONS: Partial<SimulatorOptions> = {
  pollHoldMs: 5000,
  replyDelayMs: 900,
  queueLength: 3,
  queueStepMs: 2000,
  callQueueMs: 2500,
  robotName: 'Ava',
  agentName: 'Sam',
};
