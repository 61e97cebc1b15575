import axe from 'axe-core';
import { html, render } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdp } from 'vitest/browser';
import type { DownlinkMessage } from '../../../src/api/types';
import type { OutgoingStatus, ReceivedEntry, SentEntry, TranscriptEntry } from '../../../src/core/controllers/transcript-entry';
import { baseStyles } from '../../../src/core/base-styles';
import { themeStyles } from '../../../src/core/theme';
import { messageStyles } from '../../../src/panel/message-styles';
import { renderEntry, type RenderContext } from '../../../src/panel/render-entry';
import { messageSummary } from '../../../src/core/message-content';
import { messageDetail } from '../../../src/panel/message-detail';
import { en as enCore } from '../../../src/core/strings';
import { enPanel } from '../../../src/panel/panel-strings';
import { zhCN } from '../../../src/locales/zh';
import { downlink } from '../../support/downlink';

// ---------------------------------------------------------------------------------------------
// Fixtures

let seq = 0;
const NOW = Date.now();

function message(fields: Partial<DownlinkMessage> = {}): DownlinkMessage {
  return downlink({ timestamp: NOW, ...fields });
}

function received(overrides: Partial<DownlinkMessage> = {}, key = `r${++seq}`): ReceivedEntry {
  return { kind: 'received', key, seq: ++seq, message: message(overrides) };
}

function sent(text: string, status: OutgoingStatus, key = `c${++seq}`): SentEntry {
  return { kind: 'sent', key, seq: ++seq, text, timestamp: NOW, status };
}

const en = { ...enCore, ...enPanel };

function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return { strings: en, onQuestion: vi.fn(), onRetry: vi.fn(), ...overrides };
}

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.remove();
});

/** Renders entries into a role=log inside a shadow root that adopts the theme, the base and messageStyles, like the element. */
function mount(entries: TranscriptEntry[], ctx: RenderContext = context(), width = 360): HTMLElement {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  hosts.push(host);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [themeStyles.styleSheet!, baseStyles.styleSheet!, messageStyles.styleSheet!];
  const log = document.createElement('div');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', 'Conversation');
  root.append(log);
  render(html`${entries.map((entry) => renderEntry(entry, ctx))}`, log);
  return log;
}

/** Renders one entry and returns its single element. */
function one(entry: TranscriptEntry, ctx?: RenderContext): HTMLElement {
  const log = mount([entry], ctx);
  expect(log.children).toHaveLength(1);
  const el = log.firstElementChild as HTMLElement;
  expect(el.getAttribute('part')).toBe('message');
  expect(el.dataset.key).toBe(entry.key);
  return el;
}

const part = (el: Element, name: string) => el.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const visibleText = (el: Element) => text(el).replace(/^You: /, '');

// ---------------------------------------------------------------------------------------------

