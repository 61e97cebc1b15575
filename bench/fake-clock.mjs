// A small fake clock for simulating thousands of timers in Node: a binary heap of due times, so scheduling and
// firing are O(log n) (Vitest's fake timers were measured O(n²) with 4,000 self-rescheduling timers). It stubs
// globalThis.setTimeout/clearTimeout and performance.now(); the microtask queue is drained (one real
// setImmediate) after each distinct due time, so promise chains settle in order before time moves on.
/* global performance */

export function installFakeClock(start = 0) {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const realNowDescriptor = Object.getOwnPropertyDescriptor(performance, 'now');
  const realSetImmediate = globalThis.setImmediate;

  let now = start;
  let seq = 0;
  let nextId = 1;
  /** Heap entries: [dueTime, seq, id]; ordered by time, then by scheduling order. */
  const heap = [];
  /** Live timers by id; clearTimeout deletes here and the heap entry is skipped when it comes up. */
  const callbacks = new Map();

  const less = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  function push(entry) {
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  function pop() {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  globalThis.setTimeout = (fn, ms = 0, ...args) => {
    const id = nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    callbacks.set(id, args.length > 0 ? () => fn(...args) : fn);
    push([now + delay, seq++, id]);
    return id;
  };
  globalThis.clearTimeout = (id) => {
    callbacks.delete(id);
  };
  Object.defineProperty(performance, 'now', { value: () => now, configurable: true, writable: true });

  const drainMicrotasks = () => new Promise((resolve) => realSetImmediate(resolve));

  return {
    now: () => now,
    pending: () => callbacks.size,
    /** Fires every timer due up to `until` (ms), in order, settling promises between due times. */
    async runUntil(until) {
      await drainMicrotasks();
      while (heap.length > 0 && heap[0][0] <= until) {
        const time = heap[0][0];
        now = time;
        while (heap.length > 0 && heap[0][0] === time) {
          const [, , id] = pop();
          const callback = callbacks.get(id);
          if (callback === undefined) continue;
          callbacks.delete(id);
          callback();
        }
        await drainMicrotasks();
      }
      now = Math.max(now, until);
    },
    uninstall() {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
      if (realNowDescriptor) Object.defineProperty(performance, 'now', realNowDescriptor);
      else delete performance.now;
    },
  };
}
