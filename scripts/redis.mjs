// Where redis-server is, for the tests of the proxy's Redis store (Debian's package, or REDIS_SERVER_PATH).
import { existsSync } from 'node:fs';

const candidates = [process.env.REDIS_SERVER_PATH, '/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'].filter(Boolean);

/** @returns {string | undefined} */
export function findRedisServer() {
  return candidates.find((path) => existsSync(path));
}
