/**
 * The in-process transport of the real @cloudbase/node-sdk (docs/adr/0024): the local server
 * answers the SDK's `/admin` requests in this process unless `HONGSE_SDK_TRANSPORT=http`, and
 * the SDK sees the same results and the same errors either way.
 *
 * The SDK used here is the copy the function host's bundles load (resolved from
 * `cloudfunctions/`, through Node's own loader as the host does), initialised as the functions
 * initialise it (`SYMBOL_CURRENT_ENV`, the endpoint from the environment the server sets).
 */
import { channel } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isInProcessTransportInstalled, sdkTransportFromEnv } from '../../emulator/host/in-process-transport';
import { metered, onMeteredCall, type MeteredCall } from '../../emulator/host/request-meter';
import { root, startLocalServer, type LocalServer } from '../support/in-process-server';

const functionsDir = join(root, 'cloudfunctions');
const requireFromFunctions = createRequire(join(functionsDir, 'host.js'));
// The SDK's typings are mostly any.
const tcb = requireFromFunctions('@cloudbase/node-sdk') as any;

/** The local server with the given SDK transport (default: as the environment says). */
async function start(sdkTransport?: 'in-process' | 'http'): Promise<{ server: LocalServer; stop(): Promise<void> }> {
  const server = await startLocalServer(sdkTransport ? { sdkTransport } : {});
  return { server, stop: () => server.stop() };
}

/** Paths of the HTTP requests this process sends to `/admin` while `fn` runs. */
async function adminRequestsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const paths: string[] = [];
  const listener = (message: unknown) => {
    const path = (message as { request: ClientRequest }).request.path;
    if (path.startsWith('/admin')) paths.push(path);
  };
  const start = channel('http.client.request.start');
  start.subscribe(listener);
  try {
    await fn();
  } finally {
    start.unsubscribe(listener);
  }
  return paths;
}

function database() {
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
}

async function failure(p: Promise<unknown>): Promise<{ code: unknown; message: unknown }> {
  try {
    await p;
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    return { code: e?.code, message: typeof error === 'string' ? error : e?.message };
  }
  throw new Error('expected the request to fail');
}

/**
 * The same conversation with the database through whichever transport the server uses; returns
 * what the SDK saw, without request and transaction ids.
 */
async function conversation(): Promise<Record<string, unknown>> {
  const db = database();
  const _ = db.command;
  const items = db.collection('transport_items');
  await db.createCollection('transport_items');
  const when = new Date('2026-12-06T08:00:00.000Z');
  const added = await items.add({ _id: 'a', version: 1, n: 5, at: when, tags: ['x', 'y'], nested: { u: null } });
  await items.add([
    { _id: 'b', version: 1, n: 7, at: when },
    { _id: 'c', version: 1, n: 9, at: when },
  ]);
  const stamped = await items.doc('s').set({ at: db.serverDate(), n: 1 });
  const got = await items.doc('a').get();
  const stampedDoc = (await items.doc('s').get()).data[0];
  const ranged = await items
    .where({ n: _.gte(6) })
    .orderBy('n', 'desc')
    .field({ n: true })
    .get();
  const counted = await items.where({ version: 1 }).count();

  // A conditional write: the first update of version 1 wins, the second finds nothing.
  const firstWrite = await items.where({ _id: 'a', version: 1 }).update({ version: 2, n: _.inc(1) });
  const secondWrite = await items.where({ _id: 'a', version: 1 }).update({ version: 2, n: _.inc(1) });

  // Two transactions writing one document: the second conflicts.
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1.collection('transport_items').doc('b').update({ n: 70 });
  const conflict = await failure(t2.collection('transport_items').doc('b').update({ n: 71 }));
  await t1.commit();
  const afterConflict = await failure(t2.commit());

  // A transaction that aborts itself leaves nothing behind.
  const aborted = await failure(
    db.runTransaction(async (t: { collection(name: string): any; rollback(reason: string): Promise<void> }) => {
      await t.collection('transport_items').doc('c').update({ n: 0 });
      await t.collection('transport_items').add({ _id: 'ghost', n: 1 });
      await t.rollback('changed my mind');
    }),
  );
  const afterAbort = (await items.where({ _id: _.in(['c', 'ghost']) }).get()).data;

  // Bad requests: a query the server cannot decode, a collection that does not exist.
  const badQuery = await failure(items.where({ name: db.RegExp({ regexp: '(' }) }).get());
  const noCollection = await failure(db.collection('transport_nowhere').get());

  const removed = await items.where({ n: _.gt(100) }).remove();
  return {
    added: { id: added.id },
    stamped: { updated: stamped.updated, upserted: stamped.upsertedId },
    got: got.data,
    stampedIsDate: stampedDoc.at instanceof Date,
    ranged: ranged.data,
    counted: counted.total,
    firstWrite: firstWrite.updated,
    secondWrite: secondWrite.updated,
    conflict,
    afterConflict,
    b: (await items.doc('b').get()).data[0].n,
    aborted,
    afterAbort,
    badQuery: badQuery.code,
    noCollection: noCollection.code,
    removed: removed.deleted,
  };
}

