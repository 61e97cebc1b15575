import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, STYLE_PROPERTIES, accentContrast, embedSnippet, widgetAttributes, widgetStyle } from '../../../demo/embed-snippet';

describe('the demo settings row', () => {
  it('by default gives the plain embed markup and leaves the widget as it is', () => {
    expect(embedSnippet(DEFAULT_SETTINGS)).toBe(
      [
        '<!-- dist/cc-chat.iife.js and the cc-chat-*.iife.js parts beside it (npm run build) -->',
        '<script src="/cc-chat.iife.js" defer></script>',
        '<cc-chat channel-id="YOUR-WEB-CHANNEL-ID"></cc-chat>',
      ].join('\n'),
    );
    expect(widgetAttributes(DEFAULT_SETTINGS)).toEqual({ locale: null, position: null });
    expect(widgetStyle(DEFAULT_SETTINGS)).toEqual({});
  });

  it('puts the language and the corner on the element, as the widget gets them', () => {
    const settings = { ...DEFAULT_SETTINGS, locale: 'zh', position: 'left' } as const;
    expect(widgetAttributes(settings)).toEqual({ locale: 'zh', position: 'left' });
    expect(embedSnippet(settings)).toContain('<cc-chat channel-id="YOUR-WEB-CHANNEL-ID" locale="zh" position="left"></cc-chat>');
  });

  it('forces a scheme with every colour, and the chosen accent wins over the scheme', () => {
    const dark = widgetStyle({ ...DEFAULT_SETTINGS, theme: 'dark', accent: '#0B57D0' });
    expect(dark['color-scheme']).toBe('dark');
    expect(dark['--cc-chat-bg']).toBe('#1f1f1f');
    expect(dark['--cc-chat-accent']).toBe('#0b57d0');
    expect(dark['--cc-chat-accent-contrast']).toBe('#ffffff');
    const light = widgetStyle({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(Object.keys(light).sort()).toEqual(Object.keys(dark).sort());
    expect(light['--cc-chat-bg']).toBe('#ffffff');
    // Everything set is something a later change clears.
    expect(STYLE_PROPERTIES).toEqual(expect.arrayContaining(Object.keys(dark)));

    const snippet = embedSnippet({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(snippet).toContain('<style>\n  cc-chat {\n    color-scheme: dark;\n    --cc-chat-accent: #a8c7fa;');
    expect(snippet.endsWith('  }\n</style>')).toBe(true);
  });

  it('ignores an accent that is not a #rrggbb colour', () => {
    expect(widgetStyle({ ...DEFAULT_SETTINGS, accent: 'red;} body{display:none' })).toEqual({});
  });

  it('writes black on a light accent and white on a dark one', () => {
    expect(accentContrast('#ffd54f')).toBe('#000000');
    expect(accentContrast('#ffffff')).toBe('#000000');
    expect(accentContrast('#0b57d0')).toBe('#ffffff');
    expect(accentContrast('#000000')).toBe('#ffffff');
  });
});
