import { expect, test } from '@playwright/test';
import { FAST, resetSimulator, snapshot, widget } from './support';

test('"Talk to a person" outside working hours: the visitor leaves a message instead', async ({ page, request }) => {
  await resetSimulator(request, { ...FAST, agentAvailability: 'outside-hours' });
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await expect(w.messages('ROBOT')).toHaveCount(1);
  await w.button('agent-button').click();
  const form = w.button('leave-message');
  await expect(form.getByRole('heading', { name: 'Leave us a message' })).toBeVisible();
  await expect(w.notice).toHaveText(/not available right now/);
  await form.getByLabel('Phone number').fill('+1 555 0100');
  await form.getByLabel('Your message').fill('Please call me back about my order.');
  await snapshot(page, 'leave-message');
  await w.button('leave-message-submit').click();
  await expect(form).toHaveText('Thank you. We will call you back.');
  const left = ((await (await request.get('/__sim/requests')).json()) as Array<{ operation: string; body: unknown }>).filter(
    (r) => r.operation === 'doLeaveMessage',
  );
  expect(left.map((r) => r.body)).toEqual([
    expect.objectContaining({ caller: '+1 555 0100', leaveMessage: 'Please call me back about my order.', channel: 'WEB' }),
  ]);
});
