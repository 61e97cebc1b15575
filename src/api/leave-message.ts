// doLeaveMessage: the visitor's phone number and message when no agent can take the chat (outside working hours,
// no agent available). A function over CcMessagingClient.request, in the API part (api-part.ts), where the panel
// finds it.

import type { CcMessagingClient } from './client';
import type { ResultEnvelope } from './types';

/** Leaves a message for a call back. `callId` is the customer ID, as the vendor documents it. */
export function doLeaveMessage(
  client: CcMessagingClient,
  input: { caller: string; message: string },
  o: { signal?: AbortSignal } = {},
): Promise<ResultEnvelope> {
  return client.request(
    {
      operation: 'doLeaveMessage',
      body: { callId: client.identity.userId, caller: input.caller, leaveMessage: input.message, channel: 'WEB' },
      results: {
        '2': 'a field of the message was empty',
        '3': 'the phone number or the message was not accepted',
        '13': 'the contact center could not save the message',
      },
    },
    o.signal,
  );
}
