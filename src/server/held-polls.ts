// The long polls this process holds: one per ccmessaging token and operation, a cap on all of them, and the
// shutdown that lets them finish. A held poll costs a socket to the browser, one to the contact center and the
// request's memory, for up to a minute, so an unbounded number of them is the cheapest way to exhaust a process.
//
// A second poll for the same token replaces the first, which is answered empty (as if nothing had arrived), rather
// than being refused with 429. The widget's tabs share one token and elect one poller; when that tab reloads, closes
// or loses the election, the new poller starts at once while the old request may still be held (its close not yet
// seen through a load balancer, a half-open connection, a frozen tab). Refusing would keep the live tab deaf until
// the stale poll ended (up to the contact center's hold time) and show it a rate-limit error; replacing lets the
// newest poll, the one a visitor is looking at, take over at once. The first poll's upstream request is cancelled
// before any answer arrives, so no message is taken from the queue and then dropped. Two tabs that both poll
// (browsers without Web Locks) then alternate, each poll held until the other's next one: no message is lost and
// the rate stays bounded by the widget's poll interval and by the per-token limit. With several processes sharing
// Redis, the newer poll may reach another process: poll-broadcast.ts tells the one holding the older poll.

export interface HeldPoll {
  /** Which poll holds the slot, unique across processes: another process names it when it takes the slot over. */
  readonly id: string;
  /** Gives the slot back (the upstream answer arrived, or the client went away). Idempotent. */
  release(): void;
}

/** Why a held poll was let go early: a newer poll of its token, or the shutdown's grace period ran out. */
export type DisplaceReason = 'replaced' | 'shutdown';

interface Entry {
  id: string;
  /** Answers the poll empty and cancels its upstream request. */
  displace: (reason: DisplaceReason) => void;
}

/** This process's prefix for poll ids: random, so two processes never share one. */
const PROCESS_ID = Math.random().toString(36).slice(2, 10);
let pollCounter = 0;

export class HeldPolls {
  readonly #max: number;
  readonly #held = new Map<string, Entry>();
  #onEmpty: (() => void) | null = null;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#held.size;
  }

  /**
   * Takes the slot of `key` (e.g. operation + token hash), displacing the poll that holds it. Null when the
   * process already holds its maximum and `key` holds none of them.
   */
  hold(key: string, displace: (reason: DisplaceReason) => void): HeldPoll | null {
    const previous = this.#held.get(key);
    if (!previous && this.#held.size >= this.#max) return null;
    pollCounter += 1;
    const entry: Entry = { id: `${PROCESS_ID}-${pollCounter}`, displace };
    this.#held.set(key, entry);
    previous?.displace('replaced');
    return {
      id: entry.id,
      release: () => {
        if (this.#held.get(key) !== entry) return;
        this.#held.delete(key);
        if (this.#held.size === 0) this.#onEmpty?.();
      },
    };
  }

  /**
   * Another process took the slot of `key` over for the poll `id` (a newer poll of the same token reached it):
   * the poll held here, if it is another one, is answered empty.
   */
  replacedElsewhere(key: string, id: string): void {
    const entry = this.#held.get(key);
    if (!entry || entry.id === id) return;
    this.#held.delete(key);
    entry.displace('replaced');
    if (this.#held.size === 0) this.#onEmpty?.();
  }

  /** Waits up to `graceMs` for the held polls to end by themselves, then answers the rest empty. */
  async drain(graceMs: number): Promise<void> {
    if (this.#held.size > 0 && graceMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.#onEmpty = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#onEmpty = null;
    }
    for (const [key, entry] of [...this.#held]) {
      this.#held.delete(key);
      entry.displace('shutdown');
    }
  }
}
