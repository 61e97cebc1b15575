// The satisfaction survey's calls: functions over CcMessagingClient.request, in the API part (api-part.ts),
// where the panel finds them at the end of a conversation with an agent.

import type { CcMessagingClient } from './client';
import { parseSurveyMode } from './parse';
import type { ResultEnvelope, SatisfactionInput, SatisfactionSurveyMode } from './types';

/** Whether and how to show the satisfaction survey; `language` like `en_US` (omitted: the tenant's default). */
export function getSatisfactionSurveyMode(
  client: CcMessagingClient,
  o: { signal?: AbortSignal; language?: string } = {},
): Promise<SatisfactionSurveyMode> {
  return client.request(
    {
      operation: 'getSatisfactionSurveyMode',
      body: o.language ? { language: o.language } : {},
      parse: parseSurveyMode,
      results: { '13': 'the server could not load the satisfaction survey settings' },
    },
    o.signal,
  );
}

/** Saves the visitor's rating of the agent (fields sent flat, as in every vendor sample). */
export function saveSatisfaction(
  client: CcMessagingClient,
  input: SatisfactionInput,
  o: { signal?: AbortSignal } = {},
): Promise<ResultEnvelope> {
  const { userId, channelId } = client.identity;
  const body: Record<string, string | number> = {
    channel: 'WEB',
    userId,
    evaluation: input.evaluation,
    comment: input.comment ?? '',
    channelConfigId: channelId,
  };
  if (input.npsScore !== undefined) body.npsScore = input.npsScore;
  if (input.fcrValue !== undefined) body.fcrValue = input.fcrValue;
  return client.request(
    {
      operation: 'saveSatisfaction',
      body,
      results: { '13': 'the server could not find the call to rate, or could not save the rating' },
    },
    o.signal,
  );
}
