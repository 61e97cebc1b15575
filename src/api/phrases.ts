// queryPhraseByKeyword: the robot's FAQ questions that match what the visitor is typing. A function over
// CcMessagingClient.request, in the API part (api-part.ts), where the panel's composer finds it.

import type { CcMessagingClient } from './client';
import { parsePhrases } from './parse';
import type { PhraseResult } from './types';

/** FAQ questions for `text`, in `locale` (`en`, `zh`…): needs the robot and an active FAQ group on the tenant. */
export function queryPhraseByKeyword(
  client: CcMessagingClient,
  text: string,
  o: { signal?: AbortSignal; locale?: string } = {},
): Promise<PhraseResult> {
  return client.request(
    {
      operation: 'queryPhraseByKeyword',
      body: { strContent: text, locale: o.locale ?? 'en', channel: 'WEB' },
      parse: parsePhrases,
    },
    o.signal,
  );
}
