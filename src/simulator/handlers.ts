// MSW http handlers for the ccmessaging API. Every request is recorded, then checked like the real
// gateway would (direct-mode app key and access token, then ccmessaging-token), then the first
// matching injected fault applies, then the operation runs.

import { OPERATIONS as API_OPERATIONS } from '../api/operations';
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  clickToCallSupport,
  createCall,
  dropCall,
  eventBody,
  nextCallEventAt,
  takeCallEvent,
} from './click-to-call';
import { chatState, faqMatches, handleSend, invalidSendField, queueInfo, queuePosition, type SendBody } from './conversation';
import { onTheWire } from './vendor-shapes';
import { sampleFile } from './sample-media';
import {
  BROKEN_POLL_KINDS,
  brokenPollResponse,
  DEFAULT_DELAY_MS,
  FaultQueue,
  htmlResponse, malformedResponse, statusResponse, type Fault, type Operation } from './faults';
import {
  CONNECTION_HEADER,
  connectionDestroyers,
  connectionSignals,
  randomToken,
  type SimState,
  type TokenRecord,
  type UserRecord,
  type WireMessage,
} from './state';

export interface RecordedRequest {
  operation: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface HandlerDeps {
  state: SimState;
  faults: FaultQueue;
  requests: RecordedRequest[];
}

interface OpContext {
  request: Request;
  url: URL;
  body: unknown;
  /** The token's user; null only for applyToken. */
  user: UserRecord | null;
  token: TokenRecord | null;
  signal: AbortSignal;
  fault: Fault | undefined;
}

/** What an operation answers: a JSON body (200 unless status is given). */
interface OpResult {
  status?: number;
  body: unknown;
}

type Op = (ctx: OpContext) => OpResult | Promise<OpResult>;
type UserOp = (ctx: OpContext & { user: UserRecord }) => OpResult | Promise<OpResult>;

/** An operation behind the ccmessaging-token check, so it always has a user. */
function withUser(op: UserOp): Op {
  return (ctx) => {
    const { user } = ctx;
    if (!user) throw new Error('simulator: operation needs a ccmessaging-token user');
    return op({ ...ctx, user });
  };
}

/** What uploadFileStream takes (§3 row 5). */
const UPLOAD_TYPES = ['jpg', 'jpeg', 'png', 'bmp', 'mp3', 'aac', 'mp4', 'txt', 'csv'];

const SATISFACTION_LEVELS = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];

/** CORS headers so a page on another origin can use the simulator over HTTP (and read the renewed token). */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  return {
    'Access-Control-Allow-Origin': origin ?? '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'ccmessaging-token, Retry-After',
    Vary: 'Origin',
  };
}

export function preflightResponse(request: Request): Response {
  return new HttpResponse(null, {
    status: 204,
    headers: {
      ...corsHeaders(request),
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers':
        request.headers.get('access-control-request-headers') ??
        'content-type, ccmessaging-token, x-app-key, authorization',
      'Access-Control-Max-Age': '600',
    },
  });
}

function errorBody(errorCode: string, exceptionInfo: string): { errorCode: string; exceptionInfo: string } {
  return { errorCode, exceptionInfo };
}

function badRequest(what: string): OpResult {
  return { status: 400, body: errorBody('CCMESSAGING.0400', `missing or invalid parameter: ${what}`) };
}

async function readBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return null;
  const text = await request.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== CONNECTION_HEADER) headers[name] = value;
  });
  return headers;
}

/** The request's own signal, joined with the closing of its HTTP connection when served by http.ts. */
function requestSignal(request: Request): AbortSignal {
  const id = request.headers.get(CONNECTION_HEADER);
  const connection = id ? connectionSignals.get(id) : undefined;
  if (!connection) return request.signal;
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([request.signal, connection]);
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (request.signal.aborted || connection.aborted) abort();
  request.signal.addEventListener('abort', abort);
  connection.addEventListener('abort', abort);
  return controller.signal;
}

