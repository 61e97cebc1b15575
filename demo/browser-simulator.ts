import { setupWorker } from 'msw/browser';
import { createSimulator } from '../src/simulator/index';
import { DEMO_SIMULATOR_OPTIONS } from './simulator-options';

// The static demo (`npm run build:demo`): no dev server behind the page, so the simulator runs in the page and
// MSW's service worker (public/mockServiceWorker.js, copied beside index.html) hands it the widget's requests to
// /apiaccess/ccmessaging/... and the demo controls' to /__sim/... (src/simulator/control.ts): the same HTTP as
// with `npm start`, on any static host.

/** Starts the in-page simulator; resolves once the service worker answers this page's requests. */
export async function startBrowserSimulator(): Promise<void> {
  // The simulator lives as long as the page: a conversation the widget kept in sessionStorage would resume
  // against a simulator that never heard of it, so a reload starts afresh.
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith('cc-chat:')) sessionStorage.removeItem(key);
  }
  const simulator = createSimulator(DEMO_SIMULATOR_OPTIONS);
  const worker = setupWorker(...simulator.handlers);
  // Relative: the demo may be served from any folder of a host.
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: './mockServiceWorker.js' } });
}
