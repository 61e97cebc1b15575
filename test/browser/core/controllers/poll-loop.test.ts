import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { html, LitElement } from 'lit';
import { PollLoop } from '../../../../src/core/controllers/poll-loop';

interface Call {
  signal: AbortSignal;
  resolve: () => void;
}

/** A real Lit host: the loop is created in the constructor, as an element would, and its state rendered. */
class PollLoopTestHost extends LitElement {
  readonly calls: Call[] = [];
  unsettled = 0;
  maxConcurrent = 0;
  answerAfterMs: number | undefined;
  failNext = 0;

  readonly loop = new PollLoop(this, {
    intervalMs: () => 1000,
    backoff: { random: () => 0.5 },
    run: (signal) =>
      new Promise<void>((resolve, reject) => {
        this.unsettled += 1;
        this.maxConcurrent = Math.max(this.maxConcurrent, this.unsettled);
        let settled = false;
        const settle = (error?: unknown) => {
          if (settled) return;
          settled = true;
          this.unsettled -= 1;
          if (error === undefined) resolve();
          else reject(error);
        };
        this.calls.push({ signal, resolve: () => settle() });
        signal.addEventListener('abort', () => settle(signal.reason));
        if (this.failNext > 0) {
          this.failNext -= 1;
          settle(new Error('server down'));
        } else if (this.answerAfterMs !== undefined) {
          setTimeout(() => settle(), this.answerAfterMs);
        }
      }),
  });

  override render() {
    return html`<p>${this.loop.state}</p>`;
  }
}
if (!customElements.get('poll-loop-test-host')) customElements.define('poll-loop-test-host', PollLoopTestHost);

let visibility: DocumentVisibilityState = 'visible';
let onLine = true;

function setVisibility(value: DocumentVisibilityState): void {
  visibility = value;
  document.dispatchEvent(new Event('visibilitychange'));
}

function setOnline(value: boolean): void {
  onLine = value;
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

async function mount(): Promise<PollLoopTestHost> {
  const el = document.createElement('poll-loop-test-host') as PollLoopTestHost;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

async function renderedState(el: PollLoopTestHost): Promise<string | undefined> {
  await el.updateComplete;
  return el.shadowRoot?.querySelector('p')?.textContent ?? undefined;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  visibility = 'visible';
  onLine = true;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => onLine });
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  // Drop the own properties: the prototype's real getters show through again.
  delete (document as { visibilityState?: unknown }).visibilityState;
  delete (navigator as { onLine?: unknown }).onLine;
  for (const el of document.querySelectorAll('poll-loop-test-host')) {
    (el as PollLoopTestHost).loop.stop();
    el.remove();
  }
});