describe('renderEntry by sourceType', () => {
  it('ROBOT: nickname, robot glyph, and suggestions that call onQuestion', () => {
    const ctx = context();
    const el = one(
      received({ sourceType: 'ROBOT', senderNickname: 'Iris', content: 'How can I help?', simQuestions: ['Opening hours', 'Prices', 'Prices', '', 'Returns'] }, 'm-1'),
      ctx,
    );
    expect(el.dataset.sourceType).toBe('ROBOT');
    expect(el.hasAttribute('data-status')).toBe(false);
    expect(text(part(el, 'author'))).toBe('Iris');
    expect(text(part(el, 'bubble'))).toBe('How can I help?');
    expect(part(el, 'avatar')!.querySelector('svg')).not.toBeNull();
    expect(part(el, 'avatar')!.querySelector('img')).toBeNull();
    expect(part(el, 'avatar')!.getAttribute('aria-hidden')).toBe('true');

    const group = el.querySelector<HTMLElement>('.ccm-suggestions')!; // a layout hook, not a part
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toBe('Suggested questions');
    const buttons = parts(el, 'suggestion') as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(['Opening hours', 'Prices', 'Returns']);
    expect(buttons.every((b) => b.tagName === 'BUTTON' && b.type === 'button')).toBe(true);
    buttons[1].click();
    expect(ctx.onQuestion).toHaveBeenCalledTimes(1);
    expect(ctx.onQuestion).toHaveBeenCalledWith('Prices');
  });

  it('ROBOT: falls back to ctx.robotName, then strings.robot; uses a safe avatar as <img alt="">', () => {
    const named = one(received({ sourceType: 'ROBOT', content: 'hi' }), context({ robotName: 'HelpBot' }));
    expect(text(part(named, 'author'))).toBe('HelpBot');
    const unnamed = one(received({ sourceType: 'ROBOT', content: 'hi', senderNickname: '  ' }));
    expect(text(part(unnamed, 'author'))).toBe('Virtual assistant');

    const withAvatar = one(received({ sourceType: 'ROBOT', content: 'hi', senderAvatar: 'https://cdn.example/bot.png' }));
    const img = part(withAvatar, 'avatar')!.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://cdn.example/bot.png');
    expect(img.getAttribute('alt')).toBe('');
    expect(part(withAvatar, 'avatar')!.querySelector('svg')).toBeNull();
  });

  it('ROBOT: suggestions without text still render; none at all renders no group', () => {
    const onlySuggestions = one(received({ sourceType: 'ROBOT', content: '', simQuestions: ['Track my order'] }));
    expect(onlySuggestions.hidden).toBe(false);
    expect(part(onlySuggestions, 'bubble')).toBeNull();
    expect(parts(onlySuggestions, 'suggestion')).toHaveLength(1);
    const plain = one(received({ sourceType: 'ROBOT', content: 'hi' }));
    expect(plain.querySelector('.ccm-suggestions')).toBeNull();
  });

  it('AGENT: nickname with avatar, or initials when there is no safe avatar', () => {
    const withAvatar = one(received({ sourceType: 'AGENT', senderNickname: 'Dana Scully', senderAvatar: 'https://cdn.example/dana.jpg', content: 'Hello' }));
    expect(withAvatar.dataset.sourceType).toBe('AGENT');
    expect(text(part(withAvatar, 'author'))).toBe('Dana Scully');
    expect(part(withAvatar, 'avatar')!.querySelector('img')!.getAttribute('src')).toBe('https://cdn.example/dana.jpg');

    const initials = one(received({ sourceType: 'AGENT', senderNickname: 'dana scully', senderAvatar: 'not a url', content: 'Hello' }));
    expect(part(initials, 'avatar')!.querySelector('img')).toBeNull();
    expect(text(part(initials, 'avatar'))).toBe('DS');

    const chinese = one(received({ sourceType: 'AGENT', senderNickname: '王小明', content: '您好' }));
    expect(text(part(chinese, 'avatar'))).toBe('王');

    const anonymous = one(received({ sourceType: 'AGENT', content: 'Hello' }));
    expect(text(part(anonymous, 'author'))).toBe('Agent');
    expect(text(part(anonymous, 'avatar'))).toBe('A');
  });

  it('AGENT and ROBOT look different and sit on the start side', () => {
    const log = mount([received({ sourceType: 'AGENT', content: 'a' }), received({ sourceType: 'ROBOT', content: 'r' })]);
    const [agent, robot] = [...log.children] as HTMLElement[];
    expect(getComputedStyle(part(agent, 'bubble')!).backgroundColor).not.toBe(getComputedStyle(part(robot, 'bubble')!).backgroundColor);
    expect(getComputedStyle(agent).justifyContent).not.toBe('flex-end');
    const avatar = part(agent, 'avatar')!;
    expect(avatar.getBoundingClientRect().width).toBe(28);
    expect(getComputedStyle(avatar).borderRadius).toBe('50%');
  });

  it('SYSTEM: a centred, muted notice without author or bubble, with a hidden "System:" prefix', () => {
    const el = one(received({ sourceType: 'SYSTEM', senderNickname: 'system', content: 'The call is connected to an agent.' }));
    expect(el.dataset.sourceType).toBe('SYSTEM');
    expect(part(el, 'author')).toBeNull();
    expect(part(el, 'bubble')).toBeNull();
    expect(part(el, 'avatar')).toBeNull();
    const notice = part(el, 'system-line')!;
    expect(text(notice)).toMatch(/^System: The call is connected to an agent\./);
    const prefix = notice.querySelector('.ccm-vh')!;
    expect(prefix.textContent).toBe('System: ');
    expect(prefix.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    expect(getComputedStyle(notice).textAlign).toBe('center');
    expect(getComputedStyle(el).justifyContent).toBe('center');
  });

  it('CUSTOMER pending: end-aligned, "Sending…", reduced opacity', () => {
    const el = one(sent('On my way', 'pending', 'cid-1'));
    expect(el.dataset.sourceType).toBe('CUSTOMER');
    expect(el.dataset.status).toBe('pending');
    expect(getComputedStyle(el).justifyContent).toBe('flex-end');
    expect(text(part(el, 'bubble'))).toBe('On my way');
    expect(text(part(el, 'status'))).toBe('Sending…');
    expect(Number(getComputedStyle(part(el, 'bubble')!).opacity)).toBeLessThan(1);
    expect(part(el, 'retry-button')).toBeNull();
    expect(el.querySelector('.ccm-vh')!.textContent).toBe('You: ');
  });

  it('CUSTOMER sent: "Sent", full opacity, no retry', () => {
    const el = one(sent('Thanks', 'sent'));
    expect(el.dataset.status).toBe('sent');
    expect(part(el, 'status')!.textContent).toBe('✓Sent');
    expect(getComputedStyle(part(el, 'bubble')!).opacity).toBe('1');
    expect(part(el, 'retry-button')).toBeNull();
  });

  it('CUSTOMER failed: error text with an icon, dashed outline, and a retry button calling onRetry(key)', () => {
    const ctx = context();
    const el = one(sent('Hello?', 'failed', 'cid-9'), ctx);
    expect(el.dataset.status).toBe('failed');
    const status = part(el, 'status')!;
    expect(status.textContent).toContain('Failed to send');
    expect(status.querySelector('[aria-hidden="true"]')!.textContent).toBe('!');
    expect(getComputedStyle(part(el, 'bubble')!).borderTopStyle).toBe('dashed');
    const retry = part(el, 'retry-button') as HTMLButtonElement;
    expect(retry.tagName).toBe('BUTTON');
    expect(retry.type).toBe('button');
    expect(retry.textContent).toBe('Retry');
    retry.click();
    expect(ctx.onRetry).toHaveBeenCalledExactlyOnceWith('cid-9');
  });

  it('USER (history): the visitor side, as received, without a delivery status', () => {
    const el = one(received({ sourceType: 'USER', senderNickname: 'visitor-1', content: 'I sent this yesterday' }));
    expect(el.dataset.sourceType).toBe('USER');
    expect(el.hasAttribute('data-status')).toBe(false);
    expect(getComputedStyle(el).justifyContent).toBe('flex-end');
    expect(text(part(el, 'bubble'))).toBe('I sent this yesterday');
    expect(el.querySelector('.ccm-vh')!.textContent).toBe('You: ');
    expect(part(el, 'status')).toBeNull();
    expect(part(el, 'author')).toBeNull();
  });

  it('unknown sourceType: a neutral bubble labelled with the nickname, else the raw type', () => {
    const raw = one(received({ sourceType: 'BOT_X', content: 'beep' }));
    expect(raw.dataset.sourceType).toBe('BOT_X');
    expect(text(part(raw, 'author'))).toBe('BOT_X');
    expect(text(part(raw, 'bubble'))).toBe('beep');
    const named = one(received({ sourceType: 'BOT_X', senderNickname: 'Survey', content: 'Rate us' }));
    expect(text(part(named, 'author'))).toBe('Survey');
    expect(() => one(received({ sourceType: '', content: 'x' }))).not.toThrow();
  });
});

describe('renderEntry by mediaType', () => {
  it('TEXT keeps line breaks and turns http(s) URLs into safe new-tab links', () => {
    const el = one(received({ sourceType: 'AGENT', content: 'Line one\nLine two: https://help.example/a?b=1.\nBye' }));
    const body = part(el, 'text')!;
    expect(body.textContent).toBe('Line one\nLine two: https://help.example/a?b=1.\nBye');
    expect(getComputedStyle(body).whiteSpace).toBe('pre-wrap');
    const links = [...body.querySelectorAll('a')];
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('https://help.example/a?b=1');
    expect(links[0].textContent).toBe('https://help.example/a?b=1');
    expect(links[0].target).toBe('_blank');
    expect(links[0].rel).toBe('noopener noreferrer');
  });

  it('null and unknown mediaTypes with string content render as text', () => {
    expect(text(part(one(received({ mediaType: null, content: 'plain' })), 'text'))).toBe('plain');
    const sticker = one(received({ mediaType: 'STICKER', content: 'a sticker' }));
    expect(text(part(sticker, 'text'))).toBe('a sticker');
    expect(part(sticker, 'card')).toBeNull();
  });

  it('long unbroken words wrap inside the bubble', () => {
    const log = mount([received({ sourceType: 'AGENT', content: 'x'.repeat(600) })], context(), 300);
    const bubble = part(log, 'bubble')!;
    expect(getComputedStyle(bubble).overflowWrap).toBe('anywhere');
    expect(bubble.getBoundingClientRect().width).toBeLessThanOrEqual(300);
    expect(bubble.scrollWidth).toBeLessThanOrEqual(bubble.clientWidth);
  });

  it.each([
    ['IMAGE', 'Image', 'png', 'PNG'],
    ['VIDEO', 'Video', 'mp4', 'MP4'],
    ['AUDIO', 'Audio', 'mp3', 'MP3'],
    ['DOCUMENT', 'Document', 'pdf', 'PDF'],
    ['FILE_IMAGE', 'Image', null, 'JPG'],
    ['FILE_VIDEO', 'Video', null, 'JPG'],
  ])('%s renders a card with its type and file type, and no action without a media URL', (mediaType, typeName, fileType, shown) => {
    const el = one(received({ sourceType: 'AGENT', mediaType, content: 'obs-key-123,jpg', mediaFileType: fileType }));
    const card = part(el, 'card')!;
    expect(card).not.toBeNull();
    expect(text(card.querySelector('.ccm-card-type'))).toBe(typeName);
    expect(text(card)).toContain(shown);
    expect(text(card)).not.toContain('obs-key-123');
    expect(card.querySelector('a')).toBeNull();
    expect(card.querySelector('img')).toBeNull();
  });

  it('FILE shows the name and size from "fileName,size,objectKey,ext"', () => {
    const card = part(one(received({ sourceType: 'AGENT', mediaType: 'FILE', content: 'invoice.pdf,2048,7d9fabc,pdf' })), 'card')!;
    expect(text(card)).toContain('File');
    expect(text(card)).toContain('invoice.pdf · 2.0 KB');
    expect(text(card)).not.toContain('7d9fabc');
  });

  it('media cards link to the file only when ctx.mediaUrl returns an http(s) URL', () => {
    const mediaUrl = vi.fn((m: DownlinkMessage) => `https://files.example/${m.content}`);
    const image = one(received({ sourceType: 'AGENT', mediaType: 'IMAGE', content: 'k1' }), context({ mediaUrl }));
    expect(mediaUrl).toHaveBeenCalledWith(expect.objectContaining({ content: 'k1' }));
    const action = part(image, 'card-action') as HTMLAnchorElement;
    expect(action.getAttribute('href')).toBe('https://files.example/k1');
    expect(action.rel).toBe('noopener noreferrer');
    expect(action.textContent).toBe('Open link');
    expect(part(image, 'card-image')!.getAttribute('src')).toBe('https://files.example/k1');

    const doc = one(received({ sourceType: 'AGENT', mediaType: 'DOCUMENT', content: 'k2' }), context({ mediaUrl }));
    expect(part(doc, 'card-action')!.textContent).toBe('Download');
    expect(part(doc, 'card-image')).toBeNull();

    for (const bad of [() => 'javascript:alert(1)', () => 'data:text/html,<b>x</b>', () => null, () => { throw new Error('x'); }]) {
      const card = part(one(received({ sourceType: 'AGENT', mediaType: 'IMAGE', content: 'k' }), context({ mediaUrl: bad })), 'card')!;
      expect(card.querySelector('a, img')).toBeNull();
    }
  });

  it('LOCATE "lat/lng/description": description, coordinates and an OpenStreetMap link', () => {
    const card = part(one(received({ sourceType: 'AGENT', mediaType: 'LOCATE', content: '52.5163/13.3777/Brandenburg Gate / Pariser Platz' })), 'card')!;
    expect(text(card)).toContain('Location');
    expect(text(card)).toContain('Brandenburg Gate / Pariser Platz');
    expect(text(card)).toContain('52.5163, 13.3777');
    const link = card.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=52.5163&mlon=13.3777#map=16/52.5163/13.3777');
    expect(link.textContent).toBe('View on map');
    expect(link.rel).toBe('noopener noreferrer');
  });

  it('LOCATE as JSON, and without usable coordinates no map link', () => {
    const json = part(one(received({ mediaType: 'LOCATE', content: '{"latitude":"-33.8568","longitude":151.2153,"description":"Opera House"}' })), 'card')!;
    expect(json.querySelector('a')!.getAttribute('href')).toContain('mlat=-33.8568&mlon=151.2153');
    expect(text(json)).toContain('Opera House');

    for (const content of ['north/east/somewhere', 'Infinity/1/x', '1/NaN/x', '/ /x', '95/10/too far north', '']) {
      const card = part(one(received({ mediaType: 'LOCATE', content })), 'card')!;
      expect(card.querySelector('a'), content).toBeNull();
      if (content) expect(text(card), content).toContain(content.trim());
    }
  });

  it('WEBCARD: title, description and a link from redirectUrl', () => {
    const content = JSON.stringify({ title: 'Spring sale', description: 'Up to 30% off\nthis week', mediaFileId: 'f1', mediaFileType: 'img/png', redirectUrl: 'https://shop.example/sale' });
    const card = part(one(received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content })), 'card')!;
    expect(text(card.querySelector('.ccm-card-type'))).toBe('Card');
    expect(text(card.querySelector('.ccm-card-title'))).toBe('Spring sale');
    expect(card.querySelector('.ccm-card-detail')!.textContent).toBe('Up to 30% off\nthis week');
    const link = card.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://shop.example/sale');
    expect(link.textContent).toBe('Open');
    expect(link.target).toBe('_blank');
  });

  it('WEBCARD: malformed JSON and non-objects show the raw text', () => {
    for (const content of ['{"title": "broken', '["a","b"]', 'just words', '{"foo":1}']) {
      const card = part(one(received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content })), 'card')!;
      expect(text(card), content).toContain(content);
      expect(card.querySelector('a'), content).toBeNull();
    }
  });
});

