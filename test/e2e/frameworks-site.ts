import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { SipGateway } from '../../demo/sip-gateway';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';
import { createSimulatorMiddleware } from '../../src/simulator/http';
import { listenWithGateway, STRICT_CSP } from './static-server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The poll requests as the server sees them: it is one loop while no two are ever held at once. */
export interface PollWatch {
  /** Polls received so far. */
  readonly started: number;
  /** Polls being answered now. */
  readonly inFlight: number;
  /** Polls that have ended (answered, or dropped by the page). */
  readonly ended: number;
  /** Whether the first `count` polls received have all ended. */
  endedAllOf(count: number): boolean;
  /** The most polls in flight at once since the last `restart()`. */
  readonly maxInFlight: number;
  /** Counts `maxInFlight` from now (from the polls in flight now). */
  restart(): void;
}

export interface FrameworksSite {
  url: string;
  simulator: Simulator;
  gateway: SipGateway;
  polls: PollWatch;
  close(): Promise<void>;
}

/**
 * The framework apps as built into `root` (test/frameworks/build.ts), served as a site serves its own
 * build, under a strict CSP, with the simulator answering /apiaccess/ccmessaging/... and /__sim/... at the
 * same origin and the SIP test gateway at ws://…/sip.
 */
export async function startFrameworksSite(root: string, options: Partial<SimulatorOptions>): Promise<FrameworksSite> {
  const simulator = createSimulator(options);
  const api = createSimulatorMiddleware(simulator);
  const open: boolean[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const polls: PollWatch = {
    get started() {
      return open.length;
    },
    get inFlight() {
      return inFlight;
    },
    get ended() {
      return open.length - inFlight;
    },
    endedAllOf(count) {
      return open.slice(0, count).every((stillOpen) => !stillOpen);
    },
    get maxInFlight() {
      return maxInFlight;
    },
    restart() {
      maxInFlight = inFlight;
    },
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.endsWith('/apiaccess/ccmessaging/poll')) {
      const index = open.push(true) - 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // 'close' comes once per response: sent in full, or its connection dropped by the page.
      res.once('close', () => {
        open[index] = false;
        inFlight -= 1;
      });
    }
    api(req, res, async () => {
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      const type = TYPES[extname(file)];
      if (!file.startsWith(root) || !type) {
        res.writeHead(404).end('not found');
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': STRICT_CSP }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
  });
  return { simulator, polls, ...(await listenWithGateway(server, simulator)) };
}
