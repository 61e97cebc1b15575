// The ccmessaging web-channel simulator: MSW handlers plus a scripting API. Isomorphic (browser and
// Node); the Node-only HTTP helpers are in ./http.ts.

import type { HttpHandler } from 'msw';
import type { DownlinkMessage } from '../api/types';
import * as conversation from './conversation';
import { createControlHandlers } from './control';
import { createOAuthHandlers } from './oauth';
import { FaultQueue, type Fault } from './faults';
import { createApiHandlers, listSessions, type RecordedRequest } from './handlers';
import { resolveOptions, validateOptionsPatch, type SimulatorOptions } from './options';
import { SimState, type WireMessage } from './state';
import { SAMPLE_KINDS, sampleMessage, type SampleKind } from './sample-media';

export type { CallScenario, SimulatorOptions } from './options';
export { DEFAULT_OPTIONS } from './options';
export type { Fault, FaultKind, Operation } from './faults';
export { OPERATIONS } from './faults';
export type { RecordedRequest } from './handlers';
export type { WireMessage } from './state';
export type { SampleKind } from './sample-media';
export { SAMPLE_KINDS } from './sample-media';
export { ROBOT_SIM_QUESTIONS, QUEUING_TEXT, AGENT_CONNECTED_TEXT } from './conversation';
export { CALL_CONNECTED_EVENT_ID } from './click-to-call';
export { createOAuthHandlers, type OAuthHandlerOptions } from './oauth';

export interface SessionInfo {
  userId: string;
  state: 'robot' | 'queued' | 'agent' | 'ended';
  queuePosition: number | null;
}

export interface Simulator {
  /** API handlers + control handlers. */
  readonly handlers: HttpHandler[];
  readonly options: SimulatorOptions;
  /** Every API request, in order (not control requests). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** Drops sessions, tokens, faults, requests; keeps options. Ends pending holds. */
  reset(): void;
  configure(patch: Partial<SimulatorOptions>): void;
  fault(fault: Fault): void;
  clearFaults(): void;
  robotSays(text: string, simQuestions?: string[], userId?: string): void;
  agentSays(text: string, userId?: string): void;
  systemSays(text: string, userId?: string): void;
  /** A raw downlink message (any sourceType/mediaType); missing fields get defaults. */
  push(message: Partial<DownlinkMessage>, userId?: string): void;
  /** The agent sends a file: a photo (IMAGE), a chime (AUDIO), a short clip (VIDEO) or a PDF (DOCUMENT). */
  agentSendsFile(kind: SampleKind, userId?: string): void;
  /** DISCONNECT from the agent side. */
  agentDisconnects(userId?: string): void;
  /** Every issued token now answers 401. */
  expireTokens(): void;
  /** The next API response carries a new ccmessaging-token header (the old token stays valid for a short grace). */
  renewTokenOnNextResponse(): void;
  /** Direct mode: rotate the access token. */
  setAccessToken(token: string | null): void;
  sessions(): SessionInfo[];
}

/**
 * Creates a simulator. `userId` arguments default to the most recently active session; methods
 * that target a session throw when there is none.
 */
export function createSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  const resolved = resolveOptions(options);
  const state = new SimState(resolved);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];

  const simulator: Simulator = {
    handlers: [],
    options: resolved,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    reset() {
      state.reset();
      faults.clear();
      requests.length = 0;
    },
    configure(patch) {
      validateOptionsPatch(patch);
      if (patch.baseUrl !== undefined && patch.baseUrl.replace(/\/+$/, '') !== resolved.baseUrl) {
        throw new TypeError('simulator option baseUrl is fixed when the simulator is created');
      }
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined && key !== 'baseUrl') (resolved as unknown as Record<string, unknown>)[key] = value;
      }
    },
    fault(fault) {
      faults.add(fault);
    },
    clearFaults() {
      faults.clear();
    },
    robotSays(text, simQuestions, userId) {
      conversation.robotSays(state, state.target(userId), text, simQuestions);
    },
    agentSays(text, userId) {
      conversation.agentSays(state, state.target(userId), text);
    },
    systemSays(text, userId) {
      conversation.systemSays(state, state.target(userId), text);
    },
    push(message, userId) {
      state.schedule(state.target(userId), message as Partial<WireMessage>);
    },
    agentSendsFile(kind, userId) {
      if (!SAMPLE_KINDS.includes(kind)) throw new TypeError(`simulator: no sample file of kind ${String(kind)}`);
      conversation.agentSendsFile(state, state.target(userId), sampleMessage(kind));
    },
    agentDisconnects(userId) {
      conversation.agentDisconnects(state, state.target(userId));
    },
    expireTokens() {
      state.expireTokens();
    },
    renewTokenOnNextResponse() {
      state.forceRenewal = true;
    },
    setAccessToken(token) {
      validateOptionsPatch({ accessToken: token });
      resolved.accessToken = token;
    },
    sessions() {
      return listSessions(state);
    },
  };
  const handlers = [...createApiHandlers({ state, faults, requests }), ...createControlHandlers(simulator)];
  if (resolved.appKey && resolved.appSecret) {
    handlers.push(
      ...createOAuthHandlers({
        appKey: resolved.appKey,
        appSecret: resolved.appSecret,
        accessToken: () => resolved.accessToken ?? '',
        baseUrl: resolved.baseUrl,
      }),
    );
  }
  (simulator as { handlers: HttpHandler[] }).handlers = handlers;
  return simulator;
}