describe('renderEntry: control types and times', () => {
  it('DISCONNECT from an agent or the system is a notice line', () => {
    const agent = one(received({ controlType: 'DISCONNECT', mediaType: null, sourceType: 'AGENT', senderNickname: 'Dana' }));
    expect(agent.dataset.sourceType).toBe('AGENT');
    expect(text(part(agent, 'system-line'))).toMatch(/^The agent ended the chat/);
    expect(part(agent, 'bubble')).toBeNull();
    const system = one(received({ controlType: 'DISCONNECT', mediaType: null, sourceType: 'SYSTEM', isOfflineStatus: true }));
    expect(text(part(system, 'system-line'))).toMatch(/^System: The chat has ended/);
  });

  it('READ receipts and empty messages keep their keyed slot but show nothing', () => {
    const read = one(received({ controlType: 'READ', content: '["m1","m2"]', sourceType: 'AGENT' }));
    expect(read.hidden).toBe(true);
    expect(read.getBoundingClientRect().height).toBe(0);
    const empty = one(received({ controlType: 'CONNECT', content: '', sourceType: 'AGENT' }));
    expect(empty.hidden).toBe(true);
  });

  it('each message carries a <time datetime> with a short local time; none without a timestamp', () => {
    const el = one(received({ sourceType: 'AGENT', content: 'hi', timestamp: NOW }));
    const time = el.querySelector('time')!;
    expect(time.getAttribute('part')).toBe('time');
    expect(time.dateTime).toBe(new Date(NOW).toISOString());
    expect(time.textContent).toMatch(/\d{1,2}[:.]\d{2}/);
    expect(time.textContent!.length).toBeLessThan(12);

    const old = Date.UTC(2024, 0, 15, 9, 30);
    const history = one(received({ sourceType: 'AGENT', content: 'hi', timestamp: old }), context({ locale: 'en-US' }));
    expect(history.querySelector('time')!.textContent).toMatch(/Jan 1[45]/);

    expect(one(received({ sourceType: 'AGENT', content: 'hi', timestamp: 0 })).querySelector('time')).toBeNull();
    expect(one(sent('x', 'sent')).querySelector('time')!.dateTime).toBe(new Date(NOW).toISOString());
  });

  it('uses the strings it is given', () => {
    const el = one(sent('你好', 'failed'), context({ strings: zhCN }));
    expect(part(el, 'status')!.textContent).toContain('发送失败');
    expect(part(el, 'retry-button')!.textContent).toBe('重试');
    expect(el.querySelector('.ccm-vh')!.textContent).toBe('我：');
  });
});

