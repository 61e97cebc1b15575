// The detail of a received file, location or card: the parsers of the documented media formats, used by the
// message renderer and, through the panel, by the one-line summary the element announces (message-content.ts).

import type { DownlinkMessage } from '../api/types';
import { parseFileContent } from '../core/file-content';
import { clip, MAX_JSON, nonEmpty } from '../core/message-content';

/** The name of a file, the place of a location, the title (or text) of a card; null for other messages. */
export function messageDetail(message: DownlinkMessage): string | null {
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  switch (message.mediaType) {
    case 'FILE':
      return parseFileContent(content)?.name ?? null;
    case 'LOCATE':
      return parseLocation(clip(content, MAX_JSON) ?? '').description;
    case 'WEBCARD': {
      const data = content.length <= MAX_JSON ? parseJsonObject(content) : null;
      if (!data) return nonEmpty(content);
      return nonEmpty(typeof data.title === 'string' ? data.title : null) ?? nonEmpty(typeof data.description === 'string' ? data.description : null);
    }
    default:
      return null;
  }
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

