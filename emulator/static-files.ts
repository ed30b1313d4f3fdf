/**
 * Serves the H5 build. Invariants: never serves a file outside `root` (paths are resolved
 * and checked); unknown paths that look like app routes fall back to index.html.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** Serves `pathname` (already percent-decoded by the caller) from the H5 build. */
export function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): void {
  const base = resolve(root);
  let file = resolve(join(base, pathname));
  if (file !== base && !file.startsWith(base + sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    const index = join(base, 'index.html');
    if (extname(pathname) !== '' || !existsSync(index)) {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end(existsSync(index) ? 'not found' : 'H5 build missing: run `npm start` (it builds dist/h5).');
      return;
    }
    file = index;
  }
  const hashed = /\.[0-9a-f]{8,}\./.test(file);
  res.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
