import { describe, expect, it, onTestFinished } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ROBOT_SIM_QUESTIONS } from '../../../src/simulator';
import {
  isShown,
  messageText,
  messages,
  mountChat,
  openAndGreet,
  operations,
  part,
  recordEvents,
  requestUser,
  requirePart,
  sends,
  sim,
  sleep,
  transcript,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// A visitor's whole conversation: connect on first open, the robot, the queue, the agent, the end
// and a new conversation.

useChatFixture();

describe('connecting', () => {
  it('sends no request at page load, not even after a while', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await sleep(300);
    // Nothing from this element (requests of earlier tests' elements may still trickle in).
    expect(sim.requests.filter((r) => [undefined, userId].includes(requestUser(r)))).toEqual([]);
    expect(el.connectionState).toBe('idle');
    // Nothing inside the panel is built (or its code fetched) before the visitor opens it or shows the intent to.
    expect(part(el, 'header')).toBeNull();
    expect(part(el, 'notice')).toBeNull();
  });

  it('connects on the first open: applyToken, then CONNECT, then the poll loop', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    const events = recordEvents(el);
    await userEvent.click(requirePart(el, 'launcher'));
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(1);
    const ops = operations(userId);
    expect(ops.slice(0, 3)).toEqual(['applyToken', 'send:CONNECT', 'poll']);
    expect(ops.slice(2).every((op) => op === 'poll')).toBe(true);
    expect(events.of('cc-connection-change').map((d) => d.state)).toEqual(['connecting', 'connected']);
    // The poll carries the token that applyToken gave.
    const polls = sim.requests.filter((r) => r.operation === 'poll' && r.query.receiverId === userId);
    expect(polls[0].headers['ccmessaging-token']).toEqual(expect.any(String));
  });

  it('closing and opening again does not connect again', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    el.close();
    await el.updateComplete;
    el.show();
    await el.updateComplete;
    await sleep(200);
    expect(operations(userId).filter((op) => op !== 'poll')).toEqual(['applyToken', 'send:CONNECT']);
  });
});

