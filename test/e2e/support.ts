import { expect, type Page, type APIRequestContext } from '@playwright/test';

/** Fast pacing for the demo's simulator, so a whole conversation takes seconds. */
export const FAST = { pollHoldMs: 800, replyDelayMs: 50, queueStepMs: 400, queueLength: 2, callQueueMs: 300 };

export async function resetSimulator(request: APIRequestContext, options: Record<string, unknown> = FAST) {
  expect((await request.post('/__sim/reset')).ok()).toBe(true);
  expect((await request.post('/__sim/configure', { data: options })).ok()).toBe(true);
}

export async function control(request: APIRequestContext, action: string, data: unknown = {}) {
  const response = await request.post(`/__sim/${action}`, { data });
  expect(response.ok(), `${action}: ${response.status()}`).toBe(true);
}

export async function recordedOperations(request: APIRequestContext): Promise<string[]> {
  const requests = (await (await request.get('/__sim/requests')).json()) as Array<{ operation: string; body: unknown }>;
  return requests.map((r) => {
    const controlType = (r.body as { controlType?: string } | null)?.controlType;
    return controlType ? `${r.operation}:${controlType}` : r.operation;
  });
}

export function widget(page: Page) {
  const root = page.locator('cc-chat');
  return {
    root,
    launcher: root.locator('[part~="launcher"]'),
    panel: root.locator('[part~="panel"]'),
    input: root.locator('[part~="input"]'),
    notice: root.locator('[part~="notice"]'),
    queue: root.locator('[part~="queue"]'),
    messages: (sourceType?: string) =>
      // Shown messages: a READ receipt or an empty echo keeps a hidden slot.
      root.locator(sourceType ? `[part~="message"][data-source-type="${sourceType}"]:not([hidden])` : '[part~="message"]:not([hidden])'),
    button: (part: string) => root.locator(`[part~="${part}"]`),
  };
}

/** Saves a screenshot under test-results/screenshots (an artifact of the run). */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, animations: 'disabled' });
}
