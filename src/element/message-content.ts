// What a received message says, read from its content without rendering it: the parsers of the
// documented media formats, and the one-line summary the live region announces. Kept apart from
// render-entry's templates so the element's core can announce messages before the panel is loaded.

import type { DownlinkMessage } from '../api/types';
import type { CoreStrings } from './strings';

// Server strings can be long; these bound how much of a message is worked on.
export const MAX_JSON = 4_000;
const MAX_SUMMARY = 500;

/**
 * A plain-text summary of a received message, for the live region and notifications: the text
 * itself, else what the media is ("Image", "Location: Office", a card's title), else the end of
 * the chat for DISCONNECT. '' when there is nothing to say (READ receipts, empty messages).
 * Combine with `strings.senderSays(sender, summary)`.
 */
export function messageSummary(message: DownlinkMessage, strings: CoreStrings): string {
  if (message.controlType === 'READ') return '';
  if (message.controlType === 'DISCONNECT') return message.sourceType === 'AGENT' ? strings.agentEndedChat : strings.chatEnded;
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  const label = strings.mediaLabel(message.mediaType);
  let detail: string | null;
  switch (message.mediaType) {
    case 'IMAGE':
    case 'FILE_IMAGE':
    case 'VIDEO':
    case 'FILE_VIDEO':
    case 'AUDIO':
    case 'DOCUMENT':
      detail = null;
      break;
    case 'FILE':
      detail = parseFileContent(content)?.name ?? null;
      break;
    case 'LOCATE':
      detail = parseLocation(clip(content, MAX_JSON) ?? '').description;
      break;
    case 'WEBCARD': {
      const data = content.length <= MAX_JSON ? parseJsonObject(content) : null;
      detail = data ? nonEmpty(typeof data.title === 'string' ? data.title : null) ?? nonEmpty(typeof data.description === 'string' ? data.description : null) : nonEmpty(content);
      break;
    }
    default:
      if (content) return clip(content, MAX_SUMMARY) ?? '';
      return Array.isArray(message.simQuestions) && message.simQuestions.length > 0 ? strings.suggestedQuestions : '';
  }
  return detail ? `${strings.speakerPrefix(label)}${clip(detail, MAX_SUMMARY)}` : label;
}

/** Parses FILE content `fileName,fileSizeBytes,objectKey,ext` (the documented upload format). */
export function parseFileContent(content: string): { name: string; size: number | null } | null {
  const parts = content.split(',', 5);
  if (parts.length !== 4 || parts[0].trim() === '') return null;
  const size = /^\d{1,15}$/.test(parts[1].trim()) ? Number(parts[1]) : null;
  return { name: parts[0].trim(), size };
}

export interface Location {
  lat: number | null;
  lng: number | null;
  description: string | null;
}

function toCoordinate(value: unknown, limit: number): number | null {
  if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) return null;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** LOCATE content: `lat/lng/description` (the description may contain `/`), or a JSON object. */
export function parseLocation(content: string): Location {
  const trimmed = content.trim();
  if (trimmed.startsWith('{') && trimmed.length <= MAX_JSON) {
    const data = parseJsonObject(trimmed);
    if (data) {
      const description = [data.description, data.address, data.name, data.title].find(
        (v): v is string => typeof v === 'string' && v.trim() !== '',
      );
      return {
        lat: toCoordinate(data.latitude ?? data.lat, 90),
        lng: toCoordinate(data.longitude ?? data.lng ?? data.lon, 180),
        description: description ?? null,
      };
    }
  }
  const [lat = '', lng = '', ...rest] = trimmed.split('/', 64);
  const parsed = { lat: toCoordinate(lat, 90), lng: toCoordinate(lng, 180) };
  if (parsed.lat === null || parsed.lng === null) return { lat: null, lng: null, description: nonEmpty(trimmed) };
  return { ...parsed, description: nonEmpty(rest.join('/')) };
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function clip(value: string | null, max: number): string | null {
  if (value === null) return null;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
