import { afterEach, describe, expect, it } from 'vitest';
import { lockHeld, PollerLock } from '../../../../src/core/controllers/poller-lock';

// Two PollerLocks in one page stand in for two tabs of one visitor: Web Locks are shared by every context
// of an origin, so they compete for a name as two tabs would. Waiting is on the lock manager's own state
// (navigator.locks.query), never on a timer.

/** A side (tab) that counts how often it was told it polls now. */
interface Side {
  lock: PollerLock;
  granted: number;
}

const sides: Side[] = [];

function side(): Side {
  const s: Side = { lock: new PollerLock(() => (s.granted += 1)), granted: 0 };
  sides.push(s);
  return s;
}

/** A lock name of this test alone, so that the tests of this file (and of others) never compete. */
function uniqueName(): string {
  return `poller-lock-test:${crypto.randomUUID()}`;
}

/** How many hold and how many wait for `name`, as the browser's lock manager sees it. */
async function lockState(name: string): Promise<{ held: number; pending: number }> {
  const state = await navigator.locks.query();
  return {
    held: state.held?.filter((lock) => lock.name === name).length ?? 0,
    pending: state.pending?.filter((lock) => lock.name === name).length ?? 0,
  };
}

/** Two sides asking for a lock of their own name, the first granted it and the second waiting. */
async function contending(): Promise<{ name: string; first: Side; second: Side }> {
  const name = uniqueName();
  const first = side();
  const second = side();
  first.lock.request(name);
  second.lock.request(name);
  await expect.poll(() => lockState(name)).toEqual({ held: 1, pending: 1 });
  return { name, first, second };
}

/** Replaces `navigator.locks` for one test; the returned function restores the browser's own. */
function stubLocks(value: unknown): () => void {
  Object.defineProperty(navigator, 'locks', { configurable: true, get: () => value });
  // The own property shadows Navigator.prototype's getter; deleting it brings the real one back.
  return () => delete (navigator as { locks?: unknown }).locks;
}

afterEach(() => {
  for (const s of sides.splice(0)) s.lock.release();
});

