// A contact center that holds every poll its full time and never lets a newer poll of the same visitor end an
// older one (the simulator does, which would hide whether the proxy does), for the tests of poll replacement.

import { http, HttpResponse } from 'msw';
import { startUpstream, type Upstream } from './helpers.ts';

export interface HoldingUpstream extends Upstream {
  /** Polls received so far. */
  readonly polls: number;
  /** Answers every poll waiting now with one message. */
  deliver(content: string): void;
}

export async function startHoldingUpstream(holdMs = 5000): Promise<HoldingUpstream> {
  const waiting = new Set<(contents: string[]) => void>();
  let polls = 0;
  let tokens = 0;
  const upstream = await startUpstream({
    handlers: [
      http.post('*/apiaccess/ccmessaging/applyToken', () => {
        tokens += 1;
        return HttpResponse.json({ resultCode: '0', token: `held-chat-token-${tokens}-${Math.random().toString(36).slice(2)}` });
      }),
      http.get('*/apiaccess/ccmessaging/poll', async ({ request }) => {
        polls += 1;
        const contents = await new Promise<string[]>((resolve) => {
          const answer = (value: string[]): void => {
            clearTimeout(timer);
            waiting.delete(answer);
            resolve(value);
          };
          const timer = setTimeout(() => answer([]), holdMs);
          request.signal.addEventListener('abort', () => answer([]));
          waiting.add(answer);
        });
        return HttpResponse.json({
          resultCode: '0',
          resultDesc: 'query user messages success.',
          downlinkMessages: contents.map((content) => ({ content, sourceType: 'AGENT', controlType: 'CHAT', mediaType: 'TEXT' })),
        });
      }),
    ],
  });
  return {
    ...upstream,
    get polls() {
      return polls;
    },
    deliver(content: string) {
      for (const answer of [...waiting]) answer([content]);
    },
  };
}
