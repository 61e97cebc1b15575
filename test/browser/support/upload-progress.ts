import { vi } from 'vitest';

// Chromium reports no upload progress for a request a service worker answers (MSW's, in these tests): this swaps
// the page's XMLHttpRequest for one that reports the given steps as it starts sending, as the network would. The
// caller undoes it with vi.unstubAllGlobals().

/** Every XMLHttpRequest from now on reports these upload steps (lengthComputable unless said otherwise). */
export function reportUploadProgress(steps: Array<{ loaded: number; total: number; lengthComputable?: boolean }>): void {
  const Real = XMLHttpRequest;
  class Reporting extends Real {
    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      for (const { lengthComputable = true, ...step } of steps) this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable, ...step }));
      super.send(body);
    }
  }
  vi.stubGlobal('XMLHttpRequest', Reporting);
}
