import type { ReceivedEntry } from '../core/controllers/transcript-entry';
import { messageSummary } from '../core/message-content';
import { senderLabel } from '../core/sender';
import type { CoreStrings } from '../core/strings';
import { messageDetail } from './message-detail';

/**
 * Desktop notifications for agent messages while the page is hidden (`<cc-chat notify>`). The permission is
 * asked by the element from the visitor's click; this only shows them, once granted. One notification at a
 * time per visitor (the tag: the tabs of one visitor replace each other's); it closes when the page is seen.
 */
export class Notifier {
  #shown: Notification | null = null;

  constructor(private readonly open: () => void) {}

  notify(entries: ReceivedEntry[], strings: CoreStrings): void {
    const agent = entries.filter(({ message }) => message.sourceType === 'AGENT').pop();
    if (!agent || !document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    this.#shown?.close();
    const note = (this.#shown = new Notification(senderLabel(agent.message, strings), {
      body: messageSummary(agent.message, strings, messageDetail),
      tag: 'cc-chat',
    }));
    note.onclick = () => {
      window.focus();
      this.open();
      note.close();
    };
    document.addEventListener('visibilitychange', () => note.close(), { once: true });
  }
}
