// Node-only: the proxy as a stand-alone HTTP server (end-to-end tests, a quick local setup).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCcProxy, type ProxyOptions } from './proxy';

export interface StartProxyServerOptions extends ProxyOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface ProxyServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash); the widget's base-url is this plus pathPrefix. */
  url: string;
  /**
   * Graceful stop: no new connections; held long polls may end by themselves for `graceMs` (default 5 s), then
   * are answered empty; then the open connections are closed.
   */
  close(graceMs?: number): Promise<void>;
}

/** Serves the proxy alone: every other path answers 404. */
export async function startProxyServer(options: StartProxyServerOptions): Promise<ProxyServer> {
  const { port, host = '127.0.0.1', ...proxyOptions } = options;
  const proxy = createCcProxy(proxyOptions);
  const server = createServer((req, res) => proxy(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: async (graceMs?: number) => {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Idle keep-alive connections would hold close() open; the busy ones finish below.
      server.closeIdleConnections();
      await proxy.close(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
