import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PollLoop, type PollLoopOptions, type PollLoopState } from '../../../../src/core/controllers/poll-loop';

/** The smallest ReactiveControllerHost: what a non-Lit user (or the benchmark) would write. */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates += 1;
  }
}

interface Call {
  signal: AbortSignal;
  /** ms since the test's t0 */
  at: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

let t0 = 0;
const elapsed = () => Date.now() - t0;

/**
 * A run the test settles by hand (or after `answerAfterMs` on the fake clock, or with `fail`). It rejects when
 * its signal aborts, like fetch. `concurrent` tracks how many runs are unsettled at once.
 */
function server(behaviour: { answerAfterMs?: number; fail?: (n: number) => unknown; honourAbort?: boolean } = {}) {
  const calls: Call[] = [];
  let unsettled = 0;
  let maxConcurrent = 0;
  const run = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      unsettled += 1;
      maxConcurrent = Math.max(maxConcurrent, unsettled);
      const n = calls.length + 1;
      const done = (ok: boolean, error?: unknown) => {
        unsettled -= 1;
        if (ok) resolve();
        else reject(error);
      };
      let settled = false;
      const once = (ok: boolean, error?: unknown) => {
        if (settled) return;
        settled = true;
        done(ok, error);
      };
      calls.push({ signal, at: elapsed(), resolve: () => once(true), reject: (e) => once(false, e) });
      if (behaviour.honourAbort !== false) signal.addEventListener('abort', () => once(false, signal.reason));
      if (behaviour.fail) {
        const error = behaviour.fail(n);
        if (error !== undefined) {
          once(false, error);
          return;
        }
      }
      if (behaviour.answerAfterMs !== undefined) setTimeout(() => once(true), behaviour.answerAfterMs);
    });
  return {
    run,
    calls,
    get maxConcurrent() {
      return maxConcurrent;
    },
    starts: () => calls.map((c) => c.at),
  };
}

function loopWith(options: Partial<PollLoopOptions> & Pick<PollLoopOptions, 'run'>) {
  const host = new FakeHost();
  const states: PollLoopState[] = [];
  const loop = new PollLoop(host, {
    intervalMs: () => 1000,
    onStateChange: (s) => states.push(s),
    ...options,
  });
  return { host, loop, states };
}

