import { describe, expect, it } from 'vitest';
import { mountChat, openAndGreet, requirePart, sim, useChatFixture } from '../support/chat';

// The panel's English comes with the panel's code. A file of its own, so the panel is not loaded yet
// when the test starts (each test file runs in a fresh page).

useChatFixture();

describe('the strings property', () => {
  it('overrides the launcher\'s strings at once and the panel\'s once its code arrives, set before either', async () => {
    // No calls on this channel, so the call's code (whose arrival also refreshes the strings) stays away.
    sim.configure({ callScenario: 'unsupported' });
    const el = await mountChat();
    el.strings = { openChat: 'Need help?', messagePlaceholder: 'Ask us anything', askForAgent: 'A human, please' };
    await el.updateComplete;
    expect(requirePart(el, 'launcher').getAttribute('aria-label')).toBe('Need help?');

    await openAndGreet(el);
    expect(requirePart(el, 'input').getAttribute('placeholder')).toBe('Ask us anything');
    expect(requirePart(el, 'agent-button').textContent!.trim()).toBe('A human, please');
    // The panel's own English fills every string not overridden.
    expect(requirePart(el, 'end-button').textContent!.trim()).toBe('End chat');
  });
});
