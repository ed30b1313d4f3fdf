/**
 * The one local server `npm start` runs. On one port:
 * - `POST /admin/<token>`           the CloudBase protocol the SDK speaks: database, storage and
 *                                   WeChat open-API actions (the last two are local stand-ins);
 *                                   `<token>` is the per-start admin token (below);
 * - `PUT /storage/<path>?sign=…`    an upload to a URL `getUploadMetadata` issued (one time,
 *                                   UPLOAD_GRANT_MS, never over an existing file), as COS does;
 * - `GET /storage/<path>`           uploaded files (image URLs);
 * - `POST /api/local/upload`        the h5 build's upload (wx.cloud.uploadFile in WeChat): photos,
 *                                   and csv/xlsx household import files (under imports/);
 * - `GET  /api/local/outbox`        subscription messages "sent" locally;
 * - `POST /api/functions/<name>`    a cloud function call, body `{ action, data }`, answered
 *                                   with the function's envelope; the local identity is the
 *                                   `X-Local-Openid` header, turned by the host into the SCF
 *                                   context — functions never see the header;
 * - `GET  /api/local/personas`      the demo people the persona switcher offers (local only);
 * - `GET|POST /api/local/clock`     the demo's clock; POST `{ advanceMinutes }` moves it forward
 *                                   (only forward, 1 minute to 60 days a step; kept in the data
 *                                   directory; local only — CloudBase has no such clock);
 * - `POST /api/local/timers/<fn>/<trigger>`  fires a timer trigger now (local only; needs the
 *                                   admin token in `X-Local-Admin-Token`);
 * - `GET  /`                        the H5 build.
 *
 * Invariants (safe to leave running, docs/adr/0012):
 * - every request must name this server in `Host` (loopback names, or the address it listens
 *   on) — a DNS-rebound name is refused; a request with an `Origin` other than its own, and any
 *   CORS preflight, is refused; `/admin` takes no browser request at all;
 * - the admin token is random per start, handed to the SDK in this process (sdk-environment)
 *   and written to `<dataDir>/.admin-token` (mode 0600) for local tools; a browser never has it;
 * - the SDK in this process (the functions', the seed's) reaches `/admin/<token>` without a
 *   socket by default: its requests are answered by the same dispatcher as the HTTP route, with
 *   the same JSON semantics, caps and refusals (host/in-process-transport.ts, docs/adr/0024);
 *   `sdkTransport: 'http'` / `HONGSE_SDK_TRANSPORT=http` sends them over HTTP instead;
 * - the SDK's signing key is derived once a day and `process.env` is a plain object while the
 *   server runs (host/sdk-hot-paths.ts: same bytes signed, same variables read);
 * - a malformed request (path encoding, JSON, method) is a 4xx with the JSON envelope, never a
 *   500; a body over its cap is a 413 and the connection is closed once the reply is flushed.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import subscriptionsJson from '../deploy/subscriptions.json';
import { AppError } from '../types/errors';
import { readSubscriptionConfig, templateFieldTypes } from '../types/subscriptions';
import { openDatabase, type EmulatorDatabase } from './db';
import type { CollectionsFile } from './db';
import { advanceDemoClock, clockOffsetMs, localNow, MAX_ADVANCE_MS, restoreDemoClock } from './host/clock';
import { FunctionHost, FunctionTimeoutError } from './host/function-host';
import { installInProcessTransport, sdkTransportFromEnv, type SdkTransport } from './host/in-process-transport';
import { noteInProcessRequest, noteServedRequest } from './host/request-meter';
import { configureSdkEnvironment } from './host/sdk-environment';
import { installSigningKeyCache, snapshotEnv } from './host/sdk-hot-paths';
import {
  BodyTooLargeError,
  ClientGoneError,
  closeAfterFlush,
  HttpError,
  malformed,
  parseJsonObject,
  parseJsonObjectText,
  readBody,
  sendError,
  sendJson,
} from './http-util';
import { listPersonas } from './personas';
import { serveStatic } from './static-files';
import { LocalStorage, MAX_UPLOAD_BYTES } from './storage/local-storage';
import { WechatStandIn } from './wechat/open-api';

export const LOCAL_OPENID_HEADER = 'x-local-openid';
/** The header local tools send the admin token in (the timer route). */
export const LOCAL_ADMIN_TOKEN_HEADER = 'x-local-admin-token';
/** Where the admin token of the running server is written, inside its data directory. */
export const ADMIN_TOKEN_FILE = '.admin-token';

