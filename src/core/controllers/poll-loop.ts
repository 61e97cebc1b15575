import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BACKOFF_BASE_MS, retryDelay, type BackoffOptions } from './backoff';

/**
 * - `stopped`: not started, or stopped;
 * - `polling`: a run is in flight;
 * - `waiting`: the last run succeeded; the next starts when the interval is over;
 * - `backoff`: the last run failed; the next starts when the backoff delay is over;
 * - `paused`: started, but the page is hidden, the browser is offline or the host is disconnected.
 */
export type PollLoopState = 'stopped' | 'polling' | 'waiting' | 'backoff' | 'paused';

export interface PollLoopOptions {
  /**
   * One request. Resolve when it has answered (the loop then schedules the next); throw to signal failure.
   * It must settle soon after `signal` aborts: the loop never starts a run while the previous one is unsettled.
   */
  run: (signal: AbortSignal) => Promise<void>;
  /** Shortest time between the starts of two runs, ms; read before each scheduling (may change). */
  intervalMs: () => number;
  /**
   * Decide on a failure: 'retry' (back off, then run again; the default) or 'stop' (the loop stops).
   * `attempt` counts consecutive failures (1 = the first); `delayMs` is the wait before the retry.
   */
  onError?: (error: unknown, info: { attempt: number; delayMs: number }) => 'retry' | 'stop' | void;
  /** Called once when a run succeeds after one or more failures. */
  onRecover?: () => void;
  /** Retry-After in ms carried by an error (default: reads `error.retryAfterMs` when a number). */
  retryAfterOf?: (error: unknown) => number | undefined;
  backoff?: BackoffOptions;
  /** Pause while the page is hidden (default true). */
  pauseWhenHidden?: boolean;
  /** Pause while the browser is offline (default true). */
  pauseWhenOffline?: boolean;
  /** Called after each change of {@link PollLoop.state}. */
  onStateChange?: (state: PollLoopState) => void;
}

/**
 * Runs `options.run` again and again, one request at a time: a Lit ReactiveController that also works with any
 * object implementing `ReactiveControllerHost` (no DOM needed).
 *
 * Timing: the next run starts when the previous has settled, and never sooner than `intervalMs()` after the
 * previous run's start; so a server that holds a request (long poll) is polled back-to-back, and one that
 * answers at once every `intervalMs()`. A failure backs off with full jitter (see `backoff.ts`; the attempt is
 * the number of consecutive failures) and honours a Retry-After. The loop never ends by itself unless
 * `onError` returns 'stop'.
 *
 * Pausing: while the page is hidden or the browser offline the loop makes no request at all (the run in flight
 * is aborted); when the page becomes visible or the browser comes back online it runs at once (coming back
 * online also resets the backoff attempt). The host's disconnection suspends it the same way; reconnecting
 * resumes the same loop, keeping what was left of its wait.
 *
 * An error from a run that the loop aborted itself (stop, pause, disconnection) is not a failure.
 * Timers are the global `setTimeout`/`clearTimeout` and time is `performance.now()`, so fake timers drive both.
 */
