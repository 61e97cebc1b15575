// The demo's settings row as data: what the widget on the page gets (attributes, custom properties) and the
// embed markup a site would copy to get the same. Pure, so the snippet and the live widget cannot disagree.

export type DemoLocale = '' | 'en' | 'zh';
export type DemoPosition = 'right' | 'left';
/** `system` follows prefers-color-scheme (the widget's own default, `theme="auto"`); `light` and `dark` fix it. */
export type DemoTheme = 'system' | 'light' | 'dark';

export interface DemoSettings {
  /** '' = the visitor's browser language (no attribute). */
  locale: DemoLocale;
  position: DemoPosition;
  /** A #rrggbb accent, or null for the theme's own. */
  accent: string | null;
  theme: DemoTheme;
}

export const DEFAULT_SETTINGS: DemoSettings = { locale: '', position: 'right', accent: null, theme: 'system' };

/** Where the snippet loads the script-tag file from: the site serves dist/ (the file and its parts) itself. */
export const SCRIPT_SRC = '/cc-chat.iife.js';

/** Every style property the settings may set on the widget, so a change can clear the previous ones. */
export const STYLE_PROPERTIES = ['--cc-chat-accent', '--cc-chat-accent-contrast'];

const HEX = /^#[0-9a-f]{6}$/i;

/** The relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on the accent: the launcher's icon and the visitor's text sit on it. */
export function accentContrast(accent: string): string {
  const l = luminance(accent);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** The custom properties the widget gets for these settings, in the order the snippet shows. */
export function widgetStyle(settings: DemoSettings): Record<string, string> {
  const style: Record<string, string> = {};
  if (settings.accent && HEX.test(settings.accent)) {
    const accent = settings.accent.toLowerCase();
    style['--cc-chat-accent'] = accent;
    style['--cc-chat-accent-contrast'] = accentContrast(accent);
  }
  return style;
}

/** The attributes the widget gets for these settings (null: removed). */
export function widgetAttributes(settings: DemoSettings): Record<'locale' | 'position' | 'theme', string | null> {
  return {
    locale: settings.locale || null,
    position: settings.position === 'left' ? 'left' : null,
    theme: settings.theme === 'system' ? null : settings.theme,
  };
}

/** The markup a site copies to embed the widget as configured. */
export function embedSnippet(settings: DemoSettings, channelId = 'YOUR-WEB-CHANNEL-ID'): string {
  const attributes = Object.entries({ 'channel-id': channelId, ...widgetAttributes(settings) })
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const lines = [
    '<!-- dist/cc-chat.iife.js and the cc-chat-*.iife.js parts beside it (npm run build) -->',
    `<script src="${SCRIPT_SRC}" defer></script>`,
    `<cc-chat${attributes}></cc-chat>`,
  ];
  const style = Object.entries(widgetStyle(settings));
  if (style.length > 0) {
    lines.push('<style>', '  cc-chat {', ...style.map(([name, value]) => `    ${name}: ${value};`), '  }', '</style>');
  }
  return lines.join('\n');
}