// ---------------------------------------------------------------------------------------------

describe('renderEntry: untrusted content stays inert', () => {
  const payloads = [
    '<img src=x onerror="window.__ccXss()">',
    '<script>window.__ccXss()</script>',
    '"><svg onload="window.__ccXss()">',
    "'><iframe src=\"javascript:window.__ccXss()\"></iframe>",
    'javascript:window.__ccXss()',
    'JaVaScRiPt:window.__ccXss()',
    'data:text/html,<script>window.__ccXss()</script>',
    '{{constructor.constructor("window.__ccXss()")()}}',
  ];

  function expectInert(log: HTMLElement) {
    expect(log.querySelector('script, iframe, object, embed')).toBeNull();
    expect(log.querySelector('[onerror], [onload], [onclick], [style], [srcdoc]')).toBeNull();
    expect(log.querySelectorAll('svg:not(.ccm-glyph)')).toHaveLength(0);
    for (const a of log.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
    for (const img of log.querySelectorAll('img')) expect(img.getAttribute('src')).toMatch(/^https?:\/\//);
  }

  it('in content, nicknames, avatars, suggestions and web cards', async () => {
    const spy = vi.fn();
    (window as unknown as { __ccXss: () => void }).__ccXss = spy;
    const ctx = context({ mediaUrl: (m) => m.content });
    const entries: TranscriptEntry[] = [];
    for (const p of payloads) {
      entries.push(
        received({ sourceType: 'AGENT', content: p, senderNickname: p, senderAvatar: p }),
        received({ sourceType: 'ROBOT', content: p, senderNickname: p, senderAvatar: p, simQuestions: [p] }),
        received({ sourceType: 'SYSTEM', content: p }),
        received({ sourceType: p, content: p }),
        received({ sourceType: 'AGENT', mediaType: 'IMAGE', content: p, mediaFileType: p }),
        received({ sourceType: 'AGENT', mediaType: 'LOCATE', content: `1/2/${p}` }),
        received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content: JSON.stringify({ title: p, description: p, redirectUrl: p }) }),
        received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content: p }),
        sent(p, 'failed'),
      );
    }
    const log = mount(entries, ctx);
    expectInert(log);
    // Every payload is shown as the text it is.
    for (const [i, p] of payloads.entries()) {
      const group = [...log.children].slice(i * 9, i * 9 + 9) as HTMLElement[];
      expect(text(part(group[0], 'bubble'))).toBe(p);
      expect(text(part(group[0], 'author'))).toBe(p);
      expect(part(group[0], 'avatar')!.querySelector('img')).toBeNull();
      expect(part(group[1], 'avatar')!.querySelector('img')).toBeNull();
      expect(text(part(group[1], 'suggestion'))).toBe(p);
      expect(text(part(group[2], 'system-line'))).toContain(p);
      expect(group[3].dataset.sourceType).toBe(p);
      expect(text(part(group[3], 'author'))).toBe(p);
      expect(text(part(group[5], 'card'))).toContain(p);
      expect(text(part(group[6], 'card')!.querySelector('.ccm-card-title'))).toBe(p);
      expect(text(part(group[7], 'card'))).toContain(p);
      expect(visibleText(part(group[8], 'bubble')!)).toBe(p);
    }
    // Clicking a suggestion hands the raw string back; it is never evaluated.
    (part(log, 'suggestion') as HTMLButtonElement).click();
    expect(ctx.onQuestion).toHaveBeenCalledWith(payloads[0]);
    await new Promise((resolve) => setTimeout(resolve, 100)); // give any onerror/onload a chance to fire
    expect(spy).not.toHaveBeenCalled();
  });

  it('a javascript: link in text or as a web card target is never an anchor', () => {
    const log = mount([
      received({ sourceType: 'AGENT', content: 'click javascript:alert(1) or http://ok.example' }),
      received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content: JSON.stringify({ title: 'Win', redirectUrl: 'javascript:alert(1)' }) }),
      received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content: JSON.stringify({ title: 'Win', redirectUrl: ' JAVASCRIPT:alert(1)' }) }),
      received({ sourceType: 'AGENT', content: 'x', senderAvatar: 'javascript:alert(1)' }),
      received({ sourceType: 'AGENT', content: 'x', senderAvatar: 'data:image/svg+xml,<svg onload=alert(1)>' }),
      received({ sourceType: 'AGENT', content: 'x', senderAvatar: '//evil.example/a.png' }),
    ]);
    const hrefs = [...log.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['http://ok.example/']);
    expect(log.querySelectorAll('img')).toHaveLength(0);
    expect(text(log)).toContain('javascript:alert(1)');
  });
});

