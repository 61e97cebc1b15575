// Makes sure redis-server exists for the tests of the proxy's Redis store, installing Debian's package when this
// process may (root with apt-get), as ensure-chromium.mjs does for Chromium. When it cannot, it says so and the
// Redis tests are skipped (with the same message); the rest of the suite runs.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findRedisServer } from './redis.mjs';

if (process.env.REDIS_SERVER_PATH && !existsSync(process.env.REDIS_SERVER_PATH)) {
  console.error(`REDIS_SERVER_PATH is set to ${process.env.REDIS_SERVER_PATH}, but no file is there: fix or unset it.`);
  process.exit(1);
}
if (!findRedisServer()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("redis-server is missing: installing Debian's redis-server package (for the proxy's Redis tests)…");
    try {
      // The tests start their own redis-server on a free loopback port; no system-wide one is needed.
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server', {
        stdio: 'inherit',
      });
    } catch {
      // Reported below.
    }
  }
  if (!findRedisServer()) {
    console.warn(
      "The proxy's Redis tests will be skipped: redis-server is missing (install it, e.g. `sudo apt-get install redis-server`, or set REDIS_SERVER_PATH).",
    );
  }
}
