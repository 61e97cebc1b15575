import { describe, expect, it } from 'vitest';
import { addEnglish, en as enCore, hasStrings, loadableLanguage, registerStrings, stringsFor, type CcStrings } from '../../../src/core/strings';
import { zhCN } from '../../../src/locales/zh';
import { enCall } from '../../../src/call/call-strings';
import { enPanel } from '../../../src/panel/panel-strings';

// The element adds the panel's English when the panel's code arrives; these tests read the whole table.
addEnglish(enPanel);
const en = stringsFor(undefined);

const ZH_TAGS = ['zh', 'zh-CN', 'zh_CN', 'ZH-cn', 'zh-Hans', 'zh-Hans-CN', ' zh-SG '];
const OTHER_TAGS = [undefined, '', 'en', 'en-US', 'fr-FR', 'de', 'zhx', 'x-zh', 'chinese'];

describe('stringsFor', () => {
  it('asks for Chinese for every zh tag, in any case or separator, and gives English until it is loaded', () => {
    for (const locale of ZH_TAGS) expect(loadableLanguage(locale), locale).toBe('zh');
    if (!hasStrings('zh')) expect(stringsFor('zh-CN')).toBe(en);
    registerStrings('zh', zhCN);
    expect(hasStrings('zh')).toBe(true);
    for (const locale of ZH_TAGS) expect(stringsFor(locale), locale).toBe(zhCN);
  });

  it('picks English for everything else', () => {
    registerStrings('zh', zhCN);
    for (const locale of OTHER_TAGS) {
      expect(loadableLanguage(locale), String(locale)).toBeNull();
      expect(stringsFor(locale), String(locale)).toBe(en);
    }
  });

  it('lays overrides over the chosen language, leaving the rest alone', () => {
    registerStrings('zh', zhCN);
    const strings = stringsFor('zh-CN', { send: 'Go', unreadLabel: (n) => `(${n})` });
    expect(strings.send).toBe('Go');
    expect(strings.unreadLabel(4)).toBe('(4)');
    expect(strings.closeChat).toBe(zhCN.closeChat);
    expect(zhCN.send).toBe('发送'); // the shared table is not mutated
  });

  it('ignores undefined, unknown and wrongly typed overrides', () => {
    const overrides = { send: undefined, closeChat: 42, nope: 'x', panelTitle: 'Help' } as unknown as Partial<CcStrings>;
    const strings = stringsFor('en', overrides);
    expect(strings.send).toBe('Send');
    expect(strings.closeChat).toBe('Close chat');
    expect(strings.panelTitle).toBe('Help');
    expect('nope' in strings).toBe(false);
  });
});

describe('the string tables', () => {
  it('zh and en (the chat\'s and the call\'s) have the same keys, each of the same kind and non-empty', () => {
    const english: CcStrings = { ...enCore, ...enPanel, ...enCall };
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english) as Array<keyof CcStrings>) {
      expect(typeof zhCN[key], key).toBe(typeof english[key]);
      if (typeof english[key] === 'string') {
        expect((english[key] as string).length, key).toBeGreaterThan(0);
        expect((zhCN[key] as string).length, key).toBeGreaterThan(0);
      }
    }
  });

  it('each English string is in one table: the core\'s, the panel\'s or the call\'s', () => {
    const keys = [...Object.keys(enCore), ...Object.keys(enPanel), ...Object.keys(enCall)];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('formats values', () => {
    expect(en.unreadLabel(1)).toBe('1 unread message');
    expect(en.unreadLabel(3)).toBe('3 unread messages');
    expect(zhCN.unreadLabel(3)).toBe('3 条未读消息');
    expect(en.queuePosition(4)).toBe('You are number 4 in the queue');
    expect(en.queuePosition(1)).toBe('You are next in the queue');
    expect(zhCN.queuePosition(4)).toContain('4');
    expect(en.charactersLeft(1)).toBe('1 character left');
    expect(en.charactersLeft(20)).toBe('20 characters left');
    expect(en.charactersLeft(-3)).toBe('3 characters too many');
    expect(en.senderSays('Agent Dana', 'Hello')).toBe('Agent Dana: Hello');
    expect(zhCN.senderSays('系统', '你好')).toBe('系统：你好');
    expect(en.messageTooLong(1024)).toBe('Message is too long: at most 1024 characters');
    expect(zhCN.messageTooLong(1024)).toContain('1024');
    expect(en.fileSize(6)).toBe('6 B');
    expect(en.fileSize(1536)).toBe('1.5 KB');
    expect(en.fileSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });

  it('names connection states and media types', () => {
    expect(en.connectionStatus('connected')).toBe('Online');
    expect(en.connectionStatus('reconnecting')).toBe('Reconnecting…');
    expect(zhCN.connectionStatus('offline')).toBe('离线');
    expect(en.connectionStatus('toString')).toBe('');
    expect(en.connectionStatus('whatever')).toBe('');
    expect(en.mediaLabel('IMAGE')).toBe('Image');
    expect(en.mediaLabel('FILE_VIDEO')).toBe('Video');
    expect(en.mediaLabel('LOCATE')).toBe('Location');
    expect(en.mediaLabel('WEBCARD')).toBe('Card');
    expect(en.mediaLabel('STICKER')).toBe('Attachment');
    expect(en.mediaLabel('TEXT')).toBe('');
    expect(en.mediaLabel(null)).toBe('');
    expect(zhCN.mediaLabel('DOCUMENT')).toBe('文档');
  });

  it('rounds waiting times', () => {
    expect(en.estimatedWait(20)).toBe('Estimated wait: less than a minute');
    expect(en.estimatedWait(120)).toBe('Estimated wait: about 2 min');
    expect(en.estimatedWait(150)).toBe('Estimated wait: about 3 min');
    expect(en.estimatedWait(3600)).toBe('Estimated wait: about 1 h');
    expect(en.estimatedWait(3900)).toBe('Estimated wait: about 1 h 5 min');
    expect(en.estimatedWait(Number.NaN)).toBe('Estimated wait: less than a minute');
    expect(en.estimatedWait(-5)).toBe('Estimated wait: less than a minute');
    expect(zhCN.estimatedWait(120)).toBe('预计等待：约 2 分钟');
    expect(zhCN.estimatedWait(30)).toBe('预计等待：不到 1 分钟');
  });
});
