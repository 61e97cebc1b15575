// Files both ways (shared/api/ccmessaging.md §3 rows 5 and 6, §4, §5): uploadFileStream and downloadFileStream as
// functions over CcMessagingClient.request, the vendor's rules for which file a message names and how an upload is
// sent, and base64 to and from Blobs. In the API part (api-part.ts), where the panel and the outbox find them.
// Answers are read leniently: the real server is looser than its examples (a data: prefix, line breaks, URL-safe
// base64, the key one level down).

import { parseFileContent } from '../core/file-content';
import type { CcMessagingClient } from './client';
import { readEnvelope } from './parse';
import type { DownlinkMessage, ResultEnvelope } from './types';
import { ObjectReader } from './validate';

/** What a visitor may send (uploadFileStream's fileType), and the mediaType each goes out as. */
const UPLOAD_TYPES: Record<string, UploadMediaType> = {
  jpg: 'IMAGE',
  jpeg: 'IMAGE',
  png: 'IMAGE',
  bmp: 'IMAGE',
  mp3: 'AUDIO',
  aac: 'AUDIO',
  mp4: 'VIDEO',
  txt: 'FILE',
  csv: 'FILE',
};
/** Types a browser names without a usable extension (a pasted screenshot is `image.png`, but some are blank). */
const EXTENSION_OF_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/bmp': 'bmp',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/aac': 'aac',
  'audio/x-aac': 'aac',
  'video/mp4': 'mp4',
  'text/plain': 'txt',
  'text/csv': 'csv',
};
/** The MIME type of a downloaded file by its extension: what the browser needs to play or show it. */
const MIME_OF_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  amr: 'audio/amr',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

export type UploadMediaType = 'IMAGE' | 'AUDIO' | 'VIDEO' | 'FILE';

/** A file the visitor may send, as the API will name it. */
export interface UploadKind {
  /** uploadFileStream's fileType, lower case (`png`). */
  ext: string;
  mediaType: UploadMediaType;
}

/** Why a file cannot be sent: a type the API does not take, or over the size limit. */
export type FileRefusal = 'type' | 'size' | 'empty';

/** The file's kind by its name's extension, else by its MIME type; null for a type the API does not take. */
export function uploadKind(file: { name?: string; type?: string }): UploadKind | null {
  const match = /\.([a-z0-9]{1,8})$/i.exec(file.name ?? '');
  const byName = match ? match[1].toLowerCase() : '';
  const ext = Object.hasOwn(UPLOAD_TYPES, byName)
    ? byName
    : Object.hasOwn(EXTENSION_OF_MIME, (file.type ?? '').toLowerCase()) && !match
      ? EXTENSION_OF_MIME[(file.type ?? '').toLowerCase()]
      : '';
  return ext ? { ext, mediaType: UPLOAD_TYPES[ext] } : null;
}

/** Whether the visitor may send this file: null when yes, else why not. */
export function checkUpload(file: { name?: string; type?: string; size: number }, maxBytes: number): FileRefusal | null {
  const sendable = fileToSend(file, maxBytes);
  return typeof sendable === 'string' ? sendable : null;
}

/** A file as the outbox keeps it until it is sent (the transcript's SentFile, before its upload). */
export interface SendableFile extends UploadKind {
  name: string;
  size: number;
  /** The MIME type the browser gave ('' when none). */
  type: string;
}

/**
 * A file the visitor gives (the attach button, a drop, a paste, the element's sendFile), checked and named as the
 * outbox keeps it (a pasted screenshot without a name becomes `image.png`), or why it cannot be sent.
 */
export function fileToSend(file: { name?: string; type?: string; size: number }, maxBytes: number): SendableFile | FileRefusal {
  const kind = uploadKind(file);
  if (!kind) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  return { name: file.name || `image.${kind.ext}`, size: file.size, type: file.type ?? '', ext: kind.ext, mediaType: kind.mediaType };
}

/**
 * The extensions a visitor may send (`.jpg,.jpeg,…`). The panel cannot import this (it would carry a copy of the API
 * part), so its picker spells its `accept` out; the media-sent browser test holds the two together.
 */
