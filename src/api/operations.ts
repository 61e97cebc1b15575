// The CC-Messaging operations the widget uses: one table read by the client (src/api/client.ts), the proxy's
// allow-list (src/server/routes.ts) and the simulator (src/simulator/handlers.ts), so the three cannot disagree
// on a path or a method. The operation's name is what errors, logs and the simulator's request log call it.

/** Where the operations are served, below the API gateway's base URL. */
export const API_PATH = '/apiaccess/ccmessaging';

export interface ApiOperation {
  /** Below API_PATH, without the leading slash (the vendor's spelling, e.g. `getsatisfactionsurveymode`). */
  readonly path: string;
  readonly method: 'GET' | 'POST';
  /** The contact center holds the request until something happens (the client waits longer; the proxy may cut it). */
  readonly longPoll?: true;
}

export const OPERATIONS = {
  applyToken: { path: 'applyToken', method: 'POST' },
  send: { path: 'send', method: 'POST' },
  poll: { path: 'poll', method: 'GET', longPoll: true },
  queryQueueInfo: { path: 'queryQueueInfo', method: 'POST' },
  queryHistoryChatMessage: { path: 'queryHistoryChatMessage', method: 'POST' },
  getSatisfactionSurveyMode: { path: 'getsatisfactionsurveymode', method: 'POST' },
  saveSatisfaction: { path: 'saveSatisfaction', method: 'POST' },
  doLeaveMessage: { path: 'doLeaveMessage', method: 'POST' },
  queryPhraseByKeyword: { path: 'queryPhraseByKeyword', method: 'POST' },
  feedbacksatisfaction: { path: 'v1/robot/feedbacksatisfaction', method: 'POST' },
  checkClickToCallSupport: { path: 'v1/checkClickToCallSupport', method: 'GET' },
  createClickToCall: { path: 'v1/createClickToCall', method: 'POST' },
  getClickToCallEvents: { path: 'v1/getClickToCallEvents', method: 'GET', longPoll: true },
  dropClickToCall: { path: 'v1/dropClickToCall', method: 'POST' },
  uploadFileStream: { path: 'uploadFileStream', method: 'POST' },
  downloadFileStream: { path: 'downloadFileStream', method: 'POST' },
} as const satisfies Record<string, ApiOperation>;

export type OperationName = keyof typeof OPERATIONS;

/** The operations the contact center holds until something happens. */
export type LongPollOperation = {
  [K in OperationName]: (typeof OPERATIONS)[K] extends { longPoll: true } ? K : never;
}[OperationName];
