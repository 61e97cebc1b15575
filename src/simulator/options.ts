// Options of the ccmessaging simulator and their defaults (fast and deterministic, for tests).

export type CallScenario =
  | 'connect'
  | 'far-end-hangup'
  | 'failed'
  | 'timeout'
  | 'reject-7'
  | 'reject-12'
  | 'reject-13'
  | 'unknown-events'
  | 'empty-events'
  | 'unsupported';

export const CALL_SCENARIOS: readonly CallScenario[] = [
  'connect',
  'far-end-hangup',
  'failed',
  'timeout',
  'reject-7',
  'reject-12',
  'reject-13',
  'unknown-events',
  'empty-events',
  'unsupported',
];

export interface SimulatorOptions {
  /** Path prefix matched before /apiaccess/...; default '*' (any origin). Fixed at creation. */
  baseUrl: string;
  /** Long-poll hold when nothing waits (poll and getClickToCallEvents). */
  pollHoldMs: number;
  /** ccmessaging-token lifetime. */
  tokenTtlMs: number;
  /** A request whose token expires within this gets a renewed token in the `ccmessaging-token` response header. */
  renewTokenWithinMs: number;
  /** Direct mode: when set, `x-app-key` must equal it (else 401). */
  appKey: string | null;
  /** Direct mode: when set, `Authorization` must be exactly `Bearer <accessToken>` (else 403 APIGW.0301). */
  accessToken: string | null;
  /**
   * With appKey and accessToken: the simulator also answers the gateway's tokenByAkSk
   * (`/apigovernance/api/oauth/tokenByAkSk`) for this secret, handing out `accessToken`, so a
   * server-side proxy can be run against it.
   */
  appSecret: string | null;
  robotName: string;
  agentName: string;
  agentAvatar: string | null;
  robotAvatar: string | null;
  /** Delay of the robot's and the agent's automatic replies. */
  replyDelayMs: number;
  /** Queue position right after TRANS2AGENT. */
  queueLength: number;
  /** The position drops by one every this many ms; at 0 the agent connects. */
  queueStepMs: number;
  /** The agent answers each customer CHAT. */
  agentAutoReply: boolean;
  /** Click-to-call: "Call in queue" → "Call connected" after this. */
  callQueueMs: number;
  callScenario: CallScenario;
  /**
   * The gwAddresses of "Call connected"; null: made-up wss:// addresses that lead nowhere. The dev server
   * sets its own SIP test gateway here (demo/sip-gateway.ts), so calls in the demo carry a voice.
   */
  callGwAddresses: string[] | null;
  /** The tenant's satisfaction survey: `WEB` (shown) or `NO`. */
  surveyType: 'WEB' | 'NO';
  /** The survey's extra questions (getSatisfactionSurveyMode's satisfactionQuestion): `NPS`, `FCR`. */
  surveyQuestions: string[];
  /**
   * Whether an agent can take a chat: `available`, `outside-hours` (TRANS2AGENT answers 12) or `none` (13, no agent
   * available): the two refusals after which the widget offers to leave a message.
   */
  agentAvailability: 'available' | 'outside-hours' | 'none';
  /** The largest file uploadFileStream stores and downloadFileStream serves (decoded bytes); default 2 MB. */
  maxFileBytes: number;
  now: () => number;
}

export const DEFAULT_OPTIONS: Readonly<SimulatorOptions> = Object.freeze({
  baseUrl: '*',
  pollHoldMs: 5000,
  tokenTtlMs: 3_600_000,
  renewTokenWithinMs: 60_000,
  appKey: null,
  accessToken: null,
  appSecret: null,
  robotName: 'Virtual Assistant',
  agentName: 'Alex',
  agentAvatar: null,
  robotAvatar: null,
  replyDelayMs: 0,
  queueLength: 3,
  queueStepMs: 2000,
  agentAutoReply: true,
  callQueueMs: 1000,
  callScenario: 'connect',
  callGwAddresses: null,
  surveyType: 'WEB',
  surveyQuestions: [],
  agentAvailability: 'available',
  maxFileBytes: 2 * 1024 * 1024,
  now: () => Date.now(),
});

const NUMBER_KEYS = [
  'pollHoldMs',
  'tokenTtlMs',
  'renewTokenWithinMs',
  'replyDelayMs',
  'queueLength',
  'queueStepMs',
  'callQueueMs',
  'maxFileBytes',
] as const;
const STRING_KEYS = ['baseUrl', 'robotName', 'agentName'] as const;
const NULLABLE_STRING_KEYS = ['appKey', 'accessToken', 'appSecret', 'agentAvatar', 'robotAvatar'] as const;

/** Checks a patch of options; throws a TypeError naming the first bad field. Unknown keys are rejected. */
export function validateOptionsPatch(patch: Partial<SimulatorOptions>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new TypeError(`simulator option ${key} must be a non-negative number`);
      }
    } else if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw new TypeError(`simulator option ${key} must be a string`);
    } else if ((NULLABLE_STRING_KEYS as readonly string[]).includes(key)) {
      if (value !== null && typeof value !== 'string') {
        throw new TypeError(`simulator option ${key} must be a string or null`);
      }
    } else if (key === 'agentAutoReply') {
      if (typeof value !== 'boolean') throw new TypeError('simulator option agentAutoReply must be a boolean');
    } else if (key === 'callScenario') {
      if (!CALL_SCENARIOS.includes(value as CallScenario)) {
        throw new TypeError(`simulator option callScenario must be one of ${CALL_SCENARIOS.join(', ')}`);
      }
    } else if (key === 'callGwAddresses') {
      if (value !== null && !(Array.isArray(value) && value.every((a) => typeof a === 'string'))) {
        throw new TypeError('simulator option callGwAddresses must be an array of strings or null');
      }
    } else if (key === 'surveyType') {
      if (value !== 'WEB' && value !== 'NO') throw new TypeError('simulator option surveyType must be WEB or NO');
    } else if (key === 'surveyQuestions') {
      if (!(Array.isArray(value) && value.every((q) => q === 'NPS' || q === 'FCR' || q === 'CSAT'))) {
        throw new TypeError('simulator option surveyQuestions must be an array of NPS, FCR or CSAT');
      }
    } else if (key === 'agentAvailability') {
      if (value !== 'available' && value !== 'outside-hours' && value !== 'none') {
        throw new TypeError('simulator option agentAvailability must be available, outside-hours or none');
      }
    } else if (key === 'now') {
      if (typeof value !== 'function') throw new TypeError('simulator option now must be a function');
    } else {
      throw new TypeError(`unknown simulator option ${key}`);
    }
  }
}

export function resolveOptions(partial: Partial<SimulatorOptions> = {}): SimulatorOptions {
  validateOptionsPatch(partial);
  const options: SimulatorOptions = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  options.baseUrl = options.baseUrl.replace(/\/+$/, '');
  return options;
}