describe('PollLoop in a Lit element', () => {
  it('renders its state through host.requestUpdate()', async () => {
    const el = await mount();
    expect(await renderedState(el)).toBe('stopped');
    el.answerAfterMs = 100;
    el.loop.start();
    expect(await renderedState(el)).toBe('polling');
    await vi.advanceTimersByTimeAsync(100);
    expect(await renderedState(el)).toBe('waiting');
  });

  it('aborts the request in flight when the element is removed, and makes none while detached', async () => {
    const el = await mount();
    el.loop.start();
    expect(el.calls).toHaveLength(1);
    el.remove();
    expect(el.calls[0].signal.aborted).toBe(true);
    expect(el.loop).toMatchObject({ state: 'paused', running: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(el.calls).toHaveLength(1);
    expect(el.loop.failures).toBe(0);
  });

  it('resumes exactly one loop when removed and re-inserted, while waiting or in flight', async () => {
    const el = await mount();
    el.answerAfterMs = 0;
    el.loop.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(el.calls).toHaveLength(1);

    // Moved while waiting: same schedule, one loop.
    el.remove();
    document.body.append(el);
    document.body.prepend(el);
    await vi.advanceTimersByTimeAsync(4_500);
    expect(el.calls).toHaveLength(6); // 0, 1000, …, 5000
    expect(el.maxConcurrent).toBe(1);

    // Moved while a long request is in flight: it is aborted and replaced by one run.
    el.answerAfterMs = 3_000;
    await vi.advanceTimersByTimeAsync(1_000); // the 7th run starts at 6000 and is held
    expect(el.calls).toHaveLength(7);
    el.remove();
    document.body.append(el);
    expect(el.calls[6].signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(el.calls).toHaveLength(8);
    expect(el.calls[7].signal.aborted).toBe(false);
    expect(el.unsettled).toBe(1);
    expect(el.maxConcurrent).toBe(1);
    expect(el.loop.state).toBe('polling');
  });

  it('pauses while the page is hidden: aborts, makes no request, and runs at once when visible', async () => {
    const el = await mount();
    el.loop.start();
    expect(el.calls).toHaveLength(1);
    setVisibility('hidden');
    expect(el.calls[0].signal.aborted).toBe(true);
    expect(await renderedState(el)).toBe('paused');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    el.loop.pollNow();
    await flush();
    expect(el.calls).toHaveLength(1);
    expect(el.loop.failures).toBe(0);

    setVisibility('visible');
    await flush();
    expect(el.calls).toHaveLength(2);
    expect(el.calls[1].signal.aborted).toBe(false);
    expect(el.loop.state).toBe('polling');
  });

  it('does not start while the page is hidden', async () => {
    const el = await mount();
    visibility = 'hidden';
    el.loop.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(el.calls).toHaveLength(0);
    expect(el.loop.state).toBe('paused');
    setVisibility('visible');
    expect(el.calls).toHaveLength(1);
  });

  it('pauses while offline and, back online, runs at once with the backoff reset', async () => {
    const el = await mount();
    el.failNext = 3;
    el.loop.start();
    await vi.advanceTimersByTimeAsync(2_500); // failures at 0, 1000, 2000 (the interval outlasts the backoff)
    expect(el.loop.failures).toBe(3);
    expect(el.loop.state).toBe('backoff');

    setOnline(false);
    expect(el.loop.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(el.calls).toHaveLength(3);

    setOnline(true);
    expect(el.calls).toHaveLength(4);
    expect(el.loop.failures).toBe(0);

    // A request in flight is aborted when the browser goes offline.
    setOnline(false);
    expect(el.calls[3].signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(el.calls).toHaveLength(4);
    expect(el.loop.failures).toBe(0);
  });

  it('stays paused while hidden even when the browser comes back online', async () => {
    const el = await mount();
    el.loop.start();
    setOnline(false);
    setVisibility('hidden');
    setOnline(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(el.calls).toHaveLength(1);
    setVisibility('visible');
    await flush();
    expect(el.calls).toHaveLength(2);
  });

  it('removes its listeners when stopped or detached', async () => {
    const el = await mount();
    el.loop.start();
    el.loop.stop();
    setVisibility('hidden');
    setVisibility('visible');
    setOnline(false);
    setOnline(true);
    await flush();
    expect(el.calls).toHaveLength(1);
    expect(el.loop.state).toBe('stopped');

    el.loop.start();
    el.remove();
    setVisibility('hidden');
    setVisibility('visible');
    setOnline(true);
    await flush();
    expect(el.calls).toHaveLength(2);
    expect(el.loop.state).toBe('paused');
  });

  it('adds its three listeners once and removes each of them on stop and on disconnect', async () => {
    const el = await mount();
    const added = [vi.spyOn(document, 'addEventListener'), vi.spyOn(window, 'addEventListener')];
    const removed = [vi.spyOn(document, 'removeEventListener'), vi.spyOn(window, 'removeEventListener')];
    const pairs = (spies: typeof added) =>
      spies.flatMap((spy) => spy.mock.calls.map(([type, listener]) => [type, listener] as const)).sort();
    el.loop.start();
    el.loop.start();
    el.remove();
    document.body.append(el); // hostConnected: the listeners again
    expect(pairs(added).map(([type]) => type)).toEqual([
      'offline', 'offline', 'online', 'online', 'visibilitychange', 'visibilitychange',
    ]);
    el.loop.stop();
    expect(pairs(removed)).toEqual(pairs(added));
    for (const spy of [...added, ...removed]) spy.mockRestore();
  });

  it('a loop started before its element is connected keeps one run through the first connection', async () => {
    const el = document.createElement('poll-loop-test-host') as PollLoopTestHost;
    el.answerAfterMs = 5_000;
    el.loop.start();
    document.body.append(el);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(el.calls).toHaveLength(1);
    expect(await renderedState(el)).toBe('polling');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(el.calls).toHaveLength(2);
    expect(el.maxConcurrent).toBe(1);
  });

  it('honours pauseWhenHidden: false', async () => {
    let runs = 0;
    const host = {
      addController() {},
      removeController() {},
      requestUpdate() {},
      updateComplete: Promise.resolve(true),
    };
    const loop = new PollLoop(host, {
      run: () => {
        runs += 1;
        return Promise.resolve();
      },
      intervalMs: () => 1000,
      pauseWhenHidden: false,
    });
    visibility = 'hidden';
    loop.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(3);
    loop.stop();
  });
});
