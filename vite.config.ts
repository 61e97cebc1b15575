import { defineConfig } from 'vite';
import { simulatorPlugin } from './demo/simulator-plugin.ts';

// `npm start`: the demo page (index.html) with the ccmessaging simulator served over real HTTP
// from the same dev server, so the widget talks to it exactly as it would to a backend.
export default defineConfig({
  server: { port: 5173, strictPort: true, host: 'localhost' },
  preview: { port: 4173, strictPort: true, host: 'localhost' },
  plugins: [simulatorPlugin()],
});