describe('messageSummary (for the live region)', () => {
  it('says the text, what the media is (with its detail once the panel reads it), or that the chat ended', () => {
    expect(messageSummary(message({ content: 'Hello there' }), en)).toBe('Hello there');
    expect(messageSummary(message({ mediaType: 'IMAGE', content: 'obs-key' }), en, messageDetail)).toBe('Image');
    expect(messageSummary(message({ mediaType: 'FILE', content: 'invoice.pdf,2048,key,pdf' }), en)).toBe('File');
    expect(messageSummary(message({ mediaType: 'FILE', content: 'invoice.pdf,2048,key,pdf' }), en, messageDetail)).toBe('File: invoice.pdf');
    expect(messageSummary(message({ mediaType: 'LOCATE', content: '52.5/13.4/Office' }), en, messageDetail)).toBe('Location: Office');
    expect(messageSummary(message({ mediaType: 'WEBCARD', content: '{"title":"Sale","redirectUrl":"https://s.example"}' }), en, messageDetail)).toBe('Card: Sale');
    expect(messageSummary(message({ mediaType: 'WEBCARD', content: '{broken' }), zhCN, messageDetail)).toBe('卡片：{broken');
    expect(messageSummary(message({ controlType: 'DISCONNECT', mediaType: null, sourceType: 'AGENT' }), en)).toBe('The agent ended the chat');
    expect(messageSummary(message({ controlType: 'DISCONNECT', mediaType: null, sourceType: 'SYSTEM' }), en)).toBe('The chat has ended');
    expect(messageSummary(message({ controlType: 'READ', content: '["m1"]' }), en)).toBe('');
    expect(messageSummary(message({ content: '', simQuestions: ['a'] }), en)).toBe('Suggested questions');
    expect(messageSummary(message({ content: 'y'.repeat(2000) }), en)).toHaveLength(501);
  });
});

