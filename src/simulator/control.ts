// HTTP control endpoints (`${baseUrl}/__sim/...`) so a demo page or an end-to-end test can script
// the simulator over HTTP. Control requests are not recorded.

import { http, HttpResponse, type HttpHandler } from 'msw';
import type { DownlinkMessage } from '../api/types';
import type { Fault } from './faults';
import { corsHeaders, preflightResponse } from './handlers';
import type { Simulator } from './index';
import { SAMPLE_KINDS, type SampleKind } from './sample-media';
import type { SimulatorOptions } from './options';

/** Lifetime the access-token endpoint announces, in seconds. */
export const ACCESS_TOKEN_EXPIRES_IN = 600;
/** What GET access-token returns when the simulator does not check access tokens. */
export const UNCHECKED_ACCESS_TOKEN = 'sim-access-token-unchecked';

type Body = Record<string, unknown>;
type Action = (sim: Simulator, body: Body) => unknown;

class BadRequest extends Error {}

function text(body: Body, key = 'text'): string {
  const value = body[key];
  if (typeof value !== 'string') throw new BadRequest(`body.${key} must be a string`);
  return value;
}

function userId(body: Body): string | undefined {
  return typeof body.userId === 'string' && body.userId !== '' ? body.userId : undefined;
}

function objectField(body: Body, key: string): Body {
  const value = key in body ? body[key] : body;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest(`body.${key} must be an object`);
  return value as Body;
}

const ACTIONS: Record<string, Action> = {
  'agent-says': (sim, body) => sim.agentSays(text(body), userId(body)),
  'system-says': (sim, body) => sim.systemSays(text(body), userId(body)),
  'robot-says': (sim, body) => {
    const questions = body.simQuestions;
    if (questions !== undefined && !(Array.isArray(questions) && questions.every((q) => typeof q === 'string'))) {
      throw new BadRequest('body.simQuestions must be an array of strings');
    }
    sim.robotSays(text(body), questions as string[] | undefined, userId(body));
  },
  push: (sim, body) => sim.push(objectField(body, 'message') as Partial<DownlinkMessage>, userId(body)),
  'agent-disconnects': (sim, body) => sim.agentDisconnects(userId(body)),
  'agent-sends-file': (sim, body) => {
    const kind = text(body, 'kind');
    if (!(SAMPLE_KINDS as readonly string[]).includes(kind)) throw new BadRequest(`body.kind must be one of ${SAMPLE_KINDS.join(', ')}`);
    sim.agentSendsFile(kind as SampleKind, userId(body));
  },
  fault: (sim, body) => sim.fault(objectField(body, 'fault') as unknown as Fault),
  'clear-faults': (sim) => sim.clearFaults(),
  configure: (sim, body) => {
    const patch = { ...objectField(body, 'options') } as Partial<SimulatorOptions>;
    if ('now' in patch) throw new BadRequest('option now cannot be set over HTTP');
    sim.configure(patch);
    const { now: _now, ...options } = sim.options;
    return options;
  },
  'expire-tokens': (sim) => sim.expireTokens(),
  'renew-token': (sim) => sim.renewTokenOnNextResponse(),
  'clear-requests': (sim) => sim.clearRequests(),
  reset: (sim) => sim.reset(),
};

async function readJson(request: Request): Promise<Body> {
  const raw = await request.text();
  if (raw.trim() === '') return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('body must be a JSON object');
  return parsed as Body;
}

export function createControlHandlers(sim: Simulator): HttpHandler[] {
  const prefix = `${sim.options.baseUrl}/__sim`;
  return [
    http.options(`${prefix}/*`, ({ request }) => preflightResponse(request)),
    http.get(`${prefix}/requests`, ({ request }) => HttpResponse.json(sim.requests, { headers: corsHeaders(request) })),
    http.get(`${prefix}/sessions`, ({ request }) => HttpResponse.json(sim.sessions(), { headers: corsHeaders(request) })),
    http.get(`${prefix}/access-token`, ({ request }) =>
      HttpResponse.json(
        { accessToken: sim.options.accessToken ?? UNCHECKED_ACCESS_TOKEN, expiresIn: ACCESS_TOKEN_EXPIRES_IN },
        { headers: { ...corsHeaders(request), 'Cache-Control': 'no-store' } },
      ),
    ),
    http.post(`${prefix}/:action`, async ({ request, params }) => {
      const headers = corsHeaders(request);
      const name = String(params.action);
      const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
      if (!action) {
        return HttpResponse.json({ ok: false, error: `unknown action ${name}` }, { status: 404, headers });
      }
      try {
        const body = await readJson(request);
        const result = action(sim, body);
        return HttpResponse.json(result === undefined ? { ok: true } : { ok: true, result }, { headers });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Bad input is the caller's fault; "no session yet" and the like are a conflict with the state.
        const status = error instanceof BadRequest || error instanceof SyntaxError || error instanceof TypeError ? 400 : 409;
        return HttpResponse.json({ ok: false, error: message }, { status, headers });
      }
    }),
  ];
}
