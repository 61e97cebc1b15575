import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';
import { createSimulatorMiddleware } from '../../src/simulator/http';
import { attachSipGateway, createSipGateway, type SipGateway } from '../../demo/sip-gateway';

/** The security policy of the plain pages: no inline script or style anywhere. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' https: data: blob:; media-src blob:; base-uri 'none'; form-action 'none'";

const FILES: Record<string, [string, string]> = {
  '/embed.html': ['test/e2e/static/embed.html', 'text/html; charset=utf-8'],
  '/embed-all.html': ['test/e2e/static/embed-all.html', 'text/html; charset=utf-8'],
  '/two-widgets.html': ['test/e2e/static/two-widgets.html', 'text/html; charset=utf-8'],
  '/cc-chat.iife.js': ['dist/cc-chat.iife.js', 'text/javascript; charset=utf-8'],
  '/cc-chat-api.iife.js': ['dist/cc-chat-api.iife.js', 'text/javascript; charset=utf-8'],
  '/cc-chat-panel.iife.js': ['dist/cc-chat-panel.iife.js', 'text/javascript; charset=utf-8'],
  '/cc-chat-call.iife.js': ['dist/cc-chat-call.iife.js', 'text/javascript; charset=utf-8'],
  '/cc-chat-voice.iife.js': ['dist/cc-chat-voice.iife.js', 'text/javascript; charset=utf-8'],
  '/cc-chat-zh.iife.js': ['dist/cc-chat-zh.iife.js', 'text/javascript; charset=utf-8'],
  // A folder with the one-file build alone: nothing for it to fetch beside it.
  '/one-file/cc-chat.all.iife.js': ['dist/cc-chat.all.iife.js', 'text/javascript; charset=utf-8'],
};

export interface StaticSite {
  url: string;
  simulator: Simulator;
  /** The SIP test gateway at ws://…/sip, which "Call connected" points to (no agent registers there). */
  gateway: SipGateway;
  close(): Promise<void>;
}

/**
 * A plain static site, as a web developer's own server would be: HTML pages and the built IIFE,
 * with the simulator answering /apiaccess/ccmessaging/... at the same origin, under a strict CSP.
 */
export async function startStaticSite(options: Partial<SimulatorOptions>): Promise<StaticSite> {
  const simulator = createSimulator(options);
  const api = createSimulatorMiddleware(simulator);
  const server: Server = createServer((req, res) => {
    api(req, res, async () => {
      const file = FILES[(req.url ?? '/').split('?')[0]!];
      if (!file) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = await readFile(file[0]);
      res.writeHead(200, { 'Content-Type': file[1], 'Content-Security-Policy': STRICT_CSP }).end(body);
    });
  });
  return { simulator, ...(await listenWithGateway(server, simulator)) };
}

/**
 * Starts `server` on a free loopback port with the SIP test gateway at ws://…/sip, where the simulator's
 * "Call connected" then points; `close` ends both.
 */
export async function listenWithGateway(
  server: Server,
  simulator: Simulator,
): Promise<{ url: string; gateway: SipGateway; close(): Promise<void> }> {
  const gateway = createSipGateway('/sip');
  attachSipGateway(server, gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  simulator.configure({ callGwAddresses: [`ws://127.0.0.1:${port}/sip`] });
  return {
    url: `http://127.0.0.1:${port}`,
    gateway,
    close: () =>
      new Promise<void>((resolve) => {
        gateway.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
