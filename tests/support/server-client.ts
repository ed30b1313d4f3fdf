/**
 * A client of a running local server over HTTP, as a phone and the SDK reach it: function calls
 * that classify every reply (OK, refused with a reason, or unanswered), and the admin database
 * protocol (`POST /admin/<token>`) for seeding a server and reading what it stored. Used by the
 * browser tests and the crash bench.
 */
import { EJSON } from 'bson';

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
  /** Returns how many documents it updated (1, or 0 when there is none with that id). */
  async set(collection: string, id: string, fields: object): Promise<number> {
    const reply = await this.send({
      action: 'database.modifyDocument',
      collectionName: collection,
      queryType: 'WHERE',
      query: EJSON.stringify({ _id: id }, { relaxed: false }),
      data: EJSON.stringify(fields, { relaxed: false }),
      multi: false,
      merge: true,
    });
    return (reply['data'] as { updated: number }).updated;
  }

  async get(collection: string, id: string): Promise<Doc | null> {
    return (await this.find(collection, { _id: id }))[0] ?? null;
  }
}
