/**
 * The crash bench's handle on a real local server (emulator/main.ts) running as a detached
 * child — its own process group — so that `kill -9` of the group kills everything it started,
 * as `kill -9 -<pgid>` of `npm start` would. Also: calls over HTTP that classify every reply
 * (OK, refused with a reason, or unanswered), and a small client of the admin database protocol
 * (`POST /admin/<token>`) for seeding and for reading what the restarted server has stored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EJSON } from 'bson';

const root = resolve(__dirname, '..', '..');

export interface RunningServer {
  url: string;
  pid: number;
  token: string;
  /** SIGKILL to the whole process group; resolves once the child has exited. */
  kill9: () => Promise<void>;
  /** SIGTERM (a clean stop); resolves once the child has exited. */
  stop: () => Promise<void>;
  log: () => string;
}

export async function startServer(dataDir: string, timeoutMs = 60_000): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'emulator', 'main.ts')], {
    cwd: root,
    // TIMERS off: nothing but the next request may heal what a crash left.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TIMERS: 'off', DEMO_HISTORY: 'off', HONGSE_CRASH_AT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /local server ready: (http:\/\/[^\s/]+)\//.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${log}`));
    });
  });
  const pid = child.pid!;
  const token = readFileSync(join(dataDir, '.admin-token'), 'utf8').trim();
  return {
    url,
    pid,
    token,
    log: () => log,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGTERM');
      await exited;
    },
  };
}

export interface RefusalBody {
  code: string;
  reason: string;
  message: string;
}

export type Outcome =
  | { kind: 'ok'; data: Record<string, unknown> }
  | { kind: 'refused'; error: RefusalBody }
  | { kind: 'unanswered'; why: string };

/** One function call as a phone makes it; never throws. */
export async function call(
  url: string,
  openid: string,
  fn: string,
  action: string,
  data: unknown,
  timeoutMs = 30_000,
): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': openid },
      body: JSON.stringify({ action, data }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: RefusalBody };
    if (body.ok) return { kind: 'ok', data: body.data ?? {} };
    return { kind: 'refused', error: body.error ?? { code: 'INTERNAL', reason: '(none)', message: '' } };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'unanswered', why: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/** Like `call`, but throws unless the reply is OK (set-up steps). */
export async function mustCall(
  url: string,
  openid: string,
  fn: string,
  action: string,
  data: unknown,
): Promise<Record<string, unknown>> {
  const out = await call(url, openid, fn, action, data);
  if (out.kind !== 'ok') throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(out)}`);
  return out.data;
}

export type Doc = Record<string, unknown> & { _id: string };

/** The admin database protocol of a running server (what the SDK speaks). */
export class AdminDb {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  private async send(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.url}/admin/${this.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = (await res.json()) as Record<string, unknown>;
    if (reply['code'])
      throw new Error(`${String(body['action'])}: ${String(reply['code'])} ${String(reply['message'])}`);
    return reply;
  }

  async insert(collection: string, docs: object[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 500) {
      await this.send({
        action: 'database.insertDocument',
        collectionName: collection,
        data: docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false })),
      });
    }
  }

  /** Every document matching `query` (paged by 1000, ordered by _id). */
  async find(collection: string, query: object = {}): Promise<Doc[]> {
    const out: Doc[] = [];
    for (let offset = 0; ; offset += 1000) {
      const reply = await this.send({
        action: 'database.getDocument',
        collectionName: collection,
        queryType: 'WHERE',
        query: EJSON.stringify(query, { relaxed: false }),
        order: EJSON.stringify({ _id: 1 }),
        offset,
        limit: 1000,
      });
      const list = (reply['data'] as { list: string[] }).list.map((s) => EJSON.parse(s) as Doc);
      out.push(...list);
      if (list.length < 1000) return out;
    }
  }

  async count(collection: string, query: object = {}): Promise<number> {
    const reply = await this.send({
      action: 'database.calculateDocument',
      collectionName: collection,
      queryType: 'WHERE',
      query: EJSON.stringify(query, { relaxed: false }),
    });
    return (reply['data'] as { total: number }).total;
  }

  /** Sets fields of one document (as a crash may leave it; debugging and what-if runs). */
  async set(collection: string, id: string, fields: object): Promise<void> {
    await this.send({
      action: 'database.modifyDocument',
      collectionName: collection,
      queryType: 'WHERE',
      query: EJSON.stringify({ _id: id }, { relaxed: false }),
      data: EJSON.stringify(fields, { relaxed: false }),
      multi: false,
      merge: true,
    });
  }

  async get(collection: string, id: string): Promise<Doc | null> {
    return (await this.find(collection, { _id: id }))[0] ?? null;
  }
}
