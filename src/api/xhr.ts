// fetch cannot tell how much of a request body has gone out; XMLHttpRequest can. A file's upload (up to 2 MB, as
// base64 inside JSON) can take many seconds on a phone, and the visitor should see it move. This is a fetch with
// the few features sendRequest uses (method, headers, a string body, credentials, an AbortSignal) over XHR, so
// the rest of the request path (time limit, errors, token renewal) stays the same for the upload.

/** Statuses whose answer has no body: a Response cannot be built with one. */
const NULL_BODY = [101, 204, 205, 304];

/** A fetch that reports, as a fraction from 0 to 1, how much of the body has been sent. */
export function xhrFetch(onUploadProgress: (fraction: number) => void): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal;
      const abortError = (): unknown => signal?.reason ?? new DOMException('The request was aborted.', 'AbortError');
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', String(input));
      new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
      if (init.credentials === 'include') xhr.withCredentials = true;
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onUploadProgress(Math.min(1, event.loaded / event.total));
      };
      const onAbort = (): void => xhr.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => signal?.removeEventListener('abort', onAbort);
      xhr.onload = () => {
        settle();
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const colon = line.indexOf(':');
          if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
        }
        const status = xhr.status;
        resolve(new Response(NULL_BODY.includes(status) ? null : xhr.responseText, { status, statusText: xhr.statusText, headers }));
      };
      // As fetch does: a network failure is a TypeError, the caller's abort is its reason.
      xhr.onerror = xhr.ontimeout = () => {
        settle();
        reject(new TypeError('Failed to fetch'));
      };
      xhr.onabort = () => {
        settle();
        reject(abortError());
      };
      xhr.send(typeof init.body === 'string' ? init.body : null);
    });
}
