import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

// A plain static host for a folder (the static demo in dist-demo/): files and nothing else, no simulator and
// no rewriting, as GitHub Pages or any CDN would serve them.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticFiles {
  /** The folder's address, ending in '/'. */
  url: string;
  /** Paths asked for that were not there (a static demo must need no server behind it). */
  missing: string[];
  close(): Promise<void>;
}

/** Serves `folder` under the path `mount` (e.g. '/shop/'), as a site that is not at the host's root. */
export async function serveFolder(folder: string, mount = '/'): Promise<StaticFiles> {
  const root = resolve(folder);
  const missing: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    const inFolder = path.startsWith(mount) ? path.slice(mount.length - 1) : null;
    const file = inFolder === null ? '' : normalize(join(root, inFolder.endsWith('/') ? `${inFolder}index.html` : inFolder));
    try {
      if (!file.startsWith(root + sep) || req.method !== 'GET') throw new Error('not served');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      missing.push(`${req.method} ${path}`);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    missing,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
