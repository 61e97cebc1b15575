import type { Plugin } from 'vite';

// Serves the ccmessaging simulator over HTTP from the Vite dev server (filled in with the simulator).
export function simulatorPlugin(): Plugin {
  return { name: 'cc-chat-simulator' };
}
