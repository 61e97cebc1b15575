// The ccmessaging operations the widget uses, with their documented methods: the only paths the proxy
// forwards. Everything else under /apiaccess/ is answered 404 by the proxy itself.

export const API_PATH = '/apiaccess/ccmessaging/';

export interface CcRoute {
  method: 'GET' | 'POST';
  /**
   * A long poll: the contact center holds the request until something happens. Its value is the answer "nothing
   * happened" (what the contact center itself gives when the hold runs out), sent when the proxy lets go of a
   * held poll early: replaced by a newer poll of the same visitor, or at shutdown.
   */
  longPoll: Record<string, unknown> | null;
  /** A larger body than the proxy's `maxBodyBytes` that this operation needs (an upload), in bytes. */
  bodyBytes?: number;
}

/**
 * An upload's body: a 2 MB file in base64 (4/3 of it) and the JSON around it. Only uploadFileStream may send
 * that much; every other request keeps the proxy's `maxBodyBytes`.
 */
export const UPLOAD_BODY_BYTES = Math.ceil((2 * 1024 * 1024 * 4) / 3) + 4 * 1024;

const post = (): CcRoute => ({ method: 'POST', longPoll: null });

/** Path below /apiaccess/ccmessaging/ → route. A Map, so no inherited key ("constructor") can match. */
export const CC_ROUTES: ReadonlyMap<string, CcRoute> = new Map<string, CcRoute>([
  ['applyToken', post()],
  ['send', post()],
  ['poll', { method: 'GET', longPoll: { resultCode: '0', resultDesc: 'query user messages success.', downlinkMessages: [] } }],
  ['queryQueueInfo', post()],
  ['queryHistoryChatMessage', post()],
  ['getsatisfactionsurveymode', post()],
  ['saveSatisfaction', post()],
  ['doLeaveMessage', post()],
  ['queryPhraseByKeyword', post()],
  ['v1/robot/feedbacksatisfaction', post()],
  ['v1/checkClickToCallSupport', { method: 'GET', longPoll: null }],
  ['v1/createClickToCall', post()],
  [
    'v1/getClickToCallEvents',
    { method: 'GET', longPoll: { resultCode: '0', resultDesc: 'ClickToCall polled without any events', eventId: null, content: null } },
  ],
  ['v1/dropClickToCall', post()],
  ['uploadFileStream', { method: 'POST', longPoll: null, bodyBytes: UPLOAD_BODY_BYTES }],
  ['downloadFileStream', post()],
]);