describe('PollerLock with Web Locks', () => {
  it('grants the lock to exactly one of two sides; the other waits', async () => {
    const { first, second } = await contending();

    // The second request is still pending in the lock manager, so it cannot have been granted.
    expect(first.granted).toBe(1);
    expect(second.granted).toBe(0);
  });

  it('hands the lock to the waiting side when the holder releases it', async () => {
    const { name, first, second } = await contending();

    first.lock.release();

    await expect.poll(() => second.granted).toBe(1);
    expect(await lockState(name)).toEqual({ held: 1, pending: 0 });
    expect(first.granted).toBe(1);
  });

  it('hands the lock over when the tab that holds it goes away', async () => {
    const name = uniqueName();
    // Another document of this origin holds the lock, as another tab would, and is then removed (closed).
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>navigator.locks.request(${JSON.stringify(name)}, () => new Promise(() => {}));</script>`;
    document.body.append(frame);
    try {
      await expect.poll(() => lockState(name)).toEqual({ held: 1, pending: 0 });
      const waiting = side();
      waiting.lock.request(name);
      await expect.poll(() => lockState(name)).toEqual({ held: 1, pending: 1 });
      expect(waiting.granted).toBe(0);

      frame.remove();

      await expect.poll(() => waiting.granted).toBe(1);
      expect(await lockState(name)).toEqual({ held: 1, pending: 0 });
    } finally {
      frame.remove();
    }
  });

  it('holds nothing once released, and a side that stopped waiting is never granted the lock', async () => {
    const { name, first, second } = await contending();

    second.lock.release(); // stops waiting
    await expect.poll(() => lockState(name)).toEqual({ held: 1, pending: 0 });
    first.lock.release();

    await expect.poll(() => lockState(name)).toEqual({ held: 0, pending: 0 });
    expect(second.granted).toBe(0);
    expect(first.granted).toBe(1);
  });

  it('asks once: requesting again while holding or waiting changes nothing', async () => {
    const name = uniqueName();
    const first = side();
    const second = side();
    first.lock.request(name);
    first.lock.request(name);
    second.lock.request(name);
    second.lock.request(name);

    await expect.poll(() => lockState(name)).toEqual({ held: 1, pending: 1 });
    expect(first.granted).toBe(1);

    // One release is enough to hand the lock over: there is no second request of the first side behind it.
    first.lock.release();
    await expect.poll(() => second.granted).toBe(1);
    expect(await lockState(name)).toEqual({ held: 1, pending: 0 });
  });

  it('can request the lock again after releasing it', async () => {
    const name = uniqueName();
    const only = side();
    only.lock.request(name);
    await expect.poll(() => only.granted).toBe(1);
    only.lock.release();
    await expect.poll(() => lockState(name)).toEqual({ held: 0, pending: 0 });

    only.lock.request(name);

    await expect.poll(() => only.granted).toBe(2);
    expect(await lockState(name)).toEqual({ held: 1, pending: 0 });
  });

  it('a release before the grant gives the request up', async () => {
    const name = uniqueName();
    const only = side();
    only.lock.request(name);
    only.lock.release();

    // A released request is not left waiting or holding, whichever way the race with the grant went.
    const other = side();
    other.lock.request(name);
    await expect.poll(() => other.granted).toBe(1);
    expect(await lockState(name)).toEqual({ held: 1, pending: 0 });
    expect(only.granted).toBe(0);
  });

  it('keeps locks of different names apart', async () => {
    const one = uniqueName();
    const two = uniqueName();
    const first = side();
    const second = side();
    first.lock.request(one);
    second.lock.request(two);

    await expect.poll(() => first.granted).toBe(1);
    await expect.poll(() => second.granted).toBe(1);
    expect(await lockState(one)).toEqual({ held: 1, pending: 0 });
    expect(await lockState(two)).toEqual({ held: 1, pending: 0 });
  });
});

describe('lockHeld', () => {
  it('tells whether some side holds the lock of a name', async () => {
    const name = uniqueName();
    expect(await lockHeld(name)).toBe(false);
    const holder = side();
    holder.lock.request(name);
    await expect.poll(() => holder.granted).toBe(1);

    expect(await lockHeld(name)).toBe(true);
    expect(await lockHeld(uniqueName())).toBe(false);

    holder.lock.release();
    await expect.poll(() => lockHeld(name)).toBe(false);
  });

  it('is false without Web Locks', async () => {
    const restore = stubLocks(undefined);
    try {
      expect(await lockHeld(uniqueName())).toBe(false);
    } finally {
      restore();
    }
  });
});

describe('PollerLock without Web Locks', () => {
  it('makes every side its own poller at once, once per request', () => {
    const restore = stubLocks(undefined);
    try {
      const name = uniqueName();
      const first = side();
      const second = side();
      first.lock.request(name);
      second.lock.request(name);
      expect(first.granted).toBe(1);
      expect(second.granted).toBe(1);

      first.lock.request(name); // still "holding": nothing new
      expect(first.granted).toBe(1);
      first.lock.release();
      first.lock.request(name);
      expect(first.granted).toBe(2);
    } finally {
      restore();
    }
  });

  // An opaque origin (a sandboxed iframe without allow-same-origin, where the element is meant to work too)
  // has navigator.locks, but Chromium rejects every request there with a SecurityError.
  it('makes the side its own poller when the browser refuses Web Locks', async () => {
    const refusal = Promise.reject(new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'));
    refusal.catch(() => undefined);
    const restore = stubLocks({ request: () => refusal, query: () => refusal });
    try {
      const name = uniqueName();
      const first = side();
      const second = side();
      first.lock.request(name);
      second.lock.request(name);
      expect(await lockHeld(name)).toBe(false);

      await expect.poll(() => first.granted).toBe(1);
      await expect.poll(() => second.granted).toBe(1);
    } finally {
      restore();
    }
  });

  it('does not poll when released before the browser refused Web Locks', async () => {
    let refuse!: (error: unknown) => void;
    const refusal = new Promise<never>((_, reject) => (refuse = reject));
    const restore = stubLocks({ request: () => refusal });
    try {
      const only = side();
      only.lock.request(uniqueName());
      only.lock.release();

      refuse(new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'));
      // PollerLock's handler was attached first, so it has run once this one has.
      await refusal.catch(() => undefined);
      expect(only.granted).toBe(0);
    } finally {
      restore();
    }
  });
});