describe('the SDK transport of the local server', () => {
  const saved = process.env.HONGSE_SDK_TRANSPORT;
  afterEach(() => {
    if (saved === undefined) delete process.env.HONGSE_SDK_TRANSPORT;
    else process.env.HONGSE_SDK_TRANSPORT = saved;
  });

  test('is in process by default: an SDK request reaches the database without an HTTP request', async () => {
    delete process.env.HONGSE_SDK_TRANSPORT;
    const { server, stop } = await start();
    try {
      expect(server.sdkTransport).toBe('in-process');
      expect(isInProcessTransportInstalled(requireFromFunctions)).toBe(true);
      const before = server.db.stats().byAction['database.getDocument'] ?? 0;
      const sent = await adminRequestsDuring(() => database().collection('users').limit(1).get());
      expect(sent).toEqual([]);
      expect(server.db.stats().byAction['database.getDocument']).toBe(before + 1);
    } finally {
      await stop();
    }
  });

  test('is HTTP when HONGSE_SDK_TRANSPORT=http: the same request goes over the loopback socket', async () => {
    process.env.HONGSE_SDK_TRANSPORT = 'http';
    const { server, stop } = await start();
    try {
      expect(server.sdkTransport).toBe('http');
      const before = server.db.stats().byAction['database.getDocument'] ?? 0;
      const sent = await adminRequestsDuring(() => database().collection('users').limit(1).get());
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/^\/admin\/[^?]+\?env=local-dev&seqId=/);
      expect(server.db.stats().byAction['database.getDocument']).toBe(before + 1);
    } finally {
      await stop();
    }
  });

  test('refuses an HONGSE_SDK_TRANSPORT it does not know', () => {
    expect(() => sdkTransportFromEnv({ HONGSE_SDK_TRANSPORT: 'carrier-pigeon' })).toThrow(/HONGSE_SDK_TRANSPORT/);
    expect(sdkTransportFromEnv({})).toBe('in-process');
  });

  test('a server that has closed no longer answers in process: its URL goes to HTTP (and finds nobody)', async () => {
    const { server, stop } = await start('in-process');
    const db = database();
    await db.collection('users').limit(1).get();
    await stop();
    void server;
    const error = await failure(db.collection('users').limit(1).get());
    expect(String(error.code ?? error.message)).toMatch(/ECONNREFUSED/);
  });
});

describe('through both transports the SDK sees the same', () => {
  const outcomes: Record<string, Record<string, unknown>> = {};
  const counts: Record<string, MeteredCall[]> = {};

  for (const transport of ['in-process', 'http'] as const) {
    test(`conversation over ${transport}: results, conflicts, aborts, refusals and metered request counts`, async () => {
      const { stop } = await start(transport);
      const calls: MeteredCall[] = [];
      const unsubscribe = onMeteredCall((call) => calls.push(call));
      try {
        outcomes[transport] = await metered('probe', { action: 'conversation' }, conversation);
      } finally {
        unsubscribe();
        await stop();
      }
      counts[transport] = calls;
    });
  }

  test('results and errors are identical, and they are the database’s answers', () => {
    expect(outcomes['in-process']).toEqual(outcomes['http']);
    expect(outcomes['in-process']).toMatchObject({
      added: { id: 'a' },
      got: [
        { _id: 'a', version: 1, n: 5, at: new Date('2026-12-06T08:00:00.000Z'), tags: ['x', 'y'], nested: { u: null } },
      ],
      stampedIsDate: true,
      ranged: [
        { _id: 'c', n: 9 },
        { _id: 'b', n: 7 },
      ],
      counted: 3,
      firstWrite: 1,
      secondWrite: 0,
      conflict: { code: 'DATABASE_TRANSACTION_CONFLICT' },
      b: 70,
      aborted: { message: 'changed my mind' },
      afterAbort: [{ _id: 'c', version: 1, n: 9, at: new Date('2026-12-06T08:00:00.000Z') }],
      badQuery: 'INVALID_PARAM',
      noCollection: 'DATABASE_COLLECTION_NOT_EXIST',
      removed: 0,
    });
  });

  test('the request meter counts the same database requests and writes', () => {
    const summary = (calls: MeteredCall[] | undefined) =>
      (calls ?? []).map(({ fn, requests, writes }) => ({ fn, requests, writes }));
    expect(summary(counts['in-process'])).toEqual(summary(counts['http']));
    expect(counts['in-process']?.[0]?.requests).toBeGreaterThan(20);
  });
});