export const UPLOAD_ACCEPT = Object.keys(UPLOAD_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

/**
 * The `content` of the send that follows an upload (§4): the objectKey for IMAGE, AUDIO and VIDEO;
 * `fileName,sizeBytes,objectKey,ext` for FILE (commas in the name would split it: they become spaces).
 */
export function uploadedContent(file: { name: string; size: number; ext: string; mediaType: string }, objectKey: string): string {
  if (file.mediaType !== 'FILE') return objectKey;
  const name = file.name.replace(/[,\r\n]+/g, ' ').trim() || `file.${file.ext}`;
  return `${name},${file.size},${objectKey},${file.ext}`;
}

/**
 * Sends a visitor's file (§6 step 7): uploadFileStream with its bytes as base64 unless it was uploaded already
 * (`file.objectKey`, a retry of the send), `onUploaded` with the new key, then send with the matching mediaType
 * and content. Rejects without a request when there is neither a key nor bytes (they did not survive a reload).
 */
export async function sendFile(
  client: CcMessagingClient,
  file: { name: string; size: number; ext: string; mediaType: UploadMediaType; objectKey?: string },
  bytes: Blob | undefined,
  timestamp: number,
  onUploaded: (objectKey: string) => void,
  o: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<void> {
  let objectKey = file.objectKey;
  if (!objectKey) {
    if (!bytes) throw new Error(`The bytes of ${file.name} are no longer here: attach the file again.`);
    objectKey = (await uploadFileStream(client, { fileType: file.ext, fileStream: await blobToBase64(bytes) }, o)).objectKey;
    onUploaded(objectKey);
  }
  await client.send('CHAT', uploadedContent(file, objectKey), { timestamp, mediaType: file.mediaType, signal: o.signal });
}

/** uploadFileStream's answer: the key the following send names the file by. */
export interface UploadResult extends ResultEnvelope {
  objectKey: string;
}

/**
 * Uploads a file (base64) and resolves to its objectKey. `returnCode` 2 (a missing parameter), 3 (a bad one) and
 * 13 (the upload failed) reject as `result` errors.
 */
export function uploadFileStream(
  client: CcMessagingClient,
  input: { fileType: string; fileStream: string },
  o: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<UploadResult> {
  return client.request(
    {
      operation: 'uploadFileStream',
      onUploadProgress: o.onProgress,
      body: { fileType: input.fileType, fileStream: input.fileStream, channel: 'WEB' },
      results: {
        '2': 'a parameter of the upload was missing',
        '3': 'the contact center did not accept the file or its type',
        '13': 'the contact center could not store the file',
      },
      parse: parseUpload,
    },
    o.signal,
  );
}

export function parseUpload(body: unknown): UploadResult {
  const r = ObjectReader.root(body, 'uploadFileStream');
  const key = (r.string('objectKey') ?? underData(r)?.string('objectKey') ?? '').trim();
  if (!key) throw r.fail('objectKey', 'a non-empty string');
  return { ...readEnvelope(r), objectKey: key };
}

/** The answer one level down, under a `data` object (where the real server sometimes puts it); null if none. */
function underData(r: ObjectReader): ObjectReader | null {
  const data = r.raw('data');
  return data && typeof data === 'object' && !Array.isArray(data) ? r.object('data') : null;
}

/** What downloadFileStream is asked for a file. */
export interface DownloadRequest {
  fileId: string;
  fileType?: string;
  multiMedia?: 'multiMedia';
}

/**
 * The download request for a received message's file (§5): a media-library file by its content with
 * `multiMedia`; a local file (`contentType "1"`) as `local/` + content, with its mediaFileType. FILE content
 * (`name,size,objectKey,ext`) and the older `objectKey,ext` name the key and type inside. null when the message
 * names no file.
 */
export function downloadRequestFor(message: DownlinkMessage): DownloadRequest | null {
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  if (!content || content.length > 1024) return null;
  let id = content;
  let ext = (message.mediaFileType ?? '').trim().toLowerCase().replace(/^\./, '');
  const file = parseFileContent(content);
  const parts = content.split(',');
  if (file) {
    id = file.objectKey;
    ext ||= file.ext;
  } else if (parts.length === 2 && /^[a-z0-9]{1,8}$/i.test(parts[1].trim())) {
    id = parts[0].trim();
    ext ||= parts[1].trim().toLowerCase();
  }
  if (!id) return null;
  if (message.contentType === '1') return { fileId: `local/${id}`, ...(ext ? { fileType: ext } : {}) };
  return { fileId: id, ...(ext ? { fileType: ext } : {}), multiMedia: 'multiMedia' };
}

export interface DownloadResult extends ResultEnvelope {
  /** The file's bytes, base64 (without a data: prefix or whitespace). */
  fileStream: string;
}

/**
 * Fetches a file's bytes (base64). resultCode 401 (no such object), 13 (a bad type, an empty file, a storage
 * failure) and 2 (a bad parameter) reject as `result` errors.
 */
export function downloadFileStream(
  client: CcMessagingClient,
  input: DownloadRequest,
  o: { signal?: AbortSignal } = {},
): Promise<DownloadResult> {
  return client.request(
    {
      operation: 'downloadFileStream',
      body: { fileId: input.fileId, channel: 'WEB', ...(input.fileType ? { fileType: input.fileType } : {}), ...(input.multiMedia ? { multiMedia: input.multiMedia } : {}) },
      results: {
        '401': 'the contact center has no such file',
        '13': 'the contact center could not read the file (a type it does not serve, or an empty file)',
        '2': 'a parameter of the download was not accepted',
      },
      parse: parseDownload,
    },
    o.signal,
  );
}

export function parseDownload(body: unknown): DownloadResult {
  const r = ObjectReader.root(body, 'downloadFileStream');
  // At the top (documented), or one level down under `data` (as a text or as an object).
  const data = r.raw('data');
  const text = r.string('fileStream') ?? (typeof data === 'string' ? data : underData(r)?.string('fileStream'));
  const stream = cleanBase64(text ?? '');
  if (stream === null) throw r.fail('fileStream', 'base64 text');
  return { ...readEnvelope(r), fileStream: stream };
}

/** Base64 as atob reads it: without a data: prefix or whitespace, URL-safe letters mapped back, padded; null if not base64. */
export function cleanBase64(text: string): string | null {
  let s = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  s = s.replace(/=+$/, '');
  if (s === '' || !/^[A-Za-z0-9+/]*$/.test(s) || s.length % 4 === 1) return null;
  return s + '='.repeat((4 - (s.length % 4)) % 4);
}

/** How many bytes a (clean) base64 text decodes to, without decoding it. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** The bytes of a (clean) base64 text as a Blob of the type its extension names. */
export function base64ToBlob(base64: string, ext?: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeOf(ext) });
}

/** A MIME type for an extension; '' when unknown (the browser sniffs images; a download keeps its name). */
export function mimeOf(ext: string | null | undefined): string {
  const key = (ext ?? '').toLowerCase();
  return Object.hasOwn(MIME_OF_EXTENSION, key) ? MIME_OF_EXTENSION[key] : '';
}

/** A Blob's bytes as base64 (for uploadFileStream), read in slices so a 2 MB file never builds one huge string twice. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + SLICE) as unknown as number[]);
  }
  return btoa(binary);
}
