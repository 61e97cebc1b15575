import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendRequest, type HttpRequest } from '../../../src/api/http';
import { uploadFileStream } from '../../../src/api/media';
import { CcApiError } from '../../../src/core/errors';
import { reportUploadProgress } from '../support/upload-progress';
import { API, newClient, onlyRequest, rejection, resetApiSim, sim, startApiSim, worker } from './sim-worker';

// A file's upload goes over XMLHttpRequest so that the visitor sees how far it has gone (src/api/xhr.ts). Everything
// else about the request must be as with fetch: the body, the headers both ways, the statuses, and the errors
// (timeout, the caller's abort) mapped the same way. The progress comes from a stand-in XMLHttpRequest
// (support/upload-progress.ts); the real progress over the network is seen end to end (test/e2e/media.spec.ts).

const URL_ = `${API}/uploadFileStream`;

function upload(extra: Partial<HttpRequest> & { progress?: number[] } = {}): Promise<Awaited<ReturnType<typeof sendRequest>>> {
  const progress = extra.progress ?? [];
  return sendRequest({
    operation: 'uploadFileStream',
    method: 'POST',
    url: URL_,
    headers: { 'ccmessaging-token': 'tok-1', Accept: 'application/json' },
    body: { fileType: 'png', fileStream: 'QUJD'.repeat(200_000), channel: 'WEB' },
    timeoutMs: 10_000,
    onUploadProgress: (fraction) => progress.push(fraction),
    ...extra,
  });
}

beforeAll(startApiSim);
afterEach(() => {
  vi.unstubAllGlobals();
  resetApiSim();
});

describe('an upload over XMLHttpRequest', () => {
  it('sends the same request as fetch would, reads the answer, and reports progress up to the whole body', async () => {
    let seen: { body: unknown; type: string | null; token: string | null } | null = null;
    worker.use(
      http.post(URL_, async ({ request }) => {
        seen = { body: await request.json(), type: request.headers.get('content-type'), token: request.headers.get('ccmessaging-token') };
        return HttpResponse.json({ resultCode: '0', objectKey: 'obs/1' }, { headers: { 'ccmessaging-token': 'tok-2', 'x-more': 'a' } });
      }),
    );
    reportUploadProgress([{ loaded: 0, total: 100 }, { loaded: 50, total: 0, lengthComputable: false }, { loaded: 40, total: 100 }, { loaded: 100, total: 100 }]);
    const progress: number[] = [];
    const answer = await upload({ progress });
    expect(answer.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(JSON.parse(answer.text)).toEqual({ resultCode: '0', objectKey: 'obs/1' });
    expect(answer.contentType).toContain('application/json');
    expect(answer.headers.get('ccmessaging-token')).toBe('tok-2');
    expect(seen).toEqual({
      body: { fileType: 'png', fileStream: 'QUJD'.repeat(200_000), channel: 'WEB' },
      type: 'application/json; charset=UTF-8',
      token: 'tok-1',
    });
    // What cannot be measured (no total) is not reported.
    expect(progress).toEqual([0, 0.4, 1]);
  });

  it('gives an error status without its body, and an answer with no body as empty', async () => {
    worker.use(http.post(URL_, () => HttpResponse.text('stack trace with secrets', { status: 500 })));
    const failed = await upload();
    expect(failed).toMatchObject({ status: 500, ok: false, text: '' });
    worker.use(http.post(URL_, () => new HttpResponse(null, { status: 204 })));
    expect(await upload()).toMatchObject({ status: 204, ok: true, text: '' });
  });

  it('maps our time limit and the caller’s abort as fetch’s are mapped', async () => {
    worker.use(
      http.post(URL_, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const late = await rejection(upload({ timeoutMs: 200 }));
    expect(late).toBeInstanceOf(CcApiError);
    expect(late).toMatchObject({ kind: 'timeout', operation: 'uploadFileStream' });

    const controller = new AbortController();
    const cancelled = upload({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(cancelled)).toMatchObject({ kind: 'aborted', operation: 'uploadFileStream' });

    // A connection that fails (offline, refused, CORS): XMLHttpRequest says only "error", as fetch says TypeError.
    const Real = XMLHttpRequest;
    vi.stubGlobal(
      'XMLHttpRequest',
      class extends Real {
        override send(): void {
          this.dispatchEvent(new ProgressEvent('error'));
        }
      },
    );
    const unreachable = await rejection(upload());
    expect(unreachable).toMatchObject({ kind: 'network', operation: 'uploadFileStream' });
    expect((unreachable as CcApiError).message).toContain(`could not reach ${URL_}`);
  });

  it('the client’s upload reports progress and resolves to the key; a fetch of the site’s own is used as given', async () => {
    reportUploadProgress([{ loaded: 100, total: 100 }]);
    const progress: number[] = [];
    const client = newClient();
    const result = await uploadFileStream(client, { fileType: 'png', fileStream: 'iVBORw0KGgo=' }, { onProgress: (f) => progress.push(f) });
    expect(result.objectKey).toMatch(/\S/);
    expect(progress.at(-1)).toBe(1);
    expect(onlyRequest('uploadFileStream').body).toMatchObject({ fileType: 'png', fileStream: 'iVBORw0KGgo=' });

    // A site that gives the client its own fetch (to add headers, or to route requests) keeps it for the upload:
    // the upload then cannot tell its progress, and says nothing rather than something made up.
    const calls: string[] = [];
    const own = newClient({
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    const quiet: number[] = [];
    await uploadFileStream(own, { fileType: 'png', fileStream: 'iVBORw0KGgo=' }, { onProgress: (f) => quiet.push(f) });
    expect(calls.filter((url) => url.endsWith('/uploadFileStream'))).toHaveLength(1);
    expect(quiet).toEqual([]);
    expect(sim.requests.filter((r) => r.operation === 'uploadFileStream')).toHaveLength(2);
  });
});
