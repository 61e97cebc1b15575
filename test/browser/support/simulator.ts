import { setupWorker } from 'msw/browser';
import { createSimulator, type SimulatorOptions } from '../../../src/simulator';

// One simulator behind an MSW service worker for the whole test file; `resetSimulator` between
// tests puts it back to these fast settings (short poll hold, no reply delay).
export const testOptions: Partial<SimulatorOptions> = {
  pollHoldMs: 150,
  replyDelayMs: 0,
  queueStepMs: 300,
  callQueueMs: 200,
};

export const sim = createSimulator(testOptions);
/** The service worker: a test may put a handler of its own in front (`worker.use`), undone by resetSimulator. */
export const worker = setupWorker(...sim.handlers);
let started: Promise<unknown> | null = null;

export function startSimulator(): Promise<unknown> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  return started;
}

export function resetSimulator(): void {
  worker.resetHandlers();
  sim.reset();
  sim.configure({ ...testOptions, agentAutoReply: true, callScenario: 'connect', queueLength: 3, surveyType: 'WEB', surveyQuestions: [], maxFileBytes: 2 * 1024 * 1024 });
}
