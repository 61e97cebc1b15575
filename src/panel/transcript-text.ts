import type { TranscriptEntry } from '../core/controllers/transcript-entry';
import { messageSummary } from '../core/message-content';
import { senderLabel } from '../core/sender';
import type { ChatStrings } from '../core/strings';
import { messageDetail } from './message-detail';

// The conversation as plain text, for the visitor to keep (the header's download button): one line per message,
// its time, who said it and what (a media message by its kind and name). Made in the browser; nothing is asked.

/** The conversation's lines, with a title line and the date first. */
export function transcriptText(entries: readonly TranscriptEntry[], strings: ChatStrings, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const lines = [strings.panelTitle, ''];
  for (const entry of entries) {
    const when = entry.kind === 'received' ? entry.message.timestamp : entry.timestamp;
    const time = when > 0 ? `[${format.format(when)}] ` : '';
    if (entry.kind === 'sent') {
      lines.push(`${time}${strings.speakerPrefix(strings.you)}${entry.text}`);
      continue;
    }
    const text = messageSummary(entry.message, strings, messageDetail);
    if (text) lines.push(`${time}${strings.speakerPrefix(senderLabel(entry.message, strings))}${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Saves `text` as a file named `name` through a download link in `root` (a blob: URL, revoked after). */
export function saveTextFile(root: ParentNode, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
