// One structured line per request the proxy answers: enough to see abuse and failures, never a token or secret
// (the visitor is a keyed hash of its ccmessaging token, or of its address before it has one).

export interface AccessLogEntry {
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** The ccmessaging operation (`send`, `poll`, `v1/getClickToCallEvents`…), `healthz`, or `-` for other paths. */
  operation: string;
  /** The status sent, or 499 when the client went away before an answer. */
  status: number;
  durationMs: number;
  /** A 16-character keyed hash: the same visitor gives the same value on every process of one deployment. */
  visitor: string;
  /** Why the proxy answered itself instead of forwarding: `origin-not-listed`, `requestsPerToken`, `replaced`, `shutdown`… */
  reason?: string;
}

/** The default: one JSON line on standard output. */
export function writeAccessLog(entry: AccessLogEntry): void {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}
