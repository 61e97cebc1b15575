// The click-to-call calls beyond the support check (which the widget asks before any call code is loaded):
// functions over CcMessagingClient.request, so only code that places calls carries them.

import type { CcMessagingClient } from './client';
import { parseClickToCallEvent } from './parse';
import type { ClickToCallEvent, MediaAbility, ResultEnvelope } from './types';

/** Starts a voice (`audio`, mediaAbility "0") or video (`video`, "1") call to the contact center. */
export function createClickToCall(
  client: CcMessagingClient,
  media: MediaAbility,
  o: { signal?: AbortSignal } = {},
): Promise<ResultEnvelope> {
  return client.request(
    {
      operation: 'createClickToCall',
      body: { channel: 'WEB', mediaAbility: media === 'video' ? '1' : '0' },
      results: {
        '7': 'this channel does not support click-to-call',
        '13': 'the call could not be set up (no agents available, or the connection failed)',
      },
    },
    o.signal,
  );
}

/** One long poll for click-to-call events (uses the poll time limit). */
export function getClickToCallEvents(client: CcMessagingClient, o: { signal?: AbortSignal } = {}): Promise<ClickToCallEvent> {
  return client.request(
    {
      operation: 'getClickToCallEvents',
      query: { channel: 'WEB' },
      parse: parseClickToCallEvent,
    },
    o.signal,
  );
}

/** Ends the call. `keepalive: true` lets the request outlive the page (use it on pagehide). */
export function dropClickToCall(
  client: CcMessagingClient,
  o: { signal?: AbortSignal; keepalive?: boolean } = {},
): Promise<ResultEnvelope> {
  return client.request(
    {
      operation: 'dropClickToCall',
      body: { channel: 'WEB' },
      keepalive: o.keepalive,
      results: { '13': 'the call could not be ended on the server' },
    },
    o.signal,
  );
}