describe('the conversation', () => {
  it('robot → queue → agent → end → a new conversation', async () => {
    // Two queue steps of 2.2 s: the widget asks at once (position 2) and 3 s later (position 1),
    // then the agent joins at 4.4 s.
    sim.configure({ queueLength: 2, queueStepMs: 2200 });
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { 'user-name': 'Ada' } });
    const events = recordEvents(el);
    await openAndGreet(el);

    // The robot greets with its suggestions as buttons; clicking one sends it.
    const greeting = messages(el, 'ROBOT')[0];
    expect(greeting.querySelector('[part~="author"]')!.textContent).toBe('Virtual Assistant');
    const suggestions = Array.from(greeting.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]'));
    expect(suggestions.map((b) => b.textContent!.trim())).toEqual(ROBOT_SIM_QUESTIONS);
    await userEvent.click(suggestions[0]);
    await expect.poll(() => sends('CHAT', ROBOT_SIM_QUESTIONS[0], userId).length).toBe(1);
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
    expect(transcript(el).slice(1)).toEqual([
      `CUSTOMER: ${ROBOT_SIM_QUESTIONS[0]}`,
      'ROBOT: We are open Monday to Friday, 9:00 to 18:00.',
    ]);

    // Ask for a person: TRANS2AGENT, then the queue position counts down.
    expect(isShown(part(el, 'queue'))).toBe(false);
    await userEvent.click(requirePart(el, 'agent-button'));
    await expect.poll(() => sends('TRANS2AGENT', undefined, userId).length).toBe(1);
    await expect.poll(() => part(el, 'queue')?.textContent ?? '').toContain('You are number 2 in the queue');
    expect(requirePart(el, 'queue').textContent).toMatch(/Estimated wait: (less than a minute|about \d+ min)/);
    expect(part(el, 'agent-button')).toBeNull();
    await expect.poll(() => part(el, 'queue')?.textContent ?? '', { timeout: 5000 }).toContain('You are next in the queue');

    // The agent joins: the queue goes away, the agent speaks, the agent button stays hidden.
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 5000 }).toBe(1);
    expect(part(el, 'queue')).toBeNull();
    expect(part(el, 'agent-button')).toBeNull();
    const agent = messages(el, 'AGENT')[0];
    expect(agent.querySelector('[part~="author"]')!.textContent).toBe('Alex');
    expect(agent.querySelector('[part~="avatar"]')!.textContent!.trim()).toBe('A');
    expect(messageText(agent)).toBe('Hi, this is Alex. How can I help you today?');
    expect(transcript(el)).toContain('SYSTEM: The call is connected to an agent.');

    el.send('My order is late');
    await expect.poll(() => messages(el, 'AGENT').length).toBe(2);
    expect(messageText(messages(el, 'AGENT')[1])).toBe('Thanks! Let me check that for you: "My order is late".');
    // Queue info was asked only while queued.
    const queueQueries = sim.requests.filter((r) => r.operation === 'queryQueueInfo').length;
    expect(queueQueries).toBeGreaterThanOrEqual(2);

    // End the chat: the survey first (skipped here; survey.test.ts answers it), then DISCONNECT, and a button to
    // start again.
    await userEvent.click(requirePart(el, 'end-button'));
    await expect.poll(() => part(el, 'survey-skip')).toBeTruthy();
    expect(sends('DISCONNECT', undefined, userId)).toHaveLength(0);
    await userEvent.click(requirePart(el, 'survey-skip'));
    await expect.poll(() => sends('DISCONNECT', undefined, userId).length).toBe(1);
    await waitForState(el, 'ended');
    expect(part(el, 'end-button')).toBeNull();
    expect(part(el, 'input')).toBeNull();
    expect(part(el, 'notice')!.textContent!.trim()).toBe('The chat has ended');
    const pollsAtEnd = sim.requests.filter((r) => r.operation === 'poll').length;
    await sleep(300);
    expect(sim.requests.filter((r) => r.operation === 'poll').length).toBeLessThanOrEqual(pollsAtEnd + 1);
    expect(sim.requests.filter((r) => r.operation === 'queryQueueInfo')).toHaveLength(queueQueries);

    // A new conversation: CONNECT again, an empty transcript, a new greeting.
    sim.clearRequests();
    await userEvent.click(requirePart(el, 'new-button'));
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(1);
    expect(transcript(el)).toHaveLength(1);
    expect(operations(userId)).toContain('send:CONNECT');
    expect(isShown(part(el, 'agent-button'))).toBe(true);
    expect(el.shadowRoot!.activeElement).toBe(part(el, 'input'));
    expect(events.of('cc-connection-change').map((d) => d.state)).toEqual([
      'connecting',
      'connected',
      'ended',
      'idle',
      'connecting',
      'connected',
    ]);
  });

  it('an agent who answers before the request for one is confirmed keeps the visitor out of the queue', async () => {
    // The contact center puts the visitor through at once (no queue), and its answer to TRANS2AGENT reaches the
    // page only after the agent's first line has come with a poll, as it can on a busy network.
    sim.configure({ queueLength: 0 });
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const original = window.fetch;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input, init) => {
      const answer = await original(input, init);
      if (typeof init?.body === 'string' && init.body.includes('"TRANS2AGENT"')) await released;
      return answer;
    };
    onTestFinished(() => {
      window.fetch = original;
    });
    requirePart(el, 'agent-button').click();
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 5000 }).toBe(1);
    release();
    // The late answer must not put the visitor back in a queue they have left. (By the agent's next answer, the
    // late one has long been handled.)
    el.send('Great, thanks');
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 5000 }).toBe(2); // the agent's answer
    await el.updateComplete;
    expect(part(el, 'queue')).toBeNull();
    expect(sim.requests.filter((r) => r.operation === 'queryQueueInfo' && requestUser(r) === userId)).toEqual([]);
    // And the end of the chat is the end of a conversation with an agent: the survey.
    sim.agentDisconnects(userId);
    await waitForState(el, 'ended');
    await expect.poll(() => part(el, 'survey-skip'), { timeout: 5000 }).toBeTruthy();
  });

  it('the agent ending the chat ends it for the visitor too', async () => {
    sim.configure({ queueLength: 0 });
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    requirePart(el, 'agent-button').click();
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 5000 }).toBe(1);
    sim.agentDisconnects(userId);
    await waitForState(el, 'ended');
    await el.updateComplete;
    expect(transcript(el).at(-1)).toBe('AGENT: The agent ended the chat');
    // The survey of the agent's conversation first; skipped, the button to start again.
    await expect.poll(() => part(el, 'survey-skip'), { timeout: 5000 }).toBeTruthy();
    expect(part(el, 'new-button')).toBeNull();
    await userEvent.click(requirePart(el, 'survey-skip'));
    expect(isShown(part(el, 'new-button'))).toBe(true);
    expect(sends('DISCONNECT', undefined, userId)).toHaveLength(0);
  });
});
