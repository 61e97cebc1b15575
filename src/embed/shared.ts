// What the script-tag build shares with the call script it loads, so that the call uses the widget's own
// Lit (one renderer, one set of sentinels), error class (`instanceof` holds) and poll loop. Read by the build
// (scripts/share-core-modules.ts) and by the loader that publishes them (call-loader.ts).

/** The global (a registered symbol) under which the widget publishes what it shares with the call script. */
export const SHARED_KEY = 'cc-chat.shared';

/** Each shared module: how the call script imports it, and the names it may use. */
export const SHARED_MODULES = {
  lit: { specifier: 'lit', names: ['css', 'html', 'nothing'] },
  errors: { specifier: 'src/api/errors.ts', names: ['CcApiError', 'isCcApiError'] },
  pollLoop: { specifier: 'src/controllers/poll-loop.ts', names: ['PollLoop'] },
} as const;

type SharedName = keyof typeof SHARED_MODULES;

/** What the widget publishes: the shared modules' exports, and where the call script hands itself over. */
export type SharedWithCall = { [K in SharedName]: Record<(typeof SHARED_MODULES)[K]['names'][number], unknown> } & {
  provide(createCallFeature: unknown): void;
};
