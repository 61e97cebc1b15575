import {
  DEFAULT_SETTINGS,
  STYLE_PROPERTIES,
  embedSnippet,
  widgetAttributes,
  widgetStyle,
  type DemoLocale,
  type DemoPosition,
  type DemoSettings,
  type DemoTheme,
} from './embed-snippet';

// The demo's settings row: language, corner, accent colour and colour scheme, applied live to the page's
// <cc-chat>, with the markup that does the same on a site (demo/embed-snippet.ts) and a button to copy it.

export function setUpSettings(widget: HTMLElement): void {
  const form = document.querySelector<HTMLFormElement>('#settings')!;
  const code = document.querySelector<HTMLElement>('#embed-code')!;
  const copyButton = document.querySelector<HTMLButtonElement>('#copy-embed')!;
  const copyStatus = document.querySelector<HTMLElement>('#copy-status')!;
  const settings: DemoSettings = { ...DEFAULT_SETTINGS };

  const apply = () => {
    for (const [name, value] of Object.entries(widgetAttributes(settings))) {
      if (value === null) widget.removeAttribute(name);
      else widget.setAttribute(name, value);
    }
    for (const name of STYLE_PROPERTIES) widget.style.removeProperty(name);
    for (const [name, value] of Object.entries(widgetStyle(settings))) widget.style.setProperty(name, value);
    // The page follows a forced scheme too, so "dark" shows the widget on a dark page.
    document.documentElement.style.colorScheme = settings.theme === 'system' ? '' : settings.theme;
    code.textContent = embedSnippet(settings);
    copyStatus.textContent = '';
  };

  form.addEventListener('input', (event) => {
    const field = event.target as HTMLInputElement | HTMLSelectElement;
    if (field.name === 'locale') settings.locale = field.value as DemoLocale;
    if (field.name === 'position') settings.position = field.value as DemoPosition;
    if (field.name === 'theme') settings.theme = field.value as DemoTheme;
    if (field.name === 'accent') settings.accent = field.value;
    apply();
  });
  form.addEventListener('reset', () => {
    // After the browser has put the fields back to their defaults.
    setTimeout(() => {
      Object.assign(settings, DEFAULT_SETTINGS);
      apply();
    });
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  copyButton.addEventListener('click', async () => {
    try {
      // Missing outside a secure context, and may be refused (permissions, an unfocused page).
      await navigator.clipboard.writeText(code.textContent ?? '');
      copyStatus.textContent = 'Copied.';
    } catch {
      selectContents(code);
      copyStatus.textContent = 'Copying is not allowed here: the snippet is selected, press Ctrl+C (⌘C on a Mac).';
    }
  });

  apply();
}

function selectContents(element: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
