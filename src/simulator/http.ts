// Node-only: serve a simulator over real HTTP, as a connect/express middleware (the Vite dev server,
// an Express app) or as a stand-alone server (end-to-end tests).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createMiddleware } from '@mswjs/http-middleware';
import { createSimulator, type Simulator } from './index';
import { CONNECTION_HEADER, connectionDestroyers, connectionSignals } from './state';

export type NextFunction = (error?: unknown) => void;
export type SimulatorMiddleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;

/** Only these paths go to MSW; everything else is passed on untouched (its body is not read). */
const SIMULATOR_PATHS = ['/apiaccess/ccmessaging/', '/__sim/'];
/** Answered only by a simulator created with appKey and appSecret (see createOAuthHandlers). */
const OAUTH_PATH = '/apigovernance/api/oauth/';

let connectionCounter = 0;

/**
 * @mswjs/http-middleware expects an Express request (`req.get()`, `req.header()`, `req.protocol`);
 * a plain Node/connect request (Vite's dev server) gets small stand-ins.
 */
function adaptRequest(req: IncomingMessage): void {
  const target = req as unknown as Record<string, unknown>;
  if (typeof target.get !== 'function') {
    const get = (name: string): string | undefined => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    Object.defineProperty(req, 'get', { value: get, configurable: true, writable: true });
    if (typeof target.header !== 'function') {
      Object.defineProperty(req, 'header', { value: get, configurable: true, writable: true });
    }
  }
  if (typeof target.protocol !== 'string') {
    const encrypted = (req.socket as TLSSocket).encrypted === true;
    Object.defineProperty(req, 'protocol', { value: encrypted ? 'https' : 'http', configurable: true });
  }
}

/**
 * A connect/express-style middleware answering the simulator's API and control paths (under any
 * prefix); other requests go to `next()`. When a client drops its connection, the simulator sees
 * the request as aborted (ends a hold or a 'hang' fault).
 */
export function createSimulatorMiddleware(sim: Simulator): SimulatorMiddleware {
  const mswMiddleware = createMiddleware(...sim.handlers);
  const paths = sim.options.appKey && sim.options.appSecret ? [...SIMULATOR_PATHS, OAUTH_PATH] : SIMULATOR_PATHS;
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!paths.some((marker) => path.includes(marker))) {
      next();
      return;
    }
    adaptRequest(req);
    const id = `${++connectionCounter}`;
    const controller = new AbortController();
    connectionSignals.set(id, controller.signal);
    connectionDestroyers.set(id, () => res.destroy());
    req.headers[CONNECTION_HEADER] = id;
    res.on('close', () => {
      connectionSignals.delete(id);
      connectionDestroyers.delete(id);
      controller.abort();
    });
    // Writing an answer after the client left must not crash the server.
    res.on('error', () => {});
    // A fault that destroyed the connection leaves MSW failing to write its answer (a network-error Response
    // has status 0): nothing is left to answer, so that failure goes nowhere.
    const nextUnlessGone: NextFunction = (error) => {
      if (!res.destroyed) next(error);
    };
    void mswMiddleware(req as never, res as never, nextUnlessGone);
  };
}

export interface StartSimulatorServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a new simulator with default options. */
  simulator?: Simulator;
}

export interface SimulatorServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  simulator: Simulator;
  /** Stops the server, dropping open connections (pending holds end). */
  close(): Promise<void>;
}

export async function startSimulatorServer(options: StartSimulatorServerOptions): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const simulator = options.simulator ?? createSimulator();
  const middleware = createSimulatorMiddleware(simulator);
  const server = createServer((req, res) => {
    middleware(req, res, (error?: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.statusCode = error ? 500 : 404;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(error ? { error: String(error) } : { error: 'Not found' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    simulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
