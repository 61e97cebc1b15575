// Every phase of the bench ends, one way or the other: a phase that misses its deadline fails with an Error that
// names it (a full run once sat idle for over ten minutes in its network phase, and nothing said where), and what
// was opened on the way (servers, the browser, the herd's child process) is closed by `closeAll` whatever happened.

/** Rejects with an Error naming `name` when `work` has not settled within `ms`; clears its timer either way. */
export function withDeadline(name, ms, work) {
  let timer;
  const missed = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench phase "${name}" missed its deadline of ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([Promise.resolve().then(work), missed]).finally(() => clearTimeout(timer));
}

/** Waits until `check()` returns a truthy value (returned), every `everyMs`; throws naming `what` after `ms`. */
export async function waitFor(what, check, { ms = 10_000, everyMs = 50 } = {}) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= end) throw new Error(`bench: ${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** What is open and must be closed on the way out, whichever way that is: close functions by id. */
const open = new Map();
let counter = 0;

/** Registers `close` (async); returns a function that unregisters it (call it once the thing closed itself). */
export function track(label, close) {
  const id = ++counter;
  open.set(id, { label, close });
  return () => open.delete(id);
}

/** Closes everything still registered, newest first, each bounded by `ms` (a close that hangs is left behind). */
export async function closeAll(ms = 10_000) {
  const left = [...open.values()].reverse();
  open.clear();
  const failures = [];
  for (const { label, close } of left) {
    try {
      await withDeadline(`closing ${label}`, ms, close);
    } catch (error) {
      failures.push(`${label}: ${error.message}`);
    }
  }
  return failures;
}
