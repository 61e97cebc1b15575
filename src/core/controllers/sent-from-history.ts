import type { DownlinkMessage } from '../../api/types';
import { parseFileContent } from '../file-content';
import type { SentFile } from './transcript-entry';

// The history holds the visitor's own messages too (read back by a tab that joins, a catch-up, "show earlier").
// A file the visitor sent comes back as the send's content (§4 of the API reference): the objectKey for an IMAGE,
// AUDIO or VIDEO, `fileName,sizeBytes,objectKey,ext` for a FILE. It becomes a sent entry with its file, as the
// tab that sent it has, so the panel shows the file (fetched by its objectKey) instead of the key as text.

const SENT_MEDIA: Record<string, SentFile['mediaType']> = {
  IMAGE: 'IMAGE',
  FILE_IMAGE: 'IMAGE',
  AUDIO: 'AUDIO',
  VIDEO: 'VIDEO',
  FILE_VIDEO: 'VIDEO',
  FILE: 'FILE',
  DOCUMENT: 'FILE',
};

/** The text and, for a file, the file of a visitor's own message read from the history. */
export function sentFromHistory(message: DownlinkMessage): { text: string; file?: SentFile } {
  const mediaType = message.mediaType ? SENT_MEDIA[message.mediaType] : undefined;
  const content = message.content.trim();
  if (!mediaType || !content) return { text: message.content };
  if (mediaType === 'FILE') {
    const file = parseFileContent(content);
    if (!file) return { text: message.content };
    return { text: file.name, file: { ...file, size: file.size ?? 0, type: '', mediaType } };
  }
  // IMAGE, AUDIO, VIDEO: the objectKey alone (an older shape adds `,ext`).
  const [objectKey, ext = message.mediaFileType ?? ''] = content.split(',').map((field) => field.trim());
  const name = objectKey.split('/').pop() || objectKey;
  return { text: name, file: { name, size: 0, type: '', ext, mediaType, objectKey } };
}