export class PollLoop implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: PollLoopOptions;

  #state: PollLoopState = 'stopped';
  #started = false;
  /** The host is disconnected: nothing runs until hostConnected. */
  #suspended = false;
  /** Hidden or offline: nothing runs until the page is visible and online. */
  #paused = false;
  #listening = false;
  #failures = 0;
  /** A failure happened since the last success (survives the reset of `#failures` on `online`). */
  #recovering = false;

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When `#timer` fires (performance.now() time), and which state it waits in. */
  #dueAt = 0;
  #dueState: 'waiting' | 'backoff' = 'waiting';
  /** What to resume with after hostConnected: the remaining wait, kept by hostDisconnected. */
  #resumeAt = 0;
  #resumeState: 'waiting' | 'backoff' = 'waiting';

  /** Incremented whenever the loop abandons what it was doing; a settling run from an older generation is ignored. */
  #generation = 0;
  #abortController: AbortController | undefined;
  #inFlight = false;
  #runGeneration = -1;
  #lastStart = -Infinity;
  /** A run was asked for while an abandoned run was still settling: start it when that one settles. */
  #launchOnSettle = false;
  /** pollNow() during the current run: skip the interval after it succeeds. */
  #skipWait = false;

  constructor(host: ReactiveControllerHost, options: PollLoopOptions) {
    this.#options = options;
    (this.#host = host).addController(this);
  }

  /** See {@link PollLoopState}. */
  get state(): PollLoopState {
    return this.#state;
  }

  /** True from start() until stop(), also while paused or while the host is disconnected. */
  get running(): boolean {
    return this.#started;
  }

  /** True from a run's start until its promise settles (a run the loop aborted counts until it settles). */
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Consecutive failures; 0 after a success, after start() and when the browser comes back online. */
  get failures(): number {
    return this.#failures;
  }

  /** Resumes a loop that hostDisconnected suspended (the same loop: never a second one). */
  hostConnected(): void {
    if (!this.#suspended) {
      // Lit also calls this on the first connection, when the loop may already run.
      if (this.#started) this.#listen();
      return;
    }
    this.#suspended = false;
    if (!this.#started) return;
    this.#listen();
    if (this.#pauseWanted()) {
      this.#paused = true;
      this.#setState('paused');
      return;
    }
    const now = this.#now();
    const delay = Math.max(0, this.#resumeAt - now, this.#lastStart + this.#interval() - now);
    if (delay > 0) this.#schedule(delay, this.#resumeState);
    else this.#launch();
  }

  /** Aborts the run in flight, clears timers and listeners; the loop stays started and resumes on hostConnected. */
  hostDisconnected(): void {
    if (this.#suspended) return;
    this.#suspended = true;
    this.#unlisten();
    if (!this.#started) return;
    this.#resumeAt = this.#timer !== undefined ? this.#dueAt : 0;
    this.#resumeState = this.#timer !== undefined ? this.#dueState : 'waiting';
    this.#halt();
    this.#paused = false;
    this.#setState('paused');
  }

  /**
   * Starts the loop: the first run at once (unless the page is hidden, the browser offline or the host
   * disconnected: then as soon as that ends). Does nothing when already started.
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#failures = 0;
    this.#recovering = false;
    this.#lastStart = -Infinity;
    this.#resumeAt = 0;
    this.#resumeState = 'waiting';
    if (this.#suspended) {
      this.#setState('paused');
      return;
    }
    this.#listen();
    if (this.#pauseWanted()) {
      this.#paused = true;
      this.#setState('paused');
      return;
    }
    this.#launch();
  }

  /** Aborts the run in flight, clears timers and listeners; state 'stopped'. start() begins anew. */
  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#paused = false;
    this.#unlisten();
    this.#halt();
    this.#setState('stopped');
  }

  /**
   * Runs as soon as no request is in flight, skipping what is left of the interval: at once when the loop is
   * waiting, right after the current run when one is in flight (several calls make one extra run).
   * It does not cut a backoff short (a failing server is not hammered by callers polling on each keystroke),
   * and does nothing while the loop is stopped, paused or suspended.
   */
  pollNow(): void {
    if (!this.#active() || this.#state === 'backoff') return;
    if (this.#inFlight && this.#runGeneration === this.#generation) {
      this.#skipWait = true;
      return;
    }
    this.#launch();
  }

  #active(): boolean {
    return this.#started && !this.#suspended && !this.#paused;
  }

  /** Starts a run now, or as soon as an abandoned run has settled. */
  #launch(): void {
    this.#clearTimer();
    if (!this.#active()) return;
    if (this.#inFlight) {
      this.#launchOnSettle = true;
      this.#setState('waiting');
      return;
    }
    const generation = this.#generation;
    const controller = new AbortController();
    this.#abortController = controller;
    this.#inFlight = true;
    this.#runGeneration = generation;
    this.#lastStart = this.#now();
    this.#setState('polling');
    let pending: Promise<void>;
    try {
      pending = Promise.resolve(this.#options.run(controller.signal));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      () => this.#settled(generation, true, undefined),
      (error: unknown) => this.#settled(generation, false, error),
    );
  }

  #settled(generation: number, ok: boolean, error: unknown): void {
    this.#inFlight = false;
    this.#abortController = undefined;
    if (generation !== this.#generation) {
      // Abandoned by stop/pause/disconnection: its outcome means nothing, whatever it was.
      if (this.#launchOnSettle) {
        this.#launchOnSettle = false;
        this.#launch();
      }
      return;
    }
    const sinceStart = this.#lastStart + this.#interval() - this.#now();
    if (ok) {
      this.#failures = 0;
      const skip = this.#skipWait;
      this.#skipWait = false;
      if (this.#recovering) {
        this.#recovering = false;
        this.#call(() => this.#options.onRecover?.());
      }
      if (this.#changedBy(generation)) return;
      this.#schedule(skip ? 0 : Math.max(0, sinceStart), 'waiting');
      return;
    }
    this.#failures += 1;
    this.#recovering = true;
    this.#skipWait = false;
    const retryAfter = this.#call(() => (this.#options.retryAfterOf ?? defaultRetryAfterOf)(error));
    const delayMs = Math.max(
      retryDelay(this.#failures, typeof retryAfter === 'number' ? retryAfter : undefined, this.#options.backoff),
      sinceStart,
    );
    const decision = this.#call(() => this.#options.onError?.(error, { attempt: this.#failures, delayMs }));
    if (decision === 'stop') {
      this.stop();
      return;
    }
    if (this.#changedBy(generation)) return;
    this.#schedule(delayMs, 'backoff');
  }

  /** A callback (onRecover, onError) stopped, restarted or relaunched the loop itself. */
  #changedBy(generation: number): boolean {
    return generation !== this.#generation || !this.#active() || this.#inFlight || this.#timer !== undefined;
  }

  /** Waits `delay` ms in `state`, or runs at once when nothing is left to wait. */
  #schedule(delay: number, state: 'waiting' | 'backoff'): void {
    this.#clearTimer();
    // Back-to-back, unless the last run answered within the same millisecond (interval 0 and a cached answer):
    // then a timer yields to the event loop, so a chain of instant answers never starves the page.
    if (delay <= 0 && this.#now() - this.#lastStart >= 1) {
      this.#launch();
      return;
    }
    this.#dueAt = this.#now() + delay;
    this.#dueState = state;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#launch();
    }, delay);
    if (delay > 0 || state === 'backoff') this.#setState(state);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Abandons the run in flight and the pending timer. */
  #halt(): void {
    this.#generation += 1;
    this.#clearTimer();
    this.#launchOnSettle = false;
    this.#skipWait = false;
    this.#abortController?.abort();
    this.#abortController = undefined;
  }

  #pauseWanted(): boolean {
    const hidden =
      this.#options.pauseWhenHidden !== false &&
      typeof document !== 'undefined' &&
      document.visibilityState === 'hidden';
    const offline =
      this.#options.pauseWhenOffline !== false && typeof navigator !== 'undefined' && navigator.onLine === false;
    return hidden || offline;
  }

  readonly #onEnvironmentChange = (event: Event): void => {
    if (!this.#started || this.#suspended) return;
    const online = event.type === 'online';
    if (online) this.#failures = 0;
    if (this.#pauseWanted()) {
      if (!this.#paused) {
        this.#paused = true;
        this.#halt();
        this.#setState('paused');
      }
      return;
    }
    const visible = event.type === 'visibilitychange' && document.visibilityState === 'visible';
    if (this.#paused) {
      this.#paused = false;
      this.#launch();
    } else if ((online || visible) && !(this.#inFlight && this.#runGeneration === this.#generation)) {
      // Back from a gap (sleep, network loss): catch up at once rather than after a wait or a backoff.
      this.#launch();
    }
  };

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    if (this.#options.pauseWhenHidden !== false && typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.#onEnvironmentChange);
    }
    if (this.#options.pauseWhenOffline !== false && typeof window !== 'undefined') {
      window.addEventListener('online', this.#onEnvironmentChange);
      window.addEventListener('offline', this.#onEnvironmentChange);
    }
  }

  #unlisten(): void {
    if (!this.#listening) return;
    this.#listening = false;
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this.#onEnvironmentChange);
    }
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.#onEnvironmentChange);
      window.removeEventListener('offline', this.#onEnvironmentChange);
    }
  }

  #setState(state: PollLoopState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#host.requestUpdate();
    this.#call(() => this.#options.onStateChange?.(state));
  }

  #interval(): number {
    let value: number;
    try {
      value = this.#options.intervalMs();
    } catch (error) {
      report(error);
      // A broken interval source must not turn into a zero-delay loop.
      return BACKOFF_BASE_MS;
    }
    return typeof value === 'number' && value > 0 ? value : 0;
  }

  #now(): number {
    return typeof performance !== 'undefined' ? performance.now() : Date.now();
  }

  /** Runs a caller's callback; an exception is reported, never allowed to end the loop. */
  #call<T>(callback: () => T): T | undefined {
    try {
      return callback();
    } catch (error) {
      report(error);
      return undefined;
    }
  }
}

function defaultRetryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === 'number' ? value : undefined;
}

function report(error: unknown): void {
  const global = globalThis as { reportError?: (error: unknown) => void };
  if (typeof global.reportError === 'function') global.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}
