// The ccmessaging operations the widget uses, with their documented methods: the only paths the proxy
// forwards. Everything else under /apiaccess/ is answered 404 by the proxy itself.

export const API_PATH = '/apiaccess/ccmessaging/';

export interface CcRoute {
  method: 'GET' | 'POST';
  /** A long poll: the contact center holds the request until something happens. */
  longPoll: boolean;
}

const post = (): CcRoute => ({ method: 'POST', longPoll: false });

/** Path below /apiaccess/ccmessaging/ → route. A Map, so no inherited key ("constructor") can match. */
export const CC_ROUTES: ReadonlyMap<string, CcRoute> = new Map<string, CcRoute>([
  ['applyToken', post()],
  ['send', post()],
  ['poll', { method: 'GET', longPoll: true }],
  ['queryQueueInfo', post()],
  ['queryHistoryChatMessage', post()],
  ['getsatisfactionsurveymode', post()],
  ['saveSatisfaction', post()],
  ['v1/checkClickToCallSupport', { method: 'GET', longPoll: false }],
  ['v1/createClickToCall', post()],
  ['v1/getClickToCallEvents', { method: 'GET', longPoll: true }],
  ['v1/dropClickToCall', post()],
]);
