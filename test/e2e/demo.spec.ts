import { expect, test } from '@playwright/test';
test('the demo page loads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('cc-chat');
});
