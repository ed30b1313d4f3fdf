/**
 * Minimal HTTP front for tests and benchmarks: POST /admin (any query string) → db.handle.
 * Invariants: replies are always HTTP 200 JSON for POST /admin (errors are in the body);
 * keep-alive is on; other paths get 404.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorDatabase } from './index';

export interface DatabaseServerOptions {
  db: EmulatorDatabase;
  port?: number;
  host?: string;
}

export interface DatabaseServer {
  /** e.g. http://127.0.0.1:PORT/admin */
  url: string;
  close(): Promise<void>;
}

export function startDatabaseServer(opts: DatabaseServerOptions): Promise<DatabaseServer> {
  const { db } = opts;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/admin') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"code":"NOT_FOUND","message":"not found"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let reply: Record<string, unknown>;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        reply =
          typeof body === 'object' && body !== null && !Array.isArray(body)
            ? db.handle(body as Record<string, unknown>)
            : { code: 'INVALID_PARAM', message: 'request body must be a JSON object' };
      } catch {
        reply = { code: 'INVALID_PARAM', message: 'request body is not valid JSON' };
      }
      const out = JSON.stringify(reply);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(out),
      });
      res.end(out);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const addr = server.address() as AddressInfo;
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `http://${host}:${addr.port}/admin`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
