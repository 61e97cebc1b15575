import { expect, test, type Page } from '@playwright/test';
import { resetSimulator, snapshot, widget } from './support';

// The demo page as a first impression: it fits a phone, its agent's names agree, its settings row changes the
// widget live and gives the markup for it, and embed.html runs the built script-tag file.

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

/** How far the page scrolls sideways (0: it fits the viewport). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

test.describe('on a phone', () => {
  // isMobile: the layout viewport grows to the page's width, as on a real phone, so a page wider than the
  // screen puts the fixed launcher off-screen.
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  for (const width of [375, 320]) {
    test(`the page fits ${width} px and the launcher opens the chat`, async ({ page }) => {
      const w = widget(page);
      await page.setViewportSize({ width, height: 667 });
      await page.goto('/');
      await expect(w.launcher).toBeVisible();
      // A page wider than the phone would have widened the layout viewport (innerWidth) to fit it.
      expect(await page.evaluate(() => window.innerWidth)).toBe(width);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      const box = (await w.launcher.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(667);

      await w.launcher.click();
      await expect(w.panel).toBeVisible();
      await expect(w.messages('ROBOT').first()).toBeVisible();
      // The events list now holds long JSON lines: they wrap.
      await expect(page.locator('#events li').first()).toBeAttached();
      expect(await page.evaluate(() => window.innerWidth)).toBe(width);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      if (width === 375) await snapshot(page, 'demo-phone-open');
    });
  }
});

test('the agent text the demo prefills names the agent shown above it', async ({ page }) => {
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await w.button('agent-button').click();
  await expect(w.messages('AGENT').first()).toBeVisible({ timeout: 10_000 });

  const prefilled = await page.locator('#agent-text').inputValue();
  await page.getByRole('button', { name: 'Send as agent' }).click();
  const said = w.messages('AGENT').filter({ hasText: prefilled });
  await expect(said).toHaveCount(1);
  const name = (await said.locator('[part~="author"]').textContent())!.trim();
  expect(name).not.toBe('');
  expect(prefilled).toContain(name);
});

test('the settings change the widget live and give the markup that does the same', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ colorScheme: 'light' });
  const w = widget(page);
  const code = page.locator('#embed-code');
  await page.goto('/');
  await expect(code).toContainText('<script src="/cc-chat.iife.js" defer></script>');
  await expect(code).toContainText('<cc-chat channel-id="YOUR-WEB-CHANNEL-ID"></cc-chat>');
  await expect(w.launcher).toHaveAttribute('aria-label', 'Open chat');

  await page.getByLabel('Language').selectOption('zh');
  await expect(w.launcher).toHaveAttribute('aria-label', '打开在线客服');
  await page.getByLabel('Corner').selectOption('left');
  const box = (await w.launcher.boundingBox())!;
  expect(box.x + box.width).toBeLessThan((page.viewportSize()!.width) / 2);
  await expect(code).toContainText('<cc-chat channel-id="YOUR-WEB-CHANNEL-ID" locale="zh" position="left"></cc-chat>');

  await page.getByLabel('Accent colour').fill('#ffd54f');
  await expect(w.launcher).toHaveCSS('background-color', 'rgb(255, 213, 79)');
  // A light accent gets dark text and icon.
  await expect(code).toContainText('--cc-chat-accent: #ffd54f;');
  await expect(code).toContainText('--cc-chat-accent-contrast: #000000;');

  await page.getByLabel('Colour scheme').selectOption('dark');
  await w.launcher.click();
  await expect(w.panel).toHaveCSS('background-color', 'rgb(31, 31, 31)');
  // The page goes dark with it (its colours are the system colours of its scheme).
  await expect(page.locator('body')).toHaveCSS('color-scheme', 'dark');
  await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(w.root).toHaveAttribute('theme', 'dark');
  await expect(code).toContainText('position="left" theme="dark"></cc-chat>');
  await expect(code).toContainText('--cc-chat-accent: #ffd54f;'); // the chosen accent wins over the scheme's
  await snapshot(page, 'demo-settings');

  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.locator('#copy-status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.textContent());

  await page.getByRole('button', { name: 'Defaults' }).click();
  await expect(code).not.toContainText('<style>');
  await expect(code).toContainText('<cc-chat channel-id="YOUR-WEB-CHANNEL-ID"></cc-chat>');
  await expect(w.panel).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(w.root).not.toHaveAttribute('position', 'left');
});

test('without the Clipboard API, Copy selects the snippet and says how to copy it', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await page.goto('/');
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.locator('#copy-status')).toContainText('press Ctrl+C');
  const selected = await page.evaluate(() => window.getSelection()?.toString());
  expect(selected).toBe(await page.locator('#embed-code').textContent());
});

test('embed.html runs the built script-tag file against the demo simulator', async ({ page }) => {
  // Needs `npm run build` first (npm test does it).
  const w = widget(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/');
  await page.getByRole('link', { name: 'embed.html' }).click();
  await expect(page).toHaveURL(/\/embed\.html$/);
  await expect(page.locator('.missing-build')).toBeHidden();
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  expect(scripts).toEqual(expect.arrayContaining(['/dist/cc-chat.iife.js', '/dist/cc-chat-panel.iife.js']));
});

test('the page passes axe, light and dark', async ({ page }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.locator('#embed-code')).not.toBeEmpty();
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as { axe: typeof import('axe-core') };
      const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, colorScheme).toEqual([]);
  }
});
