// A Redis connection for the limits when only a URL is given (CEC_REDIS_URL). `redis` (node-redis) is an optional
// peer dependency: loaded only here, only when asked for, so a proxy without Redis needs nothing more installed.

import { createRequire } from 'node:module';
import type { RedisClientLike } from './limits';

export interface RedisOptions {
  /** `redis://[:password@]host:port[/db]`; the proxy connects, and disconnects on close(). Never logged. */
  url?: string;
  /** A client you created and connected (node-redis v4+ or ioredis); the proxy never closes it. */
  client?: RedisClientLike;
  /** Key prefix for the limit counters, default `cc-proxy`. */
  keyPrefix?: string;
}

interface NodeRedisClient {
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(): Promise<unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
}

export interface RedisConnection {
  client: RedisClientLike;
  close(): Promise<void>;
}

/**
 * Connects to `url` with node-redis, retrying in the background; errors go to `report` (never with the URL).
 * Loaded with require (node-redis ships CommonJS), so the proxy can be created synchronously.
 */
export function connectRedis(url: string, report: (message: string) => void): RedisConnection {
  let module: { createClient(options: object): NodeRedisClient };
  try {
    module = createRequire(import.meta.url)('redis') as typeof module;
  } catch {
    throw new Error('cc proxy: a Redis URL is set, but the `redis` package is not installed (npm install redis)');
  }
  const client = module.createClient({ url, socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 5_000) } });
  let lastReport = 0;
  client.on('error', (error) => {
    // A down Redis fails every reconnect: one line every 30 s is enough.
    if (Date.now() - lastReport < 30_000) return;
    lastReport = Date.now();
    const code = (error as { code?: unknown }).code;
    report(`cc-proxy: Redis is unreachable (${typeof code === 'string' ? code : error.name}); limits are kept in memory meanwhile`);
  });
  const ready = client.connect().then(
    () => undefined,
    () => undefined,
  );
  return {
    client,
    close: async () => {
      await ready;
      await (client.close ?? client.quit)?.call(client).catch(() => undefined);
    },
  };
}
