// With several proxy processes, a visitor's newer poll may reach another process than the poll it replaces (a
// reload, a tab takeover, a balancer without affinity). Each process announces the polls it takes on over Redis
// pub/sub; a process holding an older poll of the same token answers it empty, as it would for a poll of its own.
// Only with node-redis (v4 and later: `duplicate()`, `subscribe(channel, listener)`); other clients keep the rule
// per process. The messages carry hashed keys only.

interface NodeRedisLike {
  isReady?: boolean;
  duplicate(): NodeRedisLike;
  connect(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  publish(channel: string, message: string): Promise<unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
}

export interface PollBroadcast {
  /** Tells the other processes that poll `id` now holds `key`. */
  announce(key: string, id: string): void;
  close(): Promise<void>;
}

function isNodeRedis(client: unknown): client is NodeRedisLike {
  const c = client as Partial<NodeRedisLike> & { defineCommand?: unknown };
  return typeof c.duplicate === 'function' && typeof c.publish === 'function' && typeof c.defineCommand !== 'function';
}

/** Null when the client is not node-redis. `onReplaced(key, id)` runs for every announcement, this process's too. */
export function redisPollBroadcast(
  client: unknown,
  channel: string,
  onReplaced: (key: string, id: string) => void,
): PollBroadcast | null {
  if (!isNodeRedis(client)) return null;
  const subscriber = client.duplicate();
  // Its failures are the main connection's too, which reports them.
  subscriber.on('error', () => undefined);
  const subscribed = subscriber
    .connect()
    .then(() =>
      subscriber.subscribe(channel, (message) => {
        const at = message.indexOf('\n');
        if (at > 0) onReplaced(message.slice(at + 1), message.slice(0, at));
      }),
    )
    .catch(() => undefined);
  return {
    announce(key, id) {
      // Not while disconnected: a queued announcement sent later could displace a newer poll.
      if (client.isReady !== true) return;
      client.publish(channel, `${id}\n${key}`).catch(() => undefined);
    },
    async close() {
      await subscribed;
      await (subscriber.close ?? subscriber.quit)?.call(subscriber).catch(() => undefined);
    },
  };
}
