// What the script-tag build shares with the part scripts it adds (src/embed/parts.ts), so that they use the
// widget's own Lit (one renderer, one set of sentinels), error class (`instanceof` holds), poll loop, and the
// readers the core has anyway (of API answers, of message content) instead of copies.
// Read by the build (scripts/share-core-modules.ts) and by the loader that publishes them.

/** The global (a registered symbol) under which the widget publishes what it shares with its parts. */
export const SHARED_KEY = 'cc-chat.shared';

/** Each shared module: how a part imports it, and the names it may use. */
export const SHARED_MODULES = {
  lit: { specifier: 'lit', names: ['css', 'html', 'nothing'] },
  // The transcript's repeat (Lit's, minus the markers Lit 3.3.1+ leaves behind): with its Lit helpers, in the core.
  repeat: { specifier: 'src/core/bounded-repeat.ts', names: ['repeat'] },
  guard: { specifier: 'lit/directives/guard.js', names: ['guard'] },
  errors: { specifier: 'src/core/errors.ts', names: ['CcApiError', 'isCcApiError'] },
  events: { specifier: 'src/core/events.ts', names: ['ccEvent'] },
  pollLoop: { specifier: 'src/core/controllers/poll-loop.ts', names: ['PollLoop'] },
  failures: { specifier: 'src/core/controllers/failures.ts', names: ['isFatal', 'isSameFailure', 'toApiError'] },
  callSupport: { specifier: 'src/core/controllers/call-support.ts', names: ['browserHasWebRtc'] },
  messageLimits: {
    specifier: 'src/core/controllers/message-limits.ts',
    names: ['MAX_MESSAGE_BYTES', 'characterBudget', 'messageBytes'],
  },
  // Published once the API part is there (it brings the readers); the call part is only added after it.
  validate: { specifier: 'src/api/validate.ts', names: ['ObjectReader'] },
  icons: { specifier: 'src/core/icons.ts', names: ['closeIcon'] },
  messageContent: {
    specifier: 'src/core/message-content.ts',
    names: ['clip', 'MAX_JSON', 'nonEmpty', 'messageSummary'],
  },
  fileContent: { specifier: 'src/core/file-content.ts', names: ['parseFileContent'] },
  sender: { specifier: 'src/core/sender.ts', names: ['senderLabel'] },
  strings: { specifier: 'src/core/strings.ts', names: ['mediaName'] },
} as const;

/** The part scripts, each built beside cc-chat.iife.js. */
export type PartScript = 'cc-chat-api.iife.js' | 'cc-chat-panel.iife.js' | 'cc-chat-call.iife.js' | 'cc-chat-zh.iife.js';

type SharedName = keyof typeof SHARED_MODULES;

/** What the widget publishes: the shared modules' exports, and where a part script hands itself over. */
export type SharedWithParts = { [K in SharedName]: Record<(typeof SHARED_MODULES)[K]['names'][number], unknown> } & {
  provide(file: PartScript, part: unknown): void;
};

/** A part script's hand-over: what it provides reaches the widget that added it (if one did). */
export function providePart(file: PartScript, part: unknown): void {
  (globalThis as Record<symbol, SharedWithParts | undefined>)[Symbol.for(SHARED_KEY)]?.provide(file, part);
}
