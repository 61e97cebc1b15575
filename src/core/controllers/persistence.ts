import type { TranscriptEntry } from './transcript-entry';

// What survives a reload of the tab (sessionStorage) and what the visitor keeps across visits
// (localStorage: only the generated customer ID). Storage can be missing or throw (private modes,
// sandboxed iframes, quota): every access is guarded and failure simply means "not kept".

export type ServiceMode = 'robot' | 'queued' | 'agent';
export type SessionPhase = 'idle' | 'connected' | 'ended';

export interface SavedSession {
  version: 1;
  token: string | null;
  /**
   * `connected` once CONNECT succeeded (resumed after a reload without a new CONNECT), `ended` after a
   * DISCONNECT (shown, not resumed), `idle` when the visitor typed before any CONNECT went through.
   */
  phase: SessionPhase;
  mode: ServiceMode;
  entries: TranscriptEntry[];
  /** Keys of sent messages whose request had started: after a reload their fate is unknown. */
  inFlight: string[];
  unread: number;
  /** The conversation's name (ChatSession.conversationId). */
  conversation?: string;
}

function storage(kind: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window[kind];
  } catch {
    return null;
  }
}

export function sessionKey(channelId: string, userId: string): string {
  return `cc-chat:session:${channelId}:${userId}`;
}

export function loadSession(key: string): SavedSession | null {
  try {
    const raw = storage('sessionStorage')?.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<SavedSession>;
    if (value?.version !== 1 || !Array.isArray(value.entries)) return null;
    return {
      version: 1,
      token: typeof value.token === 'string' ? value.token : null,
      phase: value.phase === 'ended' || value.phase === 'idle' ? value.phase : 'connected',
      mode: value.mode === 'agent' || value.mode === 'queued' ? value.mode : 'robot',
      entries: value.entries,
      inFlight: Array.isArray(value.inFlight) ? value.inFlight.filter((k) => typeof k === 'string') : [],
      unread: typeof value.unread === 'number' && value.unread >= 0 ? value.unread : 0,
      conversation: typeof value.conversation === 'string' ? value.conversation : '',
    };
  } catch {
    return null;
  }
}

export function saveSession(key: string, session: SavedSession): void {
  try {
    storage('sessionStorage')?.setItem(key, JSON.stringify(session));
  } catch {
    // Quota or disabled storage: the session just won't survive a reload.
  }
}

export function forgetSession(key: string): void {
  try {
    storage('sessionStorage')?.removeItem(key);
  } catch {
    // nothing to forget
  }
}

const USER_ID_KEY = 'cc-chat:user-id';
/** The API allows 1–24 characters for the customer ID in send/history. */
export const MAX_USER_ID_LENGTH = 24;

function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The visitor's customer ID: kept in localStorage so a returning visitor is the same customer. */
export function rememberedUserId(): string {
  const local = storage('localStorage');
  try {
    const known = local?.getItem(USER_ID_KEY);
    if (known && /^[\w-]{1,24}$/.test(known)) return known;
  } catch {
    // fall through to a new ID
  }
  const id = `web-${randomId(MAX_USER_ID_LENGTH - 4)}`;
  try {
    local?.setItem(USER_ID_KEY, id);
  } catch {
    // not kept: a new ID next visit
  }
  return id;
}
