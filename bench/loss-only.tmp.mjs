import { resolve } from 'node:path';
import { buildNodeModules } from './build-node.mjs';
import { launchBrowser } from './browser.mjs';
import { benchLoss } from './loss.mjs';
import { buildOldWidget } from './old-build.mjs';
const modules = await buildNodeModules();
const browser = await launchBrowser();
try {
  const r = await benchLoss(browser, modules, { old: buildOldWidget(), new: resolve('dist') }, { settleMs: 150_000, log: (t) => console.log(t) });
  console.log(JSON.stringify({ new: { lost: r.new?.lostEverywhere, missing: r.new?.missing, twice: r.new?.shownTwice, converged: r.new?.convergedAfterMs }, old: { lost: r.old?.lostEverywhere, missing: r.old?.missing } }));
} finally { await browser.close(); }
process.exit(0);
