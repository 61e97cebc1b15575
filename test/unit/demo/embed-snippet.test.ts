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
    expect(widgetAttributes(DEFAULT_SETTINGS)).toEqual({ locale: null, position: null, theme: null });
    expect(widgetStyle(DEFAULT_SETTINGS)).toEqual({});
  });

  it('puts the language and the corner on the element, as the widget gets them', () => {
    const settings = { ...DEFAULT_SETTINGS, locale: 'zh', position: 'left' } as const;
    expect(widgetAttributes(settings)).toEqual({ locale: 'zh', position: 'left', theme: null });
    expect(embedSnippet(settings)).toContain('<cc-chat channel-id="YOUR-WEB-CHANNEL-ID" locale="zh" position="left"></cc-chat>');
  });

  it('fixes a scheme with the theme attribute, and sets only the chosen accent', () => {
    const settings = { ...DEFAULT_SETTINGS, theme: 'dark', accent: '#0B57D0' } as const;
    expect(widgetAttributes(settings).theme).toBe('dark');
    expect(widgetAttributes({ ...DEFAULT_SETTINGS, theme: 'light' }).theme).toBe('light');
    expect(widgetStyle(settings)).toEqual({ '--cc-chat-accent': '#0b57d0', '--cc-chat-accent-contrast': '#ffffff' });
    // Everything set is something a later change clears.
    expect(STYLE_PROPERTIES).toEqual(expect.arrayContaining(Object.keys(widgetStyle(settings))));

    const snippet = embedSnippet(settings);
    expect(snippet).toContain('<cc-chat channel-id="YOUR-WEB-CHANNEL-ID" theme="dark"></cc-chat>');
    expect(snippet).toContain('<style>\n  cc-chat {\n    --cc-chat-accent: #0b57d0;\n    --cc-chat-accent-contrast: #ffffff;\n  }\n</style>');
    expect(embedSnippet({ ...DEFAULT_SETTINGS, theme: 'dark' })).not.toContain('<style>');
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