function str(body: unknown, key: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function isObject(body: unknown): body is Record<string, unknown> {
  return !!body && typeof body === 'object' && !Array.isArray(body);
}

export function createApiHandlers(deps: HandlerDeps): HttpHandler[] {
  const { state, faults, requests } = deps;
  const prefix = `${state.options.baseUrl}/apiaccess/ccmessaging`;

  function route(operation: Operation, op: Op, needsToken = true) {
    const { method, path } = API_OPERATIONS[operation];
    return http[method === 'GET' ? 'get' : 'post'](`${prefix}/${path}`, async ({ request }) => {
      const url = new URL(request.url);
      const body = await readBody(request);
      requests.push({
        operation,
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(request),
        body,
      });
      const cors = corsHeaders(request);
      const json = (result: OpResult, extra: Record<string, string> = {}) =>
        HttpResponse.json(result.body as Record<string, unknown>, {
          status: result.status ?? 200,
          headers: { ...cors, ...extra },
        });

      // The gateway's checks (direct mode).
      const { appKey, accessToken } = state.options;
      if (appKey !== null && request.headers.get('x-app-key') !== appKey) {
        return json({ status: 401, body: errorBody('APIGW.0302', 'auth fail! illegal or missing app key') });
      }
      if (accessToken !== null && request.headers.get('authorization') !== `Bearer ${accessToken}`) {
        return json({ status: 403, body: errorBody('APIGW.0301', 'auth fail! illegal or expired token info') });
      }

      // The ccmessaging-token.
      let token: TokenRecord | null = null;
      let user: UserRecord | null = null;
      if (needsToken) {
        const checked = state.checkToken(request.headers.get('ccmessaging-token'));
        if (typeof checked === 'string') {
          return json({
            status: 401,
            body: errorBody('CCMESSAGING.0401', `ccmessaging-token is ${checked}; call applyToken again`),
          });
        }
        token = checked;
        user = state.user(checked.userId);
        state.touch(user);
      }

      const signal = requestSignal(request);
      // applyToken has no token yet: its visitor is the body's userId.
      const fault = faults.take(operation, user?.userId ?? str(body, 'userId'));
      if (fault) {
        switch (fault.kind) {
          case 'status':
            return statusResponse(fault, cors);
          case 'html':
            return htmlResponse(fault, cors);
          case 'malformed':
            return malformedResponse(cors);
          case 'hang':
            await state.waitForChange(null, Infinity, signal);
            return json({ status: 503, body: errorBody('SIM.HANG', 'the hang ended') });
          case 'delay':
            await state.waitForChange(null, fault.ms ?? DEFAULT_DELAY_MS, signal);
            if (signal.aborted) return json({ status: 503, body: errorBody('SIM.ABORTED', 'aborted') });
            break;
          default:
            break; // repeat / reorder: poll reads ctx.fault; the broken answers come after it
        }
      }

      const result = await op({ request, url, body, user, token, signal, fault });
      if (fault && BROKEN_POLL_KINDS.includes(fault.kind)) {
        // The messages are taken (delivered, as the real server hands them over); then the answer breaks.
        const connection = request.headers.get(CONNECTION_HEADER);
        const destroy = connection ? connectionDestroyers.get(connection) : undefined;
        return brokenPollResponse(fault.kind, JSON.stringify(result.body), cors, destroy);
      }
      const extra: Record<string, string> = {};
      if (token && state.tokens.get(token.token) === token && (result.status ?? 200) === 200) {
        const renewed = state.renewalFor(token);
        if (renewed) extra['ccmessaging-token'] = renewed;
      }
      return json(result, extra);
    });
  }

  const applyToken: Op = ({ body }) => {
    const userId = str(body, 'userId');
    if (!userId || userId.length > 32) return badRequest('userId');
    const user = state.user(userId);
    user.userName = str(body, 'userName') ?? user.userName;
    user.channelId = str(body, 'channelId') ?? user.channelId;
    user.locale = str(body, 'locale') ?? user.locale;
    state.touch(user);
    return { body: { resultCode: '0', resultDesc: 'apply token success.', token: state.issueToken(userId) } };
  };

  const send: Op = withUser(({ body, user }) => {
    if (!isObject(body)) return badRequest('body');
    const invalid = invalidSendField(body as SendBody);
    if (invalid) return badRequest(invalid);
    return { body: handleSend(state, user, body as SendBody) };
  });

  const poll: Op = withUser(async ({ url, user, signal, fault }) => {
    // Read receipts go only to a client that asks for them (the vendor's isNeedRead).
    user.needRead = url.searchParams.get('isNeedRead') === 'true';
    const previously = fault?.kind === 'repeat' ? [...user.delivered] : [];
    const take = (): WireMessage[] | null => {
      const batch = state.takeReady(user);
      return batch.length > 0 || previously.length > 0 ? [...previously, ...batch] : null;
    };
    const messages = (await state.hold(user, signal, take, () => state.nextDeliverAt(user))) ?? [];
    if (fault?.kind === 'reorder') messages.sort((a, b) => b.timestamp - a.timestamp);
    return {
      body: {
        resultCode: '0',
        resultDesc: 'query user messages success.',
        downlinkMessages: messages.map((m) => onTheWire(m)),
      },
    };
  });

  const queryQueueInfo: Op = withUser(({ body, user }) => {
    const userId = str(body, 'userId');
    return { body: queueInfo(state, userId ? state.users.get(userId) : user) };
  });

  const queryHistory: Op = withUser(({ body, user }) => {
    const userId = str(body, 'userId');
    const target = userId ? state.users.get(userId) : user;
    if (!target) return { body: { resultCode: '0', resultDesc: 'success', messageList: [] } };
    state.advance(target);
    const start = Number(str(body, 'startTime') ?? NaN);
    const end = Number(str(body, 'endTime') ?? NaN);
    let list = target.transcript.filter(
      (m) => (Number.isNaN(start) || m.timestamp >= start) && (Number.isNaN(end) || m.timestamp <= end),
    );
    // Paged from the newest end (offset skips the newest), returned oldest first.
    const offset = Math.max(0, Number(str(body, 'offset') ?? 0) || 0);
    const limit = Number(str(body, 'limit') ?? NaN);
    const stop = list.length - offset;
    list = list.slice(Number.isFinite(limit) && limit > 0 ? Math.max(0, stop - limit) : 0, Math.max(0, stop));
    return { body: { resultCode: '0', resultDesc: 'success', messageList: list.map((m) => onTheWire(m, true)) } };
  });

  const checkSupport: Op = () => ({ body: clickToCallSupport(state.options.callScenario) });

  const createClickToCall: Op = withUser(({ body, user }) => {
    const mediaAbility = str(body, 'mediaAbility');
    if (!str(body, 'channel')) return badRequest('channel');
    if (mediaAbility !== '0' && mediaAbility !== '1') return badRequest('mediaAbility');
    return { body: createCall(state, user, mediaAbility) };
  });

  const getEvents: Op = withUser(async ({ user, signal }) => {
    const event = await state.hold(
      user,
      signal,
      () => takeCallEvent(state, user),
      () => nextCallEventAt(user),
      'call',
    );
    return { body: eventBody(event) };
  });

  const dropClickToCall: Op = withUser(({ body, user }) => {
    if (!str(body, 'channel')) return badRequest('channel');
    return { body: dropCall(state, user) };
  });

  const surveyMode: Op = () => ({
    body: {
      resultCode: '0',
      resultDesc: 'query satisfaction survey mode success.',
      satisfactionSurvey: {
        surveyType: state.options.surveyType,
        satisfactionLevel: SATISFACTION_LEVELS.map((desc, i) => ({
          satisfactionLevelKey: String(i + 1),
          satisfactionLevelDesc: desc,
        })),
        satisfactionQuestion: state.options.surveyQuestions,
      },
    },
  });

  /** feedbacksatisfaction: a vote on a robot answer; a thumbs down needs a comment (30000000008 without one). */
  const robotFeedback: Op = ({ body }) => {
    const feedback = (body as { feedback?: unknown } | null)?.feedback;
    const content = (str(body, 'feedbackContent') ?? '').trim();
    if ((feedback !== 0 && feedback !== 1) || !str(body, 'interIdx') || !str(body, 'from')) {
      return { body: { resultCode: '30010009999', resultDesc: 'chat error: bad feedback parameters' } };
    }
    if (feedback === 0 && (!content || content.length > 64)) {
      return { body: { resultCode: '30000000008', resultDesc: 'feedback content is empty or too long' } };
    }
    return { body: { resultCode: '0', resultDesc: 'success' } };
  };

  /** queryPhraseByKeyword: the robot's FAQ questions matching the words typed so far. */
  const phrases: Op = ({ body }) => ({
    body: { resultCode: '0', resultDesc: 'success', question: faqMatches(str(body, 'strContent') ?? '') },
  });

  /** doLeaveMessage: 2 when a field is empty, 3 when the number is no phone number (the vendor's codes). */
  const leaveMessage: Op = ({ body }) => {
    const caller = (str(body, 'caller') ?? '').trim();
    const text = (str(body, 'leaveMessage') ?? '').trim();
    if (!caller || !text || !str(body, 'callId')) {
      return { body: { returnCode: '2', resultCode: '2', resultDesc: 'the leaveMessageParams is empty.' } };
    }
    if (!/^\+?[\d\s().-]{5,24}$/.test(caller) || text.length > 500) {
      return { body: { returnCode: '3', resultCode: '3', resultDesc: 'the leaveMessageParams is error.' } };
    }
    return { body: { returnCode: '0', resultCode: '0', resultDesc: 'Save leaveMessage success!' } };
  };

  /** Whether a base64 text decodes to more than the file limit (its padding allowed for). */
  const overLimit = (base64: string): boolean => (base64.length / 4) * 3 > state.options.maxFileBytes + 2;

  /**
   * uploadFileStream: a file the visitor sends, stored under a new objectKey (the vendor's returnCode: 2 a missing
   * parameter, 3 a type it does not take or text that is no base64, 13 a file over the limit).
   */
  const upload: Op = withUser(({ body }) => {
    const fileType = (str(body, 'fileType') ?? '').toLowerCase();
    const stream = str(body, 'fileStream') ?? '';
    if (!fileType || !stream || !str(body, 'channel')) return { body: { returnCode: '2', resultDesc: 'missing parameter.' } };
    if (!UPLOAD_TYPES.includes(fileType) || !/^[A-Za-z0-9+/]+={0,2}$/.test(stream)) {
      return { body: { returnCode: '3', resultDesc: 'invalid parameter: fileType or fileStream.' } };
    }
    if (overLimit(stream)) {
      return { body: { returnCode: '13', resultDesc: 'upload file failed: the file is too large.' } };
    }
    const objectKey = `sim-upload/${randomToken(12)}.${fileType}`;
    state.files.set(objectKey, { base64: stream, fileType });
    return { body: { returnCode: '0', resultDesc: 'upload file success.', objectKey } };
  });

  /**
   * downloadFileStream: a file the agent sent (the samples) or the visitor uploaded; resultCode 401 when there is
   * no such file, 13 when it is over the limit.
   */
  const download: Op = withUser(({ body }) => {
    const fileId = str(body, 'fileId') ?? '';
    if (!fileId || !str(body, 'channel')) return { body: { resultCode: '2', resultDesc: 'the fileId or channel is invalid.' } };
    const file = state.files.get(fileId) ?? sampleFile(fileId);
    if (!file) return { body: { resultCode: '401', resultDesc: 'objectKey is null.' } };
    if (overLimit(file.base64)) {
      return { body: { resultCode: '13', resultDesc: 'the file is larger than the limit.' } };
    }
    return { body: { resultCode: '0', resultDesc: 'download file success.', fileStream: file.base64 } };
  });

  const saveSatisfaction: Op = ({ body }) => {
    const evaluation = str(body, 'evaluation');
    if (!evaluation || !/^[1-5]$/.test(evaluation)) {
      return { body: { resultCode: '13', resultDesc: 'submit satisfaction failed: evaluation must be 1 to 5.' } };
    }
    return { body: { resultCode: '0', resultDesc: 'Save satisfaction success.' } };
  };

  // Every operation of the table (src/api/operations.ts) has its handler: the Record's type makes a new one fail here.
  const served: Record<Operation, Op> = {
    applyToken,
    send,
    poll,
    queryQueueInfo,
    queryHistoryChatMessage: queryHistory,
    checkClickToCallSupport: checkSupport,
    createClickToCall,
    getClickToCallEvents: getEvents,
    dropClickToCall,
    getSatisfactionSurveyMode: surveyMode,
    saveSatisfaction,
    doLeaveMessage: leaveMessage,
    queryPhraseByKeyword: phrases,
    feedbacksatisfaction: robotFeedback,
    uploadFileStream: upload,
    downloadFileStream: download,
  };

  return [
    http.options(`${prefix}/*`, ({ request }) => preflightResponse(request)),
    // applyToken is the one call made before there is a ccmessaging-token.
    ...(Object.keys(served) as Operation[]).map((operation) => route(operation, served[operation], operation !== 'applyToken')),
    http.all(`${prefix}/*`, async ({ request }) => {
      const url = new URL(request.url);
      requests.push({
        operation: 'unknown',
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(request),
        body: await readBody(request),
      });
      return HttpResponse.json(
        errorBody('APIGW.0101', 'The API does not exist or has not been published in the environment'),
        { status: 404, headers: corsHeaders(request) },
      );
    }),
  ];
}

/** Users with a chat (CONNECT at least once), for Simulator.sessions(). */
export function listSessions(state: SimState) {
  const out: Array<{ userId: string; state: 'robot' | 'queued' | 'agent' | 'ended'; queuePosition: number | null }> = [];
  for (const user of state.users.values()) {
    const current = chatState(state, user);
    if (current === 'none') continue;
    out.push({ userId: user.userId, state: current, queuePosition: queuePosition(state, user) });
  }
  return out;
}

