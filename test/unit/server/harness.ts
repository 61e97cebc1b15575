// A proxy in front of the simulator for one test file, with its logs collected and a leak scan after each test:
// nothing the client received (headers, bodies) and no log line (failures, access log) may carry a secret.

import { afterEach, expect } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../../src/server/dev-server.ts';
import type { AccessLogEntry } from '../../../src/server/access-log.ts';
import type { ProxyOptions } from '../../../src/server/options.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator/index.ts';
import { APP_KEY, APP_SECRET, leaks, received, startUpstream, type Upstream, type UpstreamOptions } from './helpers.ts';

export const API_PATH = '/apiaccess/ccmessaging';

export interface Setup {
  sim: Simulator;
  upstream: Upstream;
  proxy: ProxyServer;
  /** The widget's view: the proxy's ccmessaging base. */
  api: string;
}

export interface Harness {
  logLines: string[];
  access: AccessLogEntry[];
  /** Runs at the end of the test (reverse order), before the leak scan. */
  cleanups: Array<() => Promise<void>>;
  /** Secrets only the logs must not carry (the visitors' ccmessaging tokens, which their answers do carry). */
  logSecrets: string[];
  setup(options?: { sim?: Partial<SimulatorOptions>; proxy?: Partial<ProxyOptions>; upstream?: UpstreamOptions }): Promise<Setup>;
  /** Options that collect this harness's logs. */
  logOptions(): Pick<ProxyOptions, 'log' | 'accessLog'>;
}

/** Call once at the top of a test file. */
export function useProxyHarness(): Harness {
  const issued: string[][] = [];
  const harness: Harness = {
    logLines: [],
    access: [],
    cleanups: [],
    logSecrets: [],
    logOptions: () => ({ log: (line) => harness.logLines.push(line), accessLog: (entry) => harness.access.push(entry) }),
    async setup(options = {}) {
      const sim = createSimulator({ appKey: APP_KEY, accessToken: 'placeholder', pollHoldMs: 400, ...options.sim });
      const upstream = await startUpstream({ simulator: sim, ...options.upstream });
      harness.cleanups.push(upstream.close);
      issued.push(upstream.issued);
      const proxy = await startProxyServer({
        port: 0,
        target: upstream.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        ...harness.logOptions(),
        ...options.proxy,
      });
      harness.cleanups.push(() => proxy.close(0));
      return { sim, upstream, proxy, api: `${proxy.url}${options.proxy?.pathPrefix ?? ''}${API_PATH}` };
    },
  };
  afterEach(async () => {
    for (const close of harness.cleanups.splice(0).reverse()) await close();
    const logText = [...harness.logLines, ...harness.access.map((entry) => JSON.stringify(entry))];
    const found = [...leaks([APP_SECRET, ...issued.flat()], received, logText), ...leaks(harness.logSecrets, [], logText)];
    received.length = 0;
    harness.logLines.length = 0;
    harness.access.length = 0;
    harness.logSecrets.length = 0;
    issued.length = 0;
    expect(found).toEqual([]);
  });
  return harness;
}
