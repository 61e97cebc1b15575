/**
 * Elects one poller among the tabs (and elements) of one visitor with the Web Locks API: the lock is held
 * for as long as this side polls, and the browser hands it to the next waiter when the holder releases it,
 * closes, reloads or navigates away. Without Web Locks every side is its own poller (`acquired` at once; when
 * the browser refuses them, as in an opaque origin, as soon as it does).
 */
export class PollerLock {
  #release: (() => void) | undefined;
  #abort: AbortController | undefined;
  readonly #acquired: () => void;

  constructor(acquired: () => void) {
    this.#acquired = acquired;
  }

  /** Waits for the lock named `name` (does nothing while holding or waiting for it); `acquired` when granted. */
  request(name: string): void {
    if (this.#abort) return;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      this.#abort = new AbortController();
      this.#acquired();
      return;
    }
    const abort = (this.#abort = new AbortController());
    let granted = false;
    locks
      .request(name, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return;
        granted = true;
        this.#acquired();
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        // Aborted while waiting; or refused (an opaque origin, e.g. a sandboxed iframe, has navigator.locks
        // but may not use it): then, as without Web Locks, this side is its own poller.
        if (!granted && !abort.signal.aborted) this.#acquired();
      });
  }

  /** Gives the lock up (or stops waiting for it). */
  release(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#release?.();
    this.#release = undefined;
  }
}

/** Whether some tab holds the lock `name` (false without Web Locks). Asks no server. */
export async function lockHeld(name: string): Promise<boolean> {
  try {
    const state = await navigator.locks.query();
    return !!state.held?.some((lock) => lock.name === name);
  } catch {
    return false;
  }
}
