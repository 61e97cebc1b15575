import { expect, test } from '@playwright/test';
import { control, resetSimulator, snapshot, widget } from './support';

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test('the agent ends the chat: the survey is answered and saved once', async ({ page, request }) => {
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await expect(w.messages('ROBOT')).toHaveCount(1);
  await control(request, 'push', { message: { sourceType: 'AGENT', senderNickname: 'Dana', content: 'Hi, Dana here.' } });
  await expect(w.messages('AGENT')).toHaveCount(1);
  await control(request, 'agent-disconnects');
  const survey = w.button('survey');
  await expect(survey.getByRole('heading', { name: 'How was your chat?' })).toBeVisible();
  await survey.getByRole('radio', { name: 'Very satisfied' }).check();
  await survey.getByRole('textbox').fill('Thanks, Dana!');
  await snapshot(page, 'survey');
  await w.button('survey-submit').click();
  await expect(survey).toHaveText('Thank you for your feedback.');
  await expect(w.button('new-button')).toBeVisible();
  const saved = ((await (await request.get('/__sim/requests')).json()) as Array<{ operation: string; body: unknown }>).filter(
    (r) => r.operation === 'saveSatisfaction',
  );
  expect(saved.map((r) => r.body)).toEqual([expect.objectContaining({ evaluation: '5', comment: 'Thanks, Dana!', channel: 'WEB' })]);
});
