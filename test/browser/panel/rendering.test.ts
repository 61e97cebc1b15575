import { describe, expect, it, vi } from 'vitest';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  messageText,
  messages,
  part,
  mountChat,
  openAndGreet,
  recordEvents,
  recordWire,
  sim,
  transcript,
  uniqueUser,
  useChatFixture,
} from '../support/chat';

// What the simulator pushes, as the visitor sees it: each sender type, hostile strings, and
// messages that come twice or out of order.

useChatFixture();

async function connected(): Promise<{ el: CcChat; userId: string }> {
  const userId = uniqueUser();
  const el = await mountChat({ userId });
  await openAndGreet(el);
  return { el, userId };
}

describe('sender types', () => {
  it('renders each sourceType with its data-source-type, author and side', async () => {
    const { el, userId } = await connected();
    sim.push({ sourceType: 'AGENT', content: 'Agent here', senderNickname: 'Sam Carter' }, userId);
    sim.push({ sourceType: 'SYSTEM', content: 'Transferred', senderNickname: 'System' }, userId);
    sim.push({ sourceType: 'BOT_V2', content: 'From a new kind of sender', senderNickname: 'Helper' }, userId);
    sim.push({ sourceType: 'MYSTERY', content: 'No nickname at all', senderNickname: null }, userId);
    await expect.poll(() => messages(el).length).toBe(5);
    el.send('And me');
    await el.updateComplete;

    expect(transcript(el)).toEqual([
      "ROBOT: Hello, I'm Virtual Assistant, the virtual assistant. How can I help you?",
      'AGENT: Agent here',
      'SYSTEM: Transferred',
      'BOT_V2: From a new kind of sender',
      'MYSTERY: No nickname at all',
      'CUSTOMER: And me',
    ]);
    const [robot, agent, system, other, nameless, mine] = messages(el);
    const author = (m: HTMLElement) => m.querySelector('[part~="author"]')?.textContent ?? null;
    expect(author(robot)).toBe('Virtual Assistant');
    expect(author(agent)).toBe('Sam Carter');
    expect(agent.querySelector('[part~="avatar"]')!.textContent!.trim()).toBe('SC');
    // SYSTEM: a centred line, not a bubble, no author.
    expect(author(system)).toBeNull();
    expect(system.querySelector('[part~="bubble"]')).toBeNull();
    expect(system.querySelector('[part~="system-line"]')).not.toBeNull();
    // Unknown types: a neutral bubble labelled with the nickname, else with the type as received.
    expect(author(other)).toBe('Helper');
    expect(author(nameless)).toBe('MYSTERY');
    // The visitor's own message is on the other side.
    const side = (m: HTMLElement) => m.querySelector('[part~="bubble"]')!.getBoundingClientRect().left;
    expect(side(mine)).toBeGreaterThan(side(agent));
  });

  it('renders links in text as safe new-tab links and keeps line breaks', async () => {
    const { el, userId } = await connected();
    sim.push({ sourceType: 'AGENT', content: 'See https://example.com/help?a=1\nor javascript:alert(1)' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    const message = messages(el, 'AGENT')[0];
    const links = Array.from(message.querySelectorAll('a'));
    expect(links.map((a) => [a.href, a.target, a.rel])).toEqual([
      ['https://example.com/help?a=1', '_blank', 'noopener noreferrer'],
    ]);
    expect(messageText(message)).toBe('See https://example.com/help?a=1\nor javascript:alert(1)');
    expect(message.querySelector('[part~="text"]')!.getBoundingClientRect().height).toBeGreaterThan(30);
  });

  it('shows a file message as a file with its name and size (media-received.test.ts has the rest)', async () => {
    const { el, userId } = await connected();
    sim.push({ sourceType: 'AGENT', mediaType: 'FILE', content: 'invoice.pdf,2048,obj-key-1,pdf' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    const file = messages(el, 'AGENT')[0].querySelector('[part~="media"]');
    expect(file?.textContent).toContain('invoice.pdf');
    expect(file?.textContent).toContain('PDF · 2.0 KB');
  });
});

describe('hostile strings', () => {
  const PAYLOADS = [
    '<script>window.__ccPwned = "script"</script>',
    '<img src=x onerror="window.__ccPwned = \'img\'">',
    '<svg onload="window.__ccPwned = \'svg\'"></svg>',
    '"><iframe src="javascript:window.parent.__ccPwned = \'iframe\'"></iframe>',
    '<a href="javascript:window.__ccPwned = \'a\'">click</a>',
    '{{constructor.constructor("window.__ccPwned = \'tpl\'")()}}',
    '${window.__ccPwned = "tpl2"}',
  ];

  it('renders script-injection payloads in content, nickname and avatar as inert text', async () => {
    const { el, userId } = await connected();
    const pwned = window as unknown as { __ccPwned?: string };
    delete pwned.__ccPwned;
    for (const [i, payload] of PAYLOADS.entries()) {
      sim.push({ sourceType: i % 2 ? 'AGENT' : 'ROBOT', content: payload, senderNickname: payload, senderAvatar: payload }, userId);
    }
    sim.push({ sourceType: 'AGENT', content: 'avatar', senderAvatar: 'javascript:window.__ccPwned="avatar"' }, userId);
    sim.push({ sourceType: 'AGENT', content: 'avatar2', senderAvatar: 'https://cdn.example/a.png" onerror="window.__ccPwned=1' }, userId);
    await expect.poll(() => messages(el).length).toBe(1 + PAYLOADS.length + 2);
    // Give anything that would run (onerror, onload) the chance to.
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(pwned.__ccPwned).toBeUndefined();
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script, iframe, svg[onload], [onerror], [onload]')).toHaveLength(0);
    for (const a of Array.from(root.querySelectorAll('a'))) expect(a.href).toMatch(/^https?:/);
    for (const img of Array.from(root.querySelectorAll('img'))) expect(img.src).toMatch(/^https:\/\/cdn\.example\//);

    const shown = messages(el).slice(1, 1 + PAYLOADS.length);
    shown.forEach((message, i) => {
      expect(messageText(message)).toBe(PAYLOADS[i]);
      expect(message.querySelector('[part~="author"]')!.textContent).toBe(PAYLOADS[i]);
      expect(message.querySelector('[part~="avatar"] img')).toBeNull();
    });
  });
});

describe('secrets', () => {
  it('never shows a ccmessaging-token in the DOM, an attribute, an event or the console', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
      });
    }
    const events = recordEvents(document);
    const { el, userId } = await connected();
    // Failures are where a token could leak into a message: a refused send, then an expired token.
    sim.fault({ kind: 'status', status: 500, on: 'send', userId });
    el.send('This fails');
    await expect.poll(() => messages(el, 'CUSTOMER')[0]?.dataset.status).toBe('failed');
    el.remove();
    sim.expireTokens();
    document.body.append(el);
    await expect.poll(() => sim.requests.filter((r) => r.operation === 'applyToken').length).toBe(2);
    sim.agentSays('Done', userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);

    const tokens = new Set(sim.requests.map((r) => r.headers['ccmessaging-token']).filter(Boolean));
    expect(tokens.size).toBeGreaterThanOrEqual(2);
    const attributes = [el, ...el.shadowRoot!.querySelectorAll('*')].flatMap((node) =>
      Array.from(node.attributes, (a) => a.value),
    );
    const exposed = [
      el.outerHTML,
      el.shadowRoot!.innerHTML,
      ...attributes,
      ...logged,
      ...events.list.map((e) => JSON.stringify(e.detail)),
    ].join('\n');
    for (const token of tokens) expect(exposed).not.toContain(token);
  });
});

describe('repeats and order', () => {
  it('a message pushed twice with the same messageCode renders once, and cc-message fires once', async () => {
    const { el, userId } = await connected();
    const events = recordEvents(el);
    sim.push({ sourceType: 'AGENT', content: 'Only once', messageCode: 'dup-1' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    sim.push({ sourceType: 'AGENT', content: 'Only once', messageCode: 'dup-1' }, userId);
    sim.push({ sourceType: 'AGENT', content: 'Then this' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(2);
    expect(transcript(el).slice(1)).toEqual(['AGENT: Only once', 'AGENT: Then this']);
    expect(events.of('cc-message').map((d) => d.message.content)).toEqual(['Only once', 'Then this']);
  });

  it('a message without messageCode delivered twice renders once', async () => {
    const { el, userId } = await connected();
    const timestamp = Date.now();
    sim.push({ sourceType: 'AGENT', content: 'No code', messageCode: null as unknown as string, timestamp }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    sim.push({ sourceType: 'AGENT', content: 'No code', messageCode: null as unknown as string, timestamp }, userId);
    sim.push({ sourceType: 'AGENT', content: 'Marker' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(2);
    expect(transcript(el).slice(1)).toEqual(['AGENT: No code', 'AGENT: Marker']);
  });

  it('polls that repeat everything delivered before (fault repeat) add nothing', async () => {
    const { el, userId } = await connected();
    const events = recordEvents(el);
    const wire = recordWire();
    sim.agentSays('First', userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    sim.fault({ kind: 'repeat', count: 3, userId });
    sim.agentSays('Second', userId);
    // Three polls each answer with the whole conversation so far.
    await expect.poll(() => transcript(el)).toEqual([
      expect.stringMatching(/^ROBOT: Hello/),
      'AGENT: First',
      'AGENT: Second',
    ]);
    // The fault did repeat: several polls delivered 'First' again (waited for: the last may still be answering).
    await expect.poll(() => wire.calls.filter((c) => c.delivered?.includes('First')).length).toBeGreaterThanOrEqual(3);
    const polls = sim.requests.filter((r) => r.operation === 'poll' && r.query.receiverId === userId).length;
    await expect.poll(() => sim.requests.filter((r) => r.operation === 'poll' && r.query.receiverId === userId).length).toBeGreaterThan(polls);
    expect(transcript(el)).toHaveLength(3);
    expect(events.of('cc-message').map((d) => d.message.content)).toEqual(['First', 'Second']);
  });

  it('a batch delivered newest first (fault reorder) is shown oldest first', async () => {
    const wire = recordWire();
    const { el, userId } = await connected();
    const events = recordEvents(el);
    // Polls that answer at once, a second apart: the three messages wait for the next poll together.
    sim.configure({ pollHoldMs: 0 });
    el.pollInterval = 1000;
    const changed = performance.now();
    await expect.poll(() => wire.calls.some((c) => c.operation === 'poll' && (c.end ?? 0) > changed)).toBe(true);
    const deliveredBefore = wire.calls.filter((c) => c.delivered?.length).length;
    sim.fault({ kind: 'reorder', userId });
    sim.agentSays('One', userId);
    sim.agentSays('Two', userId);
    sim.agentSays('Three', userId);
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 3000 }).toBe(3);
    expect(transcript(el).slice(1)).toEqual(['AGENT: One', 'AGENT: Two', 'AGENT: Three']);
    // They did come in one batch, newest first.
    const batches = wire.calls.filter((c) => c.delivered?.length).slice(deliveredBefore);
    expect(batches.map((c) => c.delivered)).toEqual([['Three', 'Two', 'One']]);
    expect(events.of('cc-message').map((d) => d.message.content)).toEqual(['Three', 'Two', 'One']);
  });

  it('a message older than what is shown is placed by its timestamp', async () => {
    const { el, userId } = await connected();
    const base = Date.now() + 60_000;
    sim.push({ sourceType: 'AGENT', content: 'Third', timestamp: base + 3 }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    sim.push({ sourceType: 'AGENT', content: 'First', timestamp: base + 1 }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(2);
    sim.push({ sourceType: 'AGENT', content: 'Second', timestamp: base + 2 }, userId);
    sim.push({ sourceType: 'AGENT', content: 'Also second', timestamp: base + 2 }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(4);
    expect(transcript(el).slice(1)).toEqual(['AGENT: First', 'AGENT: Second', 'AGENT: Also second', 'AGENT: Third']);
  });

  it('a late message lands in the right place in a long transcript, and the DOM order is the display order', async () => {
    // Long enough for several of the transcript's render chunks; the late one belongs to the last chunk by
    // arrival but is shown among the first messages.
    const { el, userId } = await connected();
    const base = Date.now() + 60_000;
    for (let n = 0; n < 70; n++) sim.push({ sourceType: 'AGENT', content: `M${n}`, messageCode: `long-${n}`, timestamp: base + n * 10 }, userId);
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 5000 }).toBe(70);
    sim.push({ sourceType: 'AGENT', content: 'Late', messageCode: 'long-late', timestamp: base + 35 }, userId);
    sim.push({ sourceType: 'AGENT', content: 'M70', messageCode: 'long-70', timestamp: base + 700 }, userId);
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 5000 }).toBe(72);
    const expected = Array.from({ length: 71 }, (_, n) => `AGENT: M${n}`);
    expected.splice(4, 0, 'AGENT: Late');
    expect(transcript(el).slice(1)).toEqual(expected);
  });
});

describe('transcript limit', () => {
  it('keeps the newest transcript-limit messages, and an evicted one delivered again does not come back', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { 'transcript-limit': '3' } });
    await openAndGreet(el);
    for (const n of [1, 2, 3, 4]) sim.push({ sourceType: 'AGENT', content: `Message ${n}`, messageCode: `lim-${n}` }, userId);
    await expect.poll(() => transcript(el)).toEqual(['AGENT: Message 2', 'AGENT: Message 3', 'AGENT: Message 4']);
    sim.push({ sourceType: 'AGENT', content: 'Message 1', messageCode: 'lim-1' }, userId);
    sim.push({ sourceType: 'AGENT', content: 'Message 5', messageCode: 'lim-5' }, userId);
    await expect.poll(() => transcript(el)).toEqual(['AGENT: Message 3', 'AGENT: Message 4', 'AGENT: Message 5']);
  });

  it('keeps the DOM bounded: evicted messages leave no nodes behind', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { 'transcript-limit': '20' } });
    await openAndGreet(el);
    // The transcript's subtree only: the rest of the panel changes on its own (the call button arrives when
    // the call's code does).
    const count = (filter: number) => {
      const walker = document.createTreeWalker(part(el, 'transcript')!, filter);
      let n = 0;
      while (walker.nextNode()) n++;
      return n;
    };
    const nodes = () => count(NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    // Lit's markers: the 20 messages fall into one or two chunks of the transcript (two markers each).
    const comments = () => count(NodeFilter.SHOW_COMMENT);
    const push = async (from: number) => {
      for (let n = from; n < from + 40; n++) sim.push({ sourceType: 'AGENT', content: `Bulk ${n}`, messageCode: `bulk-${n}` }, userId);
      await expect.poll(() => messageText(messages(el).at(-1)!), { timeout: 5000 }).toContain(`Bulk ${from + 39}`);
      await el.updateComplete;
    };
    await push(0);
    const afterFirst = { nodes: nodes(), comments: comments() };
    // Enough rounds to drop several whole chunks (32 entries each): a marker left per dropped chunk or entry
    // (lit/lit#5298) shows up as comments beyond the tolerance.
    for (let from = 40; from < 320; from += 40) await push(from);
    expect(messages(el)).toHaveLength(20);
    expect(nodes()).toBe(afterFirst.nodes);
    expect(comments()).toBeGreaterThanOrEqual(afterFirst.comments - 2);
    expect(comments()).toBeLessThanOrEqual(afterFirst.comments + 2);
  });
});
