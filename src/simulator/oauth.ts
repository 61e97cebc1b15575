// MSW handlers for the API Fabric token endpoint, tokenByAkSk (POST /apigovernance/api/oauth/tokenByAkSk):
// the app key and secret in, an AccessToken out. A stand-in for the contact center's gateway, so a
// server-side proxy can be tested end to end. Isomorphic (browser and Node).

import { http, HttpResponse, type HttpHandler } from 'msw';

/** The documented maximum of `X-Token-Expire`. */
export const MAX_TOKEN_EXPIRE_SECONDS = 3600;
/** What the endpoint grants when the request has no usable `X-Token-Expire`. */
export const DEFAULT_TOKEN_EXPIRE_SECONDS = 600;

export interface OAuthRequest {
  /** `X-Token-Expire` as sent (null when absent). */
  tokenExpire: string | null;
  appKey: string | null;
  /** Whether the key and secret were right. The secret itself is not recorded. */
  accepted: boolean;
}

export interface OAuthHandlerOptions {
  appKey: string;
  appSecret: string;
  /** The AccessToken to hand out, called once per successful request (may rotate). */
  accessToken: () => string;
  /**
   * `Expires` in the answer, in seconds. Default: what `X-Token-Expire` asked for (at most 3600;
   * 600 when absent or not a positive number).
   */
  expiresSeconds?: number;
  /** Send `Expires` as a number instead of the documented string (to test tolerant clients). */
  expiresAsNumber?: boolean;
  /** Path prefix before /apigovernance/...; default '*' (any origin). */
  baseUrl?: string;
  /** Called for every token request (after the check). */
  onRequest?: (request: OAuthRequest) => void;
}

function grantedSeconds(header: string | null, fixed: number | undefined): number {
  if (fixed !== undefined) return fixed;
  const asked = Number(header);
  if (header === null || !Number.isFinite(asked) || asked <= 0) return DEFAULT_TOKEN_EXPIRE_SECONDS;
  return Math.min(asked, MAX_TOKEN_EXPIRE_SECONDS);
}

/**
 * Handlers answering tokenByAkSk like the gateway: `{AccessToken, ApplyType: 'Bearer', CreateTime,
 * Expires, Scope, AppKey, UserID: 'Anonymous'}` for the right `{app_key, app_secret}`, 401 otherwise.
 */
export function createOAuthHandlers(options: OAuthHandlerOptions): HttpHandler[] {
  const base = (options.baseUrl ?? '*').replace(/\/+$/, '');
  return [
    http.post(`${base}/apigovernance/api/oauth/tokenByAkSk`, async ({ request }) => {
      let body: unknown = null;
      try {
        body = await request.json();
      } catch {
        body = null;
      }
      const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      const appKey = typeof fields.app_key === 'string' ? fields.app_key : null;
      const accepted = appKey === options.appKey && fields.app_secret === options.appSecret;
      const tokenExpire = request.headers.get('x-token-expire');
      options.onRequest?.({ tokenExpire, appKey, accepted });
      if (!accepted) {
        return HttpResponse.json(
          { errorCode: 'APIGW.0308', exceptionInfo: 'auth fail! the app key or app secret is wrong' },
          { status: 401 },
        );
      }
      const expires = grantedSeconds(tokenExpire, options.expiresSeconds);
      return HttpResponse.json({
        AccessToken: options.accessToken(),
        ApplyType: 'Bearer',
        CreateTime: String(Math.floor(Date.now() / 1000)),
        Expires: options.expiresAsNumber ? expires : String(expires),
        Scope: 'default',
        AppKey: options.appKey,
        UserID: 'Anonymous',
      });
    }),
  ];
}
