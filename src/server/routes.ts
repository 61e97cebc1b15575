// The ccmessaging operations the widget uses (src/api/operations.ts), with their documented methods: the only
// paths the proxy forwards. Everything else under /apiaccess/ is answered 404 by the proxy itself.
import { API_PATH as API_BASE, OPERATIONS, type ApiOperation, type LongPollOperation, type OperationName } from '../api/operations';

export const API_PATH = `${API_BASE}/`;

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

/** The operations that need a larger body than `maxBodyBytes`. */
const LARGER_BODIES: Partial<Record<OperationName, number>> = { uploadFileStream: UPLOAD_BODY_BYTES };

/** What the contact center answers when a held long poll ends with nothing to tell (one for each long poll). */
const NOTHING_HAPPENED: Record<LongPollOperation, Record<string, unknown>> = {
  poll: { resultCode: '0', resultDesc: 'query user messages success.', downlinkMessages: [] },
  getClickToCallEvents: { resultCode: '0', resultDesc: 'ClickToCall polled without any events', eventId: null, content: null },
};

/** Path below /apiaccess/ccmessaging/ → route, from the operations table. A Map, so no inherited key ("constructor") can match. */
export const CC_ROUTES: ReadonlyMap<string, CcRoute> = new Map<string, CcRoute>(
  (Object.entries(OPERATIONS) as Array<[OperationName, ApiOperation]>).map(([name, { path, method, longPoll }]) => [
    path,
    {
      method,
      longPoll: longPoll ? NOTHING_HAPPENED[name as LongPollOperation] : null,
      ...(LARGER_BODIES[name] ? { bodyBytes: LARGER_BODIES[name] } : {}),
    },
  ]),
);