/** Let promise callbacks run without moving the clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  t0 = Date.now();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('PollLoop scheduling', () => {
  it('registers with its host and starts with the first run at once', () => {
    const s = server();
    const { host, loop } = loopWith({ run: s.run });
    expect(host.controllers).toEqual([loop]);
    expect(loop.state).toBe('stopped');
    expect(loop.running).toBe(false);
    loop.start();
    expect(s.calls).toHaveLength(1);
    expect(loop).toMatchObject({ state: 'polling', running: true, inFlight: true, failures: 0 });
    expect(host.updates).toBeGreaterThan(0);
  });

  it('keeps exactly one run in flight: a run that never settles blocks the next forever', async () => {
    const s = server();
    const { loop } = loopWith({ run: s.run });
    loop.start();
    loop.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    loop.pollNow();
    loop.pollNow();
    await flush();
    expect(s.calls).toHaveLength(1);
    expect(loop.state).toBe('polling');
    expect(loop.inFlight).toBe(true);
  });

  it('measures the interval from the previous start when the server answers quickly', async () => {
    const s = server({ answerAfterMs: 300 });
    const { loop, states } = loopWith({ run: s.run });
    loop.start();
    await vi.advanceTimersByTimeAsync(3_500);
    expect(s.starts()).toEqual([0, 1000, 2000, 3000]);
    expect(states.slice(0, 4)).toEqual(['polling', 'waiting', 'polling', 'waiting']);
  });

  it('polls back-to-back when the server holds each request longer than the interval', async () => {
    const s = server({ answerAfterMs: 5_000 });
    const { loop, states } = loopWith({ run: s.run });
    loop.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.starts()).toEqual([0, 5000, 10000, 15000]);
    expect(s.maxConcurrent).toBe(1);
    // No 'waiting' flicker between back-to-back runs.
    expect(states).toEqual(['polling']);
  });

  it('reads intervalMs before each scheduling', async () => {
    let interval = 1000;
    const s = server({ answerAfterMs: 0 });
    const { loop } = loopWith({ run: s.run, intervalMs: () => interval });
    loop.start();
    await vi.advanceTimersByTimeAsync(1000);
    interval = 5000;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.starts()).toEqual([0, 1000, 6000, 11000]);
  });

  it('backs off exponentially with jitter on consecutive failures, telling onError the attempt and delay', async () => {
    const s = server({ fail: () => new Error('down') });
    const onError = vi.fn<NonNullable<PollLoopOptions['onError']>>();
    const { loop } = loopWith({ run: s.run, intervalMs: () => 100, onError, backoff: { random: () => 0.5 } });
    loop.start();
    await flush();
    expect(loop.state).toBe('backoff');
    await vi.advanceTimersByTimeAsync(60_000);
    // delays 500, 1000, 2000, 4000, 8000, 15000 (cap 30 s x 0.5), 15000 ...
    expect(s.starts().slice(0, 8)).toEqual([0, 500, 1500, 3500, 7500, 15500, 30500, 45500]);
    expect(onError.mock.calls.slice(0, 7).map(([, info]) => info)).toEqual([
      { attempt: 1, delayMs: 500 },
      { attempt: 2, delayMs: 1000 },
      { attempt: 3, delayMs: 2000 },
      { attempt: 4, delayMs: 4000 },
      { attempt: 5, delayMs: 8000 },
      { attempt: 6, delayMs: 15000 },
      { attempt: 7, delayMs: 15000 },
    ]);
    expect(onError.mock.calls[0][0]).toEqual(new Error('down'));
    expect(loop.failures).toBe(8);
    expect(loop.running).toBe(true);
  });

  it('never retries sooner than the interval after the failed start, nor sooner than the floor', async () => {
    const s = server({ fail: () => new Error('x') });
    const { loop } = loopWith({ run: s.run, intervalMs: () => 2000, backoff: { random: () => 0 } });
    loop.start();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(s.starts()).toEqual([0, 2000, 4000, 6000]);

    const fast = server({ fail: () => new Error('x') });
    const second = loopWith({ run: fast.run, intervalMs: () => 0, backoff: { random: () => 0 } });
    t0 = Date.now();
    second.loop.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fast.starts()).toEqual([0, 250, 500, 750, 1000]);
  });

  it('honours a Retry-After carried by the error (retryAfterMs by default, or retryAfterOf)', async () => {
    const busy = Object.assign(new Error('busy'), { retryAfterMs: 7_000 });
    const s = server({ fail: (n) => (n === 1 ? busy : undefined) });
    const { loop } = loopWith({ run: s.run, backoff: { random: () => 0.5 } });
    loop.start();
    await vi.advanceTimersByTimeAsync(6_999);
    expect(s.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.starts()).toEqual([0, 7000]);

    const custom = server({ fail: (n) => (n === 1 ? { status: 429, wait: 12_000 } : undefined) });
    const second = loopWith({
      run: custom.run,
      retryAfterOf: (e) => (e as { wait: number }).wait,
      backoff: { random: () => 0.5 },
    });
    t0 = Date.now();
    second.loop.start();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(custom.starts()).toEqual([0, 12000]);
  });

  it("stops for good when onError returns 'stop'", async () => {
    const s = server({ fail: () => new Error('fatal') });
    const onError = vi.fn(() => 'stop' as const);
    const { loop, states } = loopWith({ run: s.run, onError });
    loop.start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(s.calls).toHaveLength(1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(loop).toMatchObject({ state: 'stopped', running: false, inFlight: false, failures: 1 });
    expect(states).toEqual(['polling', 'stopped']);
  });

  it('calls onRecover once when a run succeeds after failures, and resets failures', async () => {
    const s = server({ fail: (n) => (n <= 2 ? new Error('flaky') : undefined), answerAfterMs: 10 });
    const onRecover = vi.fn();
    const { loop } = loopWith({ run: s.run, onRecover, backoff: { random: () => 0.5 } });
    loop.start();
    // Fails at 0 and 1000 (the interval outlasts the 500 ms backoff), succeeds at 2000 + 10.
    await vi.advanceTimersByTimeAsync(999);
    expect(loop.failures).toBe(1);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(loop.failures).toBe(2);
    expect(loop.state).toBe('polling');
    expect(onRecover).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10);
    expect(onRecover).toHaveBeenCalledTimes(1);
    expect(loop.failures).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.calls.length).toBeGreaterThan(10);
    expect(onRecover).toHaveBeenCalledTimes(1);
  });

  it('counts a run that throws synchronously as a failure', async () => {
    let n = 0;
    const onError = vi.fn();
    const { loop } = loopWith({
      run: () => {
        n += 1;
        throw new Error('sync');
      },
      intervalMs: () => 100,
      onError,
      backoff: { random: () => 0.5 },
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(n).toBe(3);
    expect(onError).toHaveBeenCalledTimes(3);
  });

  it('survives a callback that throws, reporting the exception', async () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const s = server({ fail: () => new Error('x') });
    const { loop } = loopWith({
      run: s.run,
      onError: () => {
        throw new Error('bug in onError');
      },
      intervalMs: () => 100,
      backoff: { random: () => 0.5 },
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(s.calls).toHaveLength(3);
    expect(reportError).toHaveBeenCalledWith(new Error('bug in onError'));
  });
});

describe('PollLoop stop, pollNow and the host', () => {
  it('stop() aborts the request in flight, clears the timer, and the abort is not a failure', async () => {
    const s = server();
    const onError = vi.fn();
    const { loop } = loopWith({ run: s.run, onError });
    loop.start();
    loop.stop();
    expect(s.calls[0].signal.aborted).toBe(true);
    expect(loop).toMatchObject({ state: 'stopped', running: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.calls).toHaveLength(1);
    expect(onError).not.toHaveBeenCalled();
    expect(loop.failures).toBe(0);
    expect(loop.inFlight).toBe(false);
  });

  it('stop() while waiting clears the timer; start() begins a fresh loop at once', async () => {
    const s = server({ answerAfterMs: 0 });
    const { loop } = loopWith({ run: s.run });
    loop.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(loop.state).toBe('waiting');
    loop.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.calls).toHaveLength(1);
    loop.start();
    expect(s.calls).toHaveLength(2);
    expect(s.calls[1].at).toBe(5500);
  });

  it('does not start a new run while an aborted one ignores its signal and has not settled', async () => {
    const s = server({ honourAbort: false });
    const { loop } = loopWith({ run: s.run });
    loop.start();
    loop.stop();
    loop.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.calls).toHaveLength(1);
    expect(loop.state).toBe('waiting');
    s.calls[0].resolve(); // the stale answer is dropped; the new loop's first run starts now
    await flush();
    expect(s.calls).toHaveLength(2);
    expect(s.maxConcurrent).toBe(1);
    expect(loop.state).toBe('polling');
  });

  it('pollNow() skips the wait', async () => {
    const s = server({ answerAfterMs: 0 });
    const { loop } = loopWith({ run: s.run, intervalMs: () => 10_000 });
    loop.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(loop.state).toBe('waiting');
    loop.pollNow();
    expect(s.starts()).toEqual([0, 2000]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.starts()).toEqual([0, 2000, 12000]);
  });

  it('pollNow() during a run makes one more run right after it, however often it is called', async () => {
    const s = server({ answerAfterMs: 100 });
    const { loop } = loopWith({ run: s.run, intervalMs: () => 10_000 });
    loop.start();
    loop.pollNow();
    loop.pollNow();
    loop.pollNow();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.starts()).toEqual([0, 100]);
    expect(s.maxConcurrent).toBe(1);
  });

  it('pollNow() does not cut a backoff short, nor run a stopped loop', async () => {
    const s = server({ fail: () => new Error('x') });
    const { loop } = loopWith({ run: s.run, backoff: { random: () => 0.5 } });
    loop.pollNow();
    expect(s.calls).toHaveLength(0);
    loop.start();
    await flush();
    expect(loop.state).toBe('backoff');
    loop.pollNow();
    await flush();
    expect(s.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.starts()).toEqual([0, 1000]);
  });

  it('hostDisconnected aborts and suspends; hostConnected resumes one loop with the rest of the wait', async () => {
    const s = server({ answerAfterMs: 0 });
    const { loop } = loopWith({ run: s.run, intervalMs: () => 3_000 });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_000);
    loop.hostDisconnected();
    expect(loop).toMatchObject({ state: 'paused', running: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.calls).toHaveLength(1);
    loop.hostConnected();
    loop.hostConnected();
    expect(s.calls).toHaveLength(2); // the wait was over while disconnected: at once
    await vi.advanceTimersByTimeAsync(1_000);
    loop.hostDisconnected();
    loop.hostConnected(); // a move in the DOM: 2 s of the 3 s wait remain
    await vi.advanceTimersByTimeAsync(1_999);
    expect(s.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.starts()).toEqual([0, 61000, 64000]);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(s.starts()).toEqual([0, 61000, 64000, 67000, 70000, 73000]);
  });

  it('a disconnect during a run aborts it; a reconnect runs again once, never two at a time', async () => {
    const s = server({ answerAfterMs: 5_000 });
    const onError = vi.fn();
    const { loop } = loopWith({ run: s.run, onError });
    loop.start();
    await vi.advanceTimersByTimeAsync(2_000);
    loop.hostDisconnected();
    loop.hostConnected();
    expect(s.calls[0].signal.aborted).toBe(true);
    await flush();
    expect(s.calls).toHaveLength(2);
    expect(s.maxConcurrent).toBe(1);
    expect(onError).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.starts()).toEqual([0, 2000, 7000]);
  });

  it('start() while the host is disconnected waits for hostConnected', () => {
    const s = server();
    const { loop } = loopWith({ run: s.run });
    loop.hostDisconnected();
    loop.start();
    expect(loop.state).toBe('paused');
    expect(s.calls).toHaveLength(0);
    loop.hostConnected();
    expect(s.calls).toHaveLength(1);
  });

  it('runs 10,000 loops in Node on a fake clock, each holding one timer and nothing else', async () => {
    let runs = 0;
    const loops = Array.from(
      { length: 10_000 },
      () =>
        new PollLoop(new FakeHost(), {
          run: () => {
            runs += 1;
            return Promise.resolve();
          },
          intervalMs: () => 1000,
        }),
    );
    for (const loop of loops) loop.start();
    expect(runs).toBe(10_000);
    await flush();
    expect(loops.every((loop) => loop.state === 'waiting' && !loop.inFlight)).toBe(true);
    expect(vi.getTimerCount()).toBe(10_000);
    for (const loop of loops) loop.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps 300 loops on their own schedules as the clock advances', async () => {
    // (Fake timers scan every pending timer on each step, so advancing 10,000 at once is slow in any code.)
    const starts = new Map<number, number[]>();
    const loops = Array.from({ length: 300 }, (_, i) => {
      starts.set(i, []);
      return new PollLoop(new FakeHost(), {
        run: () => {
          starts.get(i)?.push(elapsed());
          return Promise.resolve();
        },
        intervalMs: () => 1000 + i,
      });
    });
    for (const loop of loops) loop.start();
    await vi.advanceTimersByTimeAsync(3_000);
    for (const [i, times] of starts) {
      expect(times).toEqual([0, 1, 2, 3].map((n) => n * (1000 + i)).filter((t) => t <= 3000));
    }
    for (const loop of loops) loop.stop();
  });
});
