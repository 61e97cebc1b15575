// Rate limits per client address and per ccmessaging token, with rate-limiter-flexible: in this process's memory,
// or in Redis when several proxy processes share the load (then an in-memory limiter stands in while Redis is
// unreachable, so a Redis outage neither stops the chat nor lifts the limits).

import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/**
 * `points` requests per `seconds`, plus a reserve of `burst` more spread over ten such windows (a page reloaded a
 * few times in a row, a burst of typing). rate-limiter-flexible's BurstyRateLimiter: its token-bucket equivalent.
 */
export interface RateLimit {
  points: number;
  seconds: number;
  /** Default 0 (no reserve). */
  burst?: number;
}

export interface LimitOptions {
  /** applyToken per client address (no token exists yet). */
  applyTokenPerAddress?: RateLimit;
  /** Conversation and call starts (send with controlType CONNECT, createClickToCall) per address. */
  connectPerAddress?: RateLimit;
  /** The same per ccmessaging token. */
  connectPerToken?: RateLimit;
  /** Every other request (polls, sends, queue and history queries…) per address. */
  requestsPerAddress?: RateLimit;
  /** The same per ccmessaging token. */
  requestsPerToken?: RateLimit;
  /** Long polls held at once by this process; beyond, 503 with Retry-After. */
  maxHeldPolls?: number;
}

export type ResolvedLimits = Required<LimitOptions>;
export type LimitName = Exclude<keyof LimitOptions, 'maxHeldPolls'>;
/** What a request spends: applyToken, a conversation start, or anything else. */
export type LimitClass = 'applyToken' | 'connect' | 'requests';

/**
 * Defaults a visitor never meets. One visitor applies for a token once per page load and CONNECTs once per
 * conversation; its poll loop runs at most once a second (the widget's poll-interval) when the contact center
 * answers at once, the call's event loop as often, typing signals every 5 s. The per-address figures leave
 * room for an office or a mobile carrier putting many visitors behind one address.
 */
export const DEFAULT_LIMITS: ResolvedLimits = {
  applyTokenPerAddress: { points: 30, seconds: 60, burst: 30 },
  connectPerAddress: { points: 30, seconds: 60, burst: 30 },
  connectPerToken: { points: 6, seconds: 60, burst: 6 },
  requestsPerAddress: { points: 1200, seconds: 60, burst: 600 },
  requestsPerToken: { points: 300, seconds: 60, burst: 150 },
  maxHeldPolls: 4000,
};

const BURST_WINDOWS = 10;

const ADDRESS_LIMITS: Record<LimitClass, LimitName> = {
  applyToken: 'applyTokenPerAddress',
  connect: 'connectPerAddress',
  requests: 'requestsPerAddress',
};
const TOKEN_LIMITS: Record<LimitClass, LimitName | null> = {
  applyToken: null,
  connect: 'connectPerToken',
  requests: 'requestsPerToken',
};

function checkLimit(value: unknown, name: string): RateLimit {
  const limit = value as RateLimit;
  const whole = (n: unknown, min: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min;
  if (!limit || typeof limit !== 'object' || !whole(limit.points, 1) || !whole(limit.seconds, 1) || !(limit.burst === undefined || whole(limit.burst, 0))) {
    throw new TypeError(`cc proxy: limits.${name} must be { points, seconds, burst? } in whole numbers (points and seconds at least 1)`);
  }
  return { points: limit.points, seconds: limit.seconds, burst: limit.burst ?? 0 };
}

export function resolveLimits(options: LimitOptions | undefined): ResolvedLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as Array<keyof LimitOptions>) {
    const value = options?.[name];
    if (value === undefined) continue;
    if (name === 'maxHeldPolls') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new TypeError('cc proxy: limits.maxHeldPolls must be a whole number of at least 1');
      }
      out.maxHeldPolls = value;
    } else {
      out[name] = checkLimit(value, name);
    }
  }
  return out;
}

/** The part of a Redis client the limiter needs: node-redis (v4 and later) or ioredis. */
export type RedisClientLike = object;

export interface LimitStore {
  /** A connected (or connecting) client; the limits then live in Redis. */
  redis?: RedisClientLike;
  /** Key prefix in Redis, default `cc-proxy`. */
  keyPrefix?: string;
}

interface Limiter {
  consume(key: string): Promise<RateLimiterRes>;
}

function createLimiter(name: string, limit: RateLimit, store: LimitStore): Limiter {
  const prefix = `${store.keyPrefix ?? 'cc-proxy'}:${name}`;
  const make = (points: number, duration: number, keyPrefix: string): RateLimiterAbstract => {
    const options: IRateLimiterOptions = { points, duration, keyPrefix };
    if (!store.redis) return new RateLimiterMemory(options);
    const client = store.redis as { defineCommand?: unknown };
    return new RateLimiterRedis({
      ...options,
      storeClient: store.redis,
      // ioredis is recognized by defineCommand; anything else is taken for node-redis.
      useRedisPackage: typeof client.defineCommand !== 'function',
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
  const main = make(limit.points, limit.seconds, prefix);
  if (!limit.burst) return main;
  return new BurstyRateLimiter(main, make(limit.burst, limit.seconds * BURST_WINDOWS, `${prefix}:burst`));
}

export interface LimitRefusal {
  /** Which limit refused, e.g. `requestsPerToken`. */
  limit: LimitName;
  /** Whole seconds until a request would pass (at least 1). */
  retryAfterSeconds: number;
}

export class RateLimits {
  readonly #limiters = new Map<LimitName, Limiter>();
  readonly #onStoreError: (error: unknown) => void;

  constructor(limits: ResolvedLimits, store: LimitStore, onStoreError: (error: unknown) => void) {
    for (const name of Object.values(ADDRESS_LIMITS).concat(Object.values(TOKEN_LIMITS).filter((n) => n !== null))) {
      this.#limiters.set(name, createLimiter(name, limits[name], store));
    }
    this.#onStoreError = onStoreError;
  }

  /**
   * Spends one point of the address's limit, then of the token's (when there is one). Null when both allow the
   * request. A store failure that even the in-memory stand-in cannot absorb lets the request through (reported).
   */
  async spend(kind: LimitClass, addressKey: string, tokenKey: string | null): Promise<LimitRefusal | null> {
    const names: Array<[LimitName, string]> = [[ADDRESS_LIMITS[kind], addressKey]];
    const tokenLimit = TOKEN_LIMITS[kind];
    if (tokenLimit && tokenKey) names.push([tokenLimit, tokenKey]);
    for (const [name, key] of names) {
      try {
        await this.#limiters.get(name)!.consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return { limit: name, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        }
        this.#onStoreError(error);
      }
    }
    return null;
  }
}
