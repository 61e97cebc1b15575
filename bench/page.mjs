// What runs inside the bench pages: an init script (before any page script) that wraps fetch to count the
// widget's API requests, their concurrency and arrival times, and observes long tasks and paints; and the
// helpers of the widget page and of the innerHTML baseline page.

/** Installed with context.addInitScript: runs before the page's own scripts. */
export const INIT_SCRIPT = `(() => {
  // tab: this document's id, sent with each API request (x-bench-tab) so the server can tell the tabs of one
  // visitor apart (they share the token and the connections); a reload is a new document, so a new id.
  const tab = Math.random().toString(36).slice(2, 10);
  const state = { tab, calls: [], inFlight: {}, maxInFlight: {}, lastPollArrival: 0, longTasks: [], paints: [] };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.paints.push({ name: e.name, start: e.startTime });
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const match = /\\/apiaccess\\/ccmessaging\\/(?:v1\\/)?([A-Za-z]+)/.exec(url);
    if (!match) return original.call(window, input, init);
    const op = match[1];
    // A same-origin request: the added header brings no CORS preflight and changes nothing else.
    const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    headers.set('x-bench-tab', tab);
    init = { ...(init || {}), headers };
    const promise = original.call(window, input, init);
    state.calls.push({ t: performance.now(), op });
    state.inFlight[op] = (state.inFlight[op] || 0) + 1;
    state.maxInFlight[op] = Math.max(state.maxInFlight[op] || 0, state.inFlight[op]);
    const done = () => { state.inFlight[op] -= 1; };
    // In flight until the response (headers) arrives: the widget reads the body at once, and its loop starts
    // no new poll before that, so this never counts one loop's requests as overlapping when they are not.
    promise.then(() => {
      if (op === 'poll') state.lastPollArrival = performance.now();
      done();
    }, done);
    return promise;
  };
})();`;

/** The widget page's helpers (after the element). */
const WIDGET_HELPERS = `
const el = document.querySelector('cc-chat');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
window.bench = {
  el,
  startup: el.updateComplete.then(() => {
    const t = performance.now();
    const launcher = el.shadowRoot && el.shadowRoot.querySelector('[part~="launcher"]');
    const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/cc-chat.iife.js'));
    return {
      launcherRendered: !!launcher,
      rendered: t,
      scriptTagStart: performance.getEntriesByName('cc-script-start')[0].startTime,
      scriptResponseEnd: script ? script.responseEnd : NaN,
      scriptBytes: script ? script.decodedBodySize : NaN,
    };
  }),
  connected: new Promise((resolve) => {
    if (el.connectionState === 'connected') resolve();
    el.addEventListener('cc-connection-change', (e) => { if (e.detail.state === 'connected') resolve(); });
  }),
  /**
   * Resolves when n more messages have arrived and been rendered: timings from the poll's arrival. Rendered
   * means the last one's node is in the shadow DOM and the update that put it there is complete: the
   * cc-message events may come before that update is even requested, so updateComplete alone can miss it.
   */
  armMessages(n) {
    return new Promise((resolve) => {
      let got = 0;
      let first = 0;
      const on = (event) => {
        if (got === 0) first = performance.now();
        got += 1;
        if (got < n) return;
        el.removeEventListener('cc-message', on);
        const arrival = window.__bench.lastPollArrival;
        const events = performance.now();
        // Watches what is added rather than searching the shadow DOM: a search of 5,000 messages would itself
        // cost milliseconds inside the measurement.
        const key = event.detail.key;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          observer.disconnect();
          el.updateComplete.then(() => {
            const done = performance.now();
            resolve({ arrival, first, events, done, render: done - arrival });
          });
        };
        const observer = new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) if (node.dataset && node.dataset.key === key) return finish();
          }
        });
        observer.observe(el.shadowRoot, { childList: true, subtree: true });
        // The node may be there already (rendered before the events): then the update after them is the end.
        // Looked for among the newest messages only (the bench's messages arrive in timestamp order).
        el.updateComplete.then(() => {
          let node = el.shadowRoot.querySelector('[part~="transcript"]')?.lastElementChild;
          for (let i = 0; node && i < 50 && !finished; i++, node = node.previousElementSibling) if (node.dataset.key === key) finish();
        });
      };
      el.addEventListener('cc-message', on);
    });
  },
  messagesInDom() {
    return el.shadowRoot.querySelectorAll('[part~="message"]').length;
  },
  shadowNodes() {
    let n = 0;
    const walker = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) n += 1;
    return n;
  },
  shadowComments() {
    let n = 0;
    const walker = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) n += 1;
    return n;
  },
  /** Waits until a poll has been in flight (held by the server) for at least ms; throws after limitMs. */
  async heldFor(ms, limitMs = 30000) {
    const end = performance.now() + limitMs;
    for (;;) {
      if (performance.now() > end) throw new Error('no poll held for ' + ms + ' ms within ' + limitMs + ' ms');
      const b = window.__bench;
      const polls = b.calls.filter((c) => c.op === 'poll');
      const last = polls[polls.length - 1];
      if (b.inFlight.poll === 1 && last && performance.now() - last.t >= ms) return;
      await sleep(10);
    }
  },
  /** Resolves once n more polls than now have answered. */
  async pollsAnswered(n, limitMs = 30000) {
    const polls = () => window.__bench.calls.filter((c) => c.op === 'poll').length - window.__bench.inFlight.poll;
    const target = polls() + n;
    const end = performance.now() + limitMs;
    while (polls() < target) {
      if (performance.now() > end) throw new Error(n + ' polls did not answer within ' + limitMs + ' ms');
      await sleep(10);
    }
  },
  /** Latency: a message pushed (over HTTP, from here) while a poll is held, to that message rendered. */
  async latencySample(userId, i, jitterMs) {
    await bench.heldFor(100);
    await sleep(jitterMs);
    const r0 = performance.now();
    await (await fetch('/__sim/clear-faults', { method: 'POST', body: '{}' })).text();
    const rtt = performance.now() - r0;
    await bench.heldFor(0);
    const armed = bench.armMessages(1);
    const t0 = performance.now();
    fetch('/__sim/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, message: { sourceType: 'AGENT', content: 'Latency probe ' + i, senderNickname: 'Sam', messageCode: 'latency-' + i } }),
    });
    const r = await armed;
    return { rtt, total: r.done - t0, toArrival: r.arrival - t0, render: r.done - r.arrival };
  },
  hide() {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  },
  /** Undoes hide(): the document's own visibilityState and hidden show again (headless pages are visible). */
  show() {
    delete document.visibilityState;
    delete document.hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  },
  /**
   * The probes (messages whose text holds '#<n>#', see bench/loss.mjs) shown in the transcript: how many times
   * each number appears among the rendered messages, by number.
   */
  probes() {
    const seen = {};
    for (const node of el.shadowRoot.querySelectorAll('[part~="message"]:not([hidden])')) {
      for (const [, n] of node.textContent.matchAll(/#(\\d+)#/g)) seen[n] = (seen[n] || 0) + 1;
    }
    return seen;
  },
};
`;