// ---------------------------------------------------------------------------------------------

describe('accessibility', () => {
  function everyKind(): TranscriptEntry[] {
    return [
      received({ sourceType: 'SYSTEM', content: 'Queuing...' }),
      received({ sourceType: 'ROBOT', senderNickname: 'Iris', content: 'Hi! See https://help.example', simQuestions: ['Opening hours', 'Talk to a person'] }),
      received({ sourceType: 'ROBOT', content: 'avatar', senderAvatar: 'https://cdn.example/bot.png' }),
      received({ sourceType: 'AGENT', senderNickname: 'Dana', content: 'Hello, I am Dana.' }),
      received({ sourceType: 'AGENT', senderNickname: 'Dana', mediaType: 'IMAGE', content: 'k', mediaFileType: 'png' }),
      received({ sourceType: 'AGENT', senderNickname: 'Dana', mediaType: 'FILE', content: 'a.txt,6,k,txt' }),
      received({ sourceType: 'AGENT', senderNickname: 'Dana', mediaType: 'DOCUMENT', content: 'k', mediaFileType: 'pdf' }),
      received({ sourceType: 'AGENT', mediaType: 'LOCATE', content: '52.5/13.4/Office' }),
      received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content: JSON.stringify({ title: 'Sale', description: 'Now', redirectUrl: 'https://shop.example' }) }),
      received({ sourceType: 'AGENT', mediaType: 'WEBCARD', content: '{broken' }),
      received({ sourceType: 'USER', content: 'Earlier question' }),
      received({ sourceType: 'BOT_X', content: 'Unknown sender' }),
      sent('Sending now', 'pending'),
      sent('Delivered', 'sent'),
      sent('Did not go through https://x.example', 'failed'),
      received({ controlType: 'DISCONNECT', mediaType: null, sourceType: 'AGENT' }),
      received({ controlType: 'DISCONNECT', mediaType: null, sourceType: 'SYSTEM' }),
    ];
  }

  async function violations(log: HTMLElement) {
    // Let the entry animation (transform only) settle so layout is final.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const result = await axe.run(log.getRootNode() instanceof ShadowRoot ? (log.getRootNode() as ShadowRoot).host : log, {
      rules: { region: { enabled: false } }, // landmarks belong to the host page, not to a transcript fragment
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('has no axe violations in the light scheme', async () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(false);
    const log = mount(everyKind(), context({ mediaUrl: (m) => (m.mediaType === 'IMAGE' ? 'https://files.example/k.png' : null) }));
    expect(log.children.length).toBe(17);
    expect(await violations(log)).toEqual([]);
  });

  it('has no axe violations in the dark scheme', async () => {
    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    try {
      expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true);
      const log = mount(everyKind());
      // The panel behind the transcript is the element's; stand in for its dark background.
      document.body.style.background = '#1f1f1f';
      const bubble = log.querySelector('.ccm--end .ccm-bubble')!;
      expect(getComputedStyle(bubble).backgroundColor).toBe('rgb(168, 199, 250)');
      expect(await violations(log)).toEqual([]);
    } finally {
      document.body.style.background = '';
      await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    }
  });
});
