import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { attachSipGateway, createSipGateway } from '../../demo/sip-gateway';

// Vitest global set-up of the browser project: the SIP test gateway on a loopback port of its own, its
// address handed to the tests (`inject('sipGateway')`), so a call in a browser test carries a real voice.

declare module 'vitest' {
  export interface ProvidedContext {
    sipGateway: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const gateway = createSipGateway('/sip');
  attachSipGateway(server, gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('sipGateway', `ws://127.0.0.1:${port}/sip`);
  return () =>
    new Promise<void>((resolve) => {
      gateway.close();
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