/** A page with the widget from dist/cc-chat.iife.js (script tag in the head, the element in the body). */
export function widgetPage(attributes) {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => (value === true ? name : `${name}="${String(value).replace(/"/g, '&quot;')}"`))
    .join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cc-chat bench</title>
<script>performance.mark('cc-script-start')</script>
<script src="/cc-chat.iife.js"></script>
</head><body>
<cc-chat ${attrs}></cc-chat>
<script>${WIDGET_HELPERS}</script>
</body></html>`;
}

/**
 * The naive baseline: a plain scrolling element of the widget panel's size, each message appended with
 * `innerHTML +=` (text escaped, links made, similar markup), then scrolled to the end as the widget does.
 */
export const BASELINE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>
<style>
#log { position: fixed; right: 16px; bottom: 88px; width: 380px; height: 520px; overflow-y: auto; font: 14px system-ui; }
.msg { display: flex; gap: 8px; margin: 8px; } .avatar { width: 28px; height: 28px; border-radius: 50%; background: #ddd; }
.bubble { background: #f1f3f4; border-radius: 12px; padding: 8px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.author, .meta { font-size: 12px; color: #555; }
</style></head><body><div id="log" role="log"></div>
<script>
const log = document.getElementById('log');
const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const escape = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const linkify = (s) => escape(s).replace(/https?:\\/\\/[^\\s<]+[^\\s<.,;:!?)]/g, (u) => '<a href="' + u + '" target="_blank" rel="noopener">' + u + '</a>');
const bubble = (m) => '<div class="msg" data-source-type="' + m.sourceType + '"><div class="avatar">' + escape(m.senderNickname[0]) +
  '</div><div class="body"><div class="author">' + escape(m.senderNickname) + '</div><div class="bubble"><div class="text">' +
  linkify(m.content) + '</div></div><div class="meta">' + time.format(Date.now()) + '</div></div></div>';
window.baseline = {
  /** Fetches messages [from, from + n) and appends them, one innerHTML += per message (or per batch); ms from arrival. */
  async append(tag, from, n, perMessage) {
    const response = await fetch('/bench/messages?tag=' + tag + '&from=' + from + '&n=' + n);
    const t0 = performance.now();
    const list = await response.json();
    if (perMessage) for (const m of list) log.innerHTML += bubble(m);
    else log.innerHTML += list.map(bubble).join('');
    log.scrollTop = log.scrollHeight;
    return performance.now() - t0;
  },
  /** Sets the content to n messages at once (untimed set-up). */
  async fill(tag, n) {
    const list = await (await fetch('/bench/messages?tag=' + tag + '&from=0&n=' + n)).json();
    log.innerHTML = list.map(bubble).join('');
    log.scrollTop = log.scrollHeight;
  },
  clear() { log.innerHTML = ''; },
  count() { return log.children.length; },
};
</script></body></html>`;