const ADMIN_BODY_BYTES = 16 * 1024 * 1024;
const FUNCTION_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  staticDir: string;
  functionsDir: string;
  collections: CollectionsFile;
  envId?: string;
  appid?: string;
  /** Run timer triggers on their schedules (npm start: yes; tests fire them by hand). */
  timers?: boolean;
  /**
   * How the SDK in this process reaches `/admin`: in process (default) or over loopback HTTP.
   * Default: `HONGSE_SDK_TRANSPORT`, else `in-process`.
   */
  sdkTransport?: SdkTransport;
}

export interface RunningServer {
  url: string;
  port: number;
  db: EmulatorDatabase;
  functions: FunctionHost;
  /** The per-start admin token: `/admin/<token>` and `X-Local-Admin-Token` for the timer route. */
  adminToken: string;
  /** How the SDK in this process reaches `/admin`. */
  sdkTransport: SdkTransport;
  close(): Promise<void>;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A COS-style error reply (the SDK's uploadFile parses this XML). */
function sendCosError(res: ServerResponse, status: number, code: string, message: string, close = false): void {
  const xml = `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', ...(close ? { connection: 'close' } : {}) });
  res.end(xml);
  if (close) closeAfterFlush(res);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Host` values that name this server: loopback names and the listening address(es). */
function hostsFor(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', host.includes(':') ? `[${host}]` : host]);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
    }
  }
  return new Set([...names].map((name) => `${name.toLowerCase()}:${port}`));
}

const forbidden = (reason: string, message: string) => new HttpError(403, 'FORBIDDEN', reason, message);
const wrongMethod = (allow: string) =>
  new HttpError(405, 'VALIDATION', 'request.method', '不支持的请求方法', { allow });
const unknownRoute = () => new HttpError(404, 'NOT_FOUND', 'route.unknown', '接口不存在');

/** A request target made only of `/name` segments (letters, digits, `-`, `_`): its own path. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]+)+$/;

/**
 * The request target's path (still percent-encoded, as `URL.pathname`) and its query. A plain
 * path — every function call's — is its own pathname and has no query, so it skips the URL
 * parser; anything else (a query, dots, percent-encoding…) is parsed by `URL`, as before.
 */
function parseTarget(target: string): { path: string; query: () => URLSearchParams } {
  if (PLAIN_PATH.test(target)) return { path: target, query: () => new URLSearchParams() };
  let url: URL;
  try {
    url = new URL(target, 'http://local');
  } catch {
    throw malformed();
  }
  return { path: url.pathname, query: () => url.searchParams };
}

function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, 'VALIDATION', 'request.malformed-path', '请求地址不正确');
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const sdkTransport = options.sdkTransport ?? sdkTransportFromEnv();
  const host = options.host ?? '127.0.0.1';
  const envId = options.envId ?? 'local-dev';
  const adminToken = randomBytes(24).toString('base64url');
  // The demo's clock as this data directory left it (host/clock.ts); the machine clock if never moved.
  restoreDemoClock(options.dataDir);
  // serverDate() follows the local server's movable clock (host/clock.ts), as the functions' ctx.now() does.
  const db = openDatabase({
    file: join(options.dataDir, 'database.sqlite'),
    collections: options.collections,
    now: () => localNow().getTime(),
  });
  let baseUrl = '';
  let allowedHosts = new Set<string>();
  const storage = new LocalStorage(options.dataDir, envId, () => baseUrl);
  // The templates deploy/subscriptions.json configures: sends are checked as WeChat would.
  const wechat = new WechatStandIn(options.dataDir, templateFieldTypes(readSubscriptionConfig(subscriptionsJson)));
  const functions = new FunctionHost({
    functionsDir: options.functionsDir,
    envId,
    appid: options.appid ?? 'wxlocaldemo',
  });

  /** Host, Origin and preflight checks every request passes before any route. */
  const guard = (request: IncomingMessage, path: string) => {
    const hostHeader = (request.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) throw forbidden('request.host', '请求的主机名不是本机服务');
    const origin = request.headers.origin;
    const isAdmin = path === '/admin' || path.startsWith('/admin/');
    if (request.method === 'OPTIONS') throw forbidden('request.cross-origin', '不接受来自其他网站的请求');
    if (origin !== undefined && (isAdmin || origin.toLowerCase() !== `http://${hostHeader}`)) {
      throw forbidden('request.cross-origin', '不接受来自其他网站的请求');
    }
    // The SDK is no browser: a browser's fetch metadata on /admin means a web page sent it.
    if (isAdmin && request.headers['sec-fetch-site'] !== undefined) {
      throw forbidden('request.cross-origin', '不接受来自其他网站的请求');
    }
  };

  const readJson = async (request: IncomingMessage, maxBytes: number) =>
    parseJsonObject(await readBody(request, maxBytes));

  /** One `/admin` request of the CloudBase protocol, whichever transport brought it. */
  const answerAdmin = (body: Record<string, unknown>): Record<string, unknown> => {
    const action = String(body.action ?? '');
    return action.startsWith('storage.')
      ? storage.handle(body)
      : action.startsWith('wx.')
        ? wechat.handle(body)
        : db.handle(body);
  };

  /**
   * The in-process transport's endpoint: what the HTTP route would answer for this body text —
   * the same cap (413), the same malformed-JSON refusal (400), a 500 for an unexpected failure.
   */
  const answerAdminText = (text: string): { status: number; body: unknown } => {
    const refusal = (status: number, error: AppError) => ({ status, body: { ok: false, error: error.toBody() } });
    if (text.length > ADMIN_BODY_BYTES / 3 && Buffer.byteLength(text) > ADMIN_BODY_BYTES) {
      return refusal(413, new AppError('LIMIT_EXCEEDED', 'request.too-large', '提交的内容过大'));
    }
    let body: Record<string, unknown>;
    try {
      body = parseJsonObjectText(text);
    } catch (error) {
      if (error instanceof HttpError) return refusal(error.status, error.error);
      throw error;
    }
    noteInProcessRequest(String(body.action ?? ''));
    try {
      return { status: 200, body: answerAdmin(body) };
    } catch (error) {
      console.error('[server] in-process /admin request failed', error);
      return refusal(500, new AppError('INTERNAL', 'server.unexpected'));
    }
  };

  const route = async (
    request: IncomingMessage,
    res: ServerResponse,
    query: () => URLSearchParams,
    path: string,
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    if (path === '/admin' || path.startsWith('/admin/')) {
      if (!sameSecret(path.slice('/admin/'.length), adminToken)) {
        throw forbidden('admin.token', '需要本机服务的管理令牌');
      }
      if (method !== 'POST') throw wrongMethod('POST');
      const body = await readJson(request, ADMIN_BODY_BYTES);
      noteServedRequest(query().get('seqId'), String(body.action ?? ''));
      sendJson(res, 200, answerAdmin(body));
      return;
    }
    if (path.startsWith('/storage/')) {
      const storagePath = decodePath(path.slice('/storage/'.length));
      if (method === 'PUT') {
        // The SDK's uploadFile: a PUT to the URL getUploadMetadata handed out. COS answers
        // an empty body on success and an XML <Error> otherwise; so does this.
        const refused = storage.redeem(storagePath, query().get('sign'));
        if (refused) {
          sendCosError(res, refused.status, refused.code, refused.message, true);
          return;
        }
        let bytes: Buffer;
        try {
          bytes = await readBody(request, MAX_UPLOAD_BYTES);
        } catch (error) {
          if (!(error instanceof BodyTooLargeError)) throw error;
          sendCosError(res, 413, 'EntityTooLarge', 'image over 5 MB', true);
          return;
        }
        const stored = storage.put(storagePath, bytes);
        if (stored.ok) res.writeHead(200).end('');
        else sendCosError(res, 400, 'InvalidArgument', stored.message);
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        storage.serve(storagePath, request, res);
        return;
      }
      throw wrongMethod('GET, HEAD, PUT');
    }
    if (path === '/api/local/upload') {
      if (method !== 'POST') throw wrongMethod('POST');
      // The h5 build's stand-in for wx.cloud.uploadFile: the server names the file — a photo
      // under uploads/<day>/, a household import file (csv, xlsx) under imports/<yyyymmdd>/.
      const name = String(request.headers['x-file-name'] ?? '');
      const ext = (/\.(jpe?g|png|webp|gif|csv|xlsx)$/i.exec(name)?.[0] ?? '').toLowerCase();
      const day = new Date().toISOString().slice(0, 10);
      const isImport = ext === '.csv' || ext === '.xlsx';
      let bytes: Buffer;
      try {
        bytes = await readBody(request, MAX_UPLOAD_BYTES);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        throw new HttpError(413, 'VALIDATION', 'upload.too-large', isImport ? '文件不能超过5MB' : '图片不能超过5MB');
      }
      const stored = storage.put(
        isImport
          ? `imports/${day.replace(/-/g, '')}/${randomUUID().replace(/-/g, '')}${ext}`
          : `uploads/${day}/${randomUUID()}${ext}`,
        bytes,
      );
      if (stored.ok) sendJson(res, 200, { ok: true, data: { fileID: stored.fileId } });
      else sendError(res, 400, new AppError('VALIDATION', 'upload.refused', stored.message));
      return;
    }
    if (path === '/api/local/outbox') {
      if (method !== 'GET') throw wrongMethod('GET');
      sendJson(res, 200, { ok: true, data: wechat.outbox() });
      return;
    }
    const fnMatch = /^\/api\/functions\/([a-z][a-z0-9-]*)$/.exec(path);
    if (fnMatch) {
      if (method !== 'POST') throw wrongMethod('POST');
      const name = fnMatch[1] as string;
      if (!functions.has(name)) {
        throw new HttpError(404, 'NOT_FOUND', 'function.unknown', `没有名为 ${name} 的云函数`);
      }
      const event = await readJson(request, FUNCTION_BODY_BYTES);
      const header = request.headers[LOCAL_OPENID_HEADER];
      const openid = typeof header === 'string' && header.length > 0 ? header : undefined;
      try {
        sendJson(res, 200, await functions.invoke(name, event, { openid }));
      } catch (error) {
        if (!(error instanceof FunctionTimeoutError)) throw error;
        throw new HttpError(504, 'INTERNAL', 'function.timeout', '服务响应超时，请稍后再试');
      }
      return;
    }
    const timerMatch = /^\/api\/local\/timers\/([a-z][a-z0-9-]*)\/([A-Za-z0-9_-]+)$/.exec(path);
    if (timerMatch) {
      if (method !== 'POST') throw wrongMethod('POST');
      const token = request.headers[LOCAL_ADMIN_TOKEN_HEADER];
      if (typeof token !== 'string' || !sameSecret(token, adminToken)) {
        throw forbidden('admin.token', '需要本机服务的管理令牌');
      }
      const [, fn, trigger] = timerMatch as unknown as [string, string, string];
      const known =
        functions.has(fn) && functions.timers().some((t) => t.functionName === fn && t.triggerName === trigger);
      if (!known) throw new HttpError(404, 'NOT_FOUND', 'timer.unknown', '没有这个定时任务');
      sendJson(res, 200, await functions.fireTimer(fn, trigger));
      return;
    }
    if (path === '/api/local/clock') {
      if (method === 'POST') {
        const body = await readJson(request, FUNCTION_BODY_BYTES);
        const minutes = body.advanceMinutes;
        if (
          typeof minutes !== 'number' ||
          !Number.isInteger(minutes) ||
          minutes < 1 ||
          minutes * 60_000 > MAX_ADVANCE_MS
        ) {
          throw new HttpError(400, 'VALIDATION', 'clock.bad-step', '时间只能向前拨，每次 1 分钟到 60 天');
        }
        advanceDemoClock(options.dataDir, minutes * 60_000);
      } else if (method !== 'GET') throw wrongMethod('GET, POST');
      sendJson(res, 200, { ok: true, data: { now: localNow().toISOString(), offsetMs: clockOffsetMs() } });
      return;
    }
    if (path === '/api/local/personas') {
      if (method !== 'GET') throw wrongMethod('GET');
      sendJson(res, 200, { ok: true, data: await listPersonas(db) });
      return;
    }
    if (path === '/api/health') {
      if (method !== 'GET') throw wrongMethod('GET');
      sendJson(res, 200, { ok: true });
      return;
    }
    if (path.startsWith('/api/')) throw unknownRoute();
    const staticPath = decodePath(path);
    if (method !== 'GET' && method !== 'HEAD') throw wrongMethod('GET, HEAD');
    serveStatic(options.staticDir, staticPath, request, res);
  };

  const server: Server = createServer((request, res) => {
    void (async () => {
      let path = '(unparsed)';
      try {
        const target = parseTarget(request.url ?? '/');
        path = target.path;
        guard(request, path);
        await route(request, res, target.query, path);
      } catch (error) {
        if (error instanceof ClientGoneError) return;
        if (res.headersSent) {
          res.end();
          return;
        }
        if (error instanceof BodyTooLargeError) {
          sendError(res, 413, new AppError('LIMIT_EXCEEDED', 'request.too-large', '提交的内容过大'), { close: true });
          return;
        }
        if (error instanceof HttpError) {
          // A refusal before the body was read: do not leave an unread body on a kept-alive
          // connection.
          sendError(res, error.status, error.error, { headers: error.headers, close: !request.complete });
          return;
        }
        console.error('[server] request failed', request.method, path, error);
        sendError(res, 500, new AppError('INTERNAL', 'server.unexpected'), { close: !request.complete });
      }
    })();
  });
  server.keepAliveTimeout = 65_000;
  // A client that opens a connection and never finishes its request is dropped.
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl = url;
  allowedHosts = hostsFor(host, port);
  writeFileSync(join(options.dataDir, ADMIN_TOKEN_FILE), `${adminToken}\n`, { mode: 0o600 });
  configureSdkEnvironment({ databaseUrl: `${url}/admin/${adminToken}`, envId });
  // The SDK's per-request signing key and environment reads, without changing what it computes
  // (host/sdk-hot-paths.ts, docs/adr/0039-sdk-hot-paths.md); HONGSE_SDK_HOT_PATHS=off leaves them.
  const hotPaths = process.env.HONGSE_SDK_HOT_PATHS !== 'off';
  if (hotPaths) installSigningKeyCache([options.functionsDir, __dirname]);
  const releaseEnv = hotPaths ? snapshotEnv() : null;
  const unregisterTransport =
    sdkTransport === 'in-process'
      ? installInProcessTransport({
          url: `${url}/admin/${adminToken}`,
          endpoint: answerAdminText,
          // The functions' copy of the SDK (resolved from their bundles) and the emulator's own.
          resolveFrom: [options.functionsDir, __dirname],
        })
      : null;
  const timers = options.timers ? functions.startTimers() : null;

  return {
    url,
    port,
    db,
    functions,
    adminToken,
    sdkTransport,
    async close() {
      timers?.stop();
      unregisterTransport?.();
      releaseEnv?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
