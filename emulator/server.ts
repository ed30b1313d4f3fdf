/**
 * The one local server `npm start` runs. On one port:
 * - `POST /admin`                   the CloudBase protocol the SDK speaks: database, storage and
 *                                   WeChat open-API actions (the last two are local stand-ins);
 * - `PUT|GET /storage/<path>`       uploaded files (the SDK's upload target; image URLs);
 * - `POST /api/local/upload`        the h5 build's upload (wx.cloud.uploadFile in WeChat);
 * - `GET  /api/local/outbox`        subscription messages "sent" locally;
 * - `POST /api/functions/<name>`    a cloud function call, body `{ action, data }`, answered
 *                                   with the function's envelope; the local identity is the
 *                                   `X-Local-Openid` header, turned by the host into the SCF
 *                                   context — functions never see the header;
 * - `GET  /api/local/personas`      the demo people the persona switcher offers (local only);
 * - `POST /api/local/timers/<fn>/<trigger>`  fires a timer trigger now (local only);
 * - `GET  /`                        the H5 build.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppError } from '../types/errors';
import { openDatabase, type EmulatorDatabase } from './db';
import type { CollectionsFile } from './db';
import { FunctionHost, FunctionTimeoutError } from './host/function-host';
import { configureSdkEnvironment } from './host/sdk-environment';
import { BodyTooLargeError, readBody, sendJson } from './http-util';
import { listPersonas } from './personas';
import { serveStatic } from './static-files';
import { LocalStorage, MAX_UPLOAD_BYTES } from './storage/local-storage';
import { WechatStandIn } from './wechat/open-api';

export const LOCAL_OPENID_HEADER = 'x-local-openid';

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
}

export interface RunningServer {
  url: string;
  port: number;
  db: EmulatorDatabase;
  functions: FunctionHost;
  close(): Promise<void>;
}

function cosError(message: string): string {
  return `<?xml version='1.0' encoding='utf-8' ?><Error><Code>InvalidArgument</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
}

function errorEnvelope(error: AppError) {
  return { ok: false, error: error.toBody() };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const envId = options.envId ?? 'local-dev';
  const db = openDatabase({ file: join(options.dataDir, 'database.sqlite'), collections: options.collections });
  let baseUrl = '';
  const storage = new LocalStorage(options.dataDir, envId, () => baseUrl);
  const wechat = new WechatStandIn(options.dataDir);
  const functions = new FunctionHost({
    functionsDir: options.functionsDir,
    envId,
    appid: options.appid ?? 'wxlocaldemo',
  });

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    void (async () => {
      try {
        if (req.method === 'POST' && path === '/admin') {
          const body = JSON.parse((await readBody(req, 16 * 1024 * 1024)).toString('utf8')) as Record<string, unknown>;
          const action = String(body.action ?? '');
          const reply = action.startsWith('storage.')
            ? storage.handle(body)
            : action.startsWith('wx.')
              ? wechat.handle(body)
              : db.handle(body);
          sendJson(res, 200, reply);
          return;
        }
        if (path.startsWith('/storage/')) {
          const storagePath = decodeURIComponent(path.slice('/storage/'.length));
          if (req.method === 'PUT') {
            // The SDK's uploadFile: a PUT to the URL getUploadMetadata handed out. COS answers
            // an empty body on success and an XML <Error> otherwise; so does this.
            const stored = storage.put(storagePath, await readBody(req, MAX_UPLOAD_BYTES + 1));
            if (stored.ok) res.writeHead(200).end('');
            else res.writeHead(400, { 'content-type': 'application/xml' }).end(cosError(stored.message));
            return;
          }
          if (req.method === 'GET' || req.method === 'HEAD') {
            storage.serve(storagePath, req, res);
            return;
          }
        }
        if (req.method === 'POST' && path === '/api/local/upload') {
          // The h5 build's stand-in for wx.cloud.uploadFile: the server names the file.
          const name = String(req.headers['x-file-name'] ?? '');
          const ext = (/\.(jpe?g|png|webp|gif)$/i.exec(name)?.[0] ?? '').toLowerCase();
          const day = new Date().toISOString().slice(0, 10);
          const stored = storage.put(
            `uploads/${day}/${randomUUID()}${ext}`,
            await readBody(req, MAX_UPLOAD_BYTES + 1).catch(() => Buffer.alloc(MAX_UPLOAD_BYTES + 1)),
          );
          if (stored.ok) sendJson(res, 200, { ok: true, data: { fileID: stored.fileId } });
          else sendJson(res, 400, errorEnvelope(new AppError('VALIDATION', 'upload.refused', stored.message)));
          return;
        }
        if (req.method === 'GET' && path === '/api/local/outbox') {
          sendJson(res, 200, { ok: true, data: wechat.outbox() });
          return;
        }
        const fnMatch = /^\/api\/functions\/([a-z][a-z0-9-]*)$/.exec(path);
        if (fnMatch && req.method === 'POST') {
          const name = fnMatch[1] as string;
          if (!functions.has(name)) {
            sendJson(
              res,
              404,
              errorEnvelope(new AppError('NOT_FOUND', 'function.unknown', `没有名为 ${name} 的云函数`)),
            );
            return;
          }
          let event: unknown;
          try {
            event = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8'));
          } catch (error) {
            const tooLarge = error instanceof BodyTooLargeError;
            sendJson(
              res,
              tooLarge ? 413 : 400,
              errorEnvelope(
                new AppError(
                  tooLarge ? 'LIMIT_EXCEEDED' : 'VALIDATION',
                  tooLarge ? 'request.too-large' : 'request.malformed',
                  tooLarge ? '提交的内容过大' : '请求格式不正确',
                ),
              ),
            );
            return;
          }
          const header = req.headers[LOCAL_OPENID_HEADER];
          const openid = typeof header === 'string' && header.length > 0 ? header : undefined;
          try {
            sendJson(res, 200, await functions.invoke(name, event, { openid }));
          } catch (error) {
            if (error instanceof FunctionTimeoutError) {
              sendJson(
                res,
                504,
                errorEnvelope(new AppError('INTERNAL', 'function.timeout', '服务响应超时，请稍后再试')),
              );
              return;
            }
            throw error;
          }
          return;
        }
        const timerMatch = /^\/api\/local\/timers\/([a-z][a-z0-9-]*)\/([A-Za-z0-9_-]+)$/.exec(path);
        if (timerMatch && req.method === 'POST') {
          const [, fn, trigger] = timerMatch as unknown as [string, string, string];
          const known =
            functions.has(fn) && functions.timers().some((t) => t.functionName === fn && t.triggerName === trigger);
          if (!known) {
            sendJson(res, 404, errorEnvelope(new AppError('NOT_FOUND', 'timer.unknown', '没有这个定时任务')));
            return;
          }
          sendJson(res, 200, await functions.fireTimer(fn, trigger));
          return;
        }
        if (req.method === 'GET' && path === '/api/local/personas') {
          sendJson(res, 200, { ok: true, data: await listPersonas(db) });
          return;
        }
        if (req.method === 'GET' && path === '/api/health') {
          sendJson(res, 200, { ok: true });
          return;
        }
        if (path.startsWith('/api/') || path === '/admin') {
          sendJson(res, 404, errorEnvelope(new AppError('NOT_FOUND', 'route.unknown', '接口不存在')));
          return;
        }
        if (req.method === 'GET' || req.method === 'HEAD') {
          serveStatic(options.staticDir, req, res);
          return;
        }
        res.writeHead(405).end();
      } catch (error) {
        console.error('[server] request failed', req.method, path, error);
        if (!res.headersSent) sendJson(res, 500, errorEnvelope(new AppError('INTERNAL', 'server.unexpected')));
        else res.end();
      }
    })();
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  baseUrl = url;
  configureSdkEnvironment({ databaseUrl: `${url}/admin`, envId });
  const timers = options.timers ? functions.startTimers() : null;

  return {
    url,
    port,
    db,
    functions,
    async close() {
      timers?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
