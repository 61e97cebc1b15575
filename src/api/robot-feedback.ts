// feedbacksatisfaction: the visitor's thumbs up or down on a robot answer (named by its interIdx). A function over
// CcMessagingClient.request, in the API part (api-part.ts), where the panel finds it.

import type { CcMessagingClient } from './client';
import type { ResultEnvelope } from './types';

/** A vote on the robot answer `interIdx`; a thumbs down carries a comment (required, at most 64 characters). */
export function feedbackSatisfaction(
  client: CcMessagingClient,
  input: { interIdx: string; satisfied: boolean; comment?: string },
  o: { signal?: AbortSignal } = {},
): Promise<ResultEnvelope> {
  return client.request(
    {
      operation: 'feedbacksatisfaction',
      body: {
        feedback: input.satisfied ? 1 : 0,
        feedbackContent: (input.comment ?? '').slice(0, 64),
        from: client.identity.userId,
        interIdx: input.interIdx,
      },
      results: {
        '30000000008': 'the comment of a thumbs down was empty',
        '10010000002': 'the robot is limiting feedback (flow control)',
        '30010009999': 'the robot could not take the feedback',
        '30000000019': 'the robot has no session for this answer any more',
        '10010000001': 'the robot refused the feedback (authentication)',
      },
    },
    o.signal,
  );
}
