/**
 * Benchmark of the CloudBase database emulator (run: npx tsx bench/db-bench.ts).
 * Seeds ≥100,000 documents (users, wishes, ledger) into a temp emulator database, then measures
 * point reads, an indexed equality+range query with sort+limit 20, atomic inc updates and short
 * transactions: through the real @cloudbase/node-sdk over HTTP on loopback, through
 * EmulatorDatabase.handle() in-process (engine cost only), and directly on SQLite with
 * better-sqlite3 (the floor). Prints p50/p95 latency and ops/s, and the ratios.
 */
process.env.TENCENTCLOUD_RUNENV = 'SCF';
process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
process.env.SCF_NAMESPACE = 'local-dev';
process.env.TCB_ENV = 'local-dev';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type CollectionsFile } from '../emulator/db/index';
import { startDatabaseServer } from '../emulator/db/http-server';
import { encodeValue } from '../emulator/db/ejson-codec';

const USERS = 20_000;
const WISHES = 50_000;
const LEDGER = 30_000;
const COMMUNITIES = 50;
const T0 = Date.UTC(2024, 0, 1);

const collections: CollectionsFile = {
  collections: {
    users: { indexes: [{ name: 'openid_unique', unique: true, keys: [{ field: 'openid', order: 1 }] }] },
    wishes: {
      indexes: [
        {
          name: 'community_time',
          keys: [
            { field: 'communityId', order: 1 },
            { field: 'createdAt', order: -1 },
          ],
        },
        { name: 'state', keys: [{ field: 'state', order: 1 }] },
      ],
    },
    ledger: {
      indexes: [
        {
          name: 'user_time',
          keys: [
            { field: 'userId', order: 1 },
            { field: 'at', order: -1 },
          ],
        },
      ],
    },
  },
};

let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const randInt = (n: number): number => Math.floor(rand() * n);

function user(i: number) {
  return {
    _id: `u${i}`,
    openid: `o${i}`,
    name: `User ${i}`,
    communityId: `c${i % COMMUNITIES}`,
    points: 0,
    createdAt: new Date(T0 + i * 1000),
  };
}
function wish(i: number) {
  return {
    _id: `w${i}`,
    communityId: `c${i % COMMUNITIES}`,
    state: ['open', 'claimed', 'done'][i % 3],
    title: `Wish number ${i}`,
    owner: `u${i % USERS}`,
    tags: ['help', i % 2 ? 'elderly' : 'kids'],
    createdAt: new Date(T0 + i * 60_000),
    n: 0,
  };
}
function ledgerEntry(i: number) {
  return {
    _id: `l${i}`,
    userId: `u${i % USERS}`,
    delta: (i % 7) - 3,
    reason: 'volunteer',
    at: new Date(T0 + i * 30_000),
  };
}

interface Result {
  name: string;
  lat: number[];
  totalMs: number;
}
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function measure(name: string, n: number, fn: (i: number) => unknown): Promise<Result> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm-up
  const lat: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    lat.push(performance.now() - t);
  }
  return { name, lat, totalMs: performance.now() - start };
}

function seedEmulator(
  db: ReturnType<typeof openDatabase>,
  coll: string,
  count: number,
  make: (i: number) => object,
): void {
  for (let i = 0; i < count; i += 1000) {
    const data: string[] = [];
    for (let j = i; j < Math.min(count, i + 1000); j++) data.push(encodeValue(make(j)));
    const r = db.handle({ action: 'database.insertDocument', collectionName: coll, data });
    if (r['code']) throw new Error(`seed failed: ${String(r['message'])}`);
  }
}

/** The floor: the same data and operations directly on SQLite (JSON text + indexed columns). */
function directSqlite(file: string) {
  const d = new Database(file);
  d.pragma('journal_mode = WAL');
  d.pragma('synchronous = NORMAL');
  d.exec(`CREATE TABLE wishes (id TEXT PRIMARY KEY, doc TEXT NOT NULL, communityId TEXT, createdAt REAL);
          CREATE INDEX w_ct ON wishes (communityId, createdAt DESC);
          CREATE TABLE users (id TEXT PRIMARY KEY, doc TEXT NOT NULL, openid TEXT UNIQUE);`);
  const insW = d.prepare('INSERT INTO wishes VALUES (?, ?, ?, ?)');
  const insU = d.prepare('INSERT INTO users VALUES (?, ?, ?)');
  d.transaction(() => {
    for (let i = 0; i < WISHES; i++) {
      const w = wish(i);
      insW.run(w._id, JSON.stringify(w), w.communityId, w.createdAt.getTime());
    }
    for (let i = 0; i < USERS; i++) {
      const u = user(i);
      insU.run(u._id, JSON.stringify(u), u.openid);
    }
  })();
  const get = d.prepare('SELECT doc FROM wishes WHERE id = ?');
  const range = d.prepare(
    'SELECT doc FROM wishes WHERE communityId = ? AND createdAt >= ? ORDER BY createdAt DESC LIMIT 20',
  );
  const getU = d.prepare('SELECT doc FROM users WHERE id = ?');
  const updU = d.prepare('UPDATE users SET doc = ? WHERE id = ?');
  const inc = d.transaction((id: string) => {
    const row = getU.get(id) as { doc: string };
    const u = JSON.parse(row.doc) as { points: number };
    u.points += 1;
    updU.run(JSON.stringify(u), id);
  });
  return {
    point: (id: string) => JSON.parse((get.get(id) as { doc: string }).doc) as unknown,
    range: (c: string, from: number) =>
      (range.all(c, from) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as unknown),
    inc,
    tx: inc,
    close: () => d.close(),
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-bench-'));
  const emu = openDatabase({ file: path.join(dir, 'emu.sqlite'), collections });
  let t = performance.now();
  seedEmulator(emu, 'users', USERS, user);
  seedEmulator(emu, 'wishes', WISHES, wish);
  seedEmulator(emu, 'ledger', LEDGER, ledgerEntry);
  const seedMs = performance.now() - t;
  t = performance.now();
  const direct = directSqlite(path.join(dir, 'direct.sqlite'));
  const directSeedMs = performance.now() - t;
  const server = await startDatabaseServer({ db: emu, port: 0, host: '127.0.0.1' });
  const tcb = (await import('@cloudbase/node-sdk')).default;
  const app = tcb.init({
    env: 'local-dev',
    secretId: 'local',
    secretKey: 'local',
    serviceUrl: server.url,
    keepalive: true,
  } as never);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK is untyped
  const db: any = app.database();
  const _ = db.command;

  const N = 1500;
  const ids = Array.from({ length: N + 100 }, () => `w${randInt(WISHES)}`);
  const uids = Array.from({ length: N + 100 }, () => `u${randInt(USERS)}`);
  const comm = Array.from({ length: N + 100 }, () => `c${randInt(COMMUNITIES)}`);
  const from = Array.from({ length: N + 100 }, () => T0 + randInt(WISHES) * 60_000);

  const rows: Array<{ op: string; sdk: Result; handle: Result; sql: Result }> = [];

  // point read by _id
  rows.push({
    op: 'point read by _id',
    sdk: await measure('sdk', N, async (i) => {
      const r = await db.collection('wishes').doc(ids[i]).get();
      if (r.data.length !== 1) throw new Error('point read failed');
    }),
    handle: await measure('handle', N, (i) =>
      emu.handle({
        action: 'database.getDocument',
        collectionName: 'wishes',
        query: `{"_id":"${ids[i]}"}`,
        queryType: 'DOC',
      }),
    ),
    sql: await measure('sql', N, (i) => direct.point(ids[i] as string)),
  });

  // indexed equality + range, sort desc, limit 20
  rows.push({
    op: 'indexed range+sort, limit 20',
    sdk: await measure('sdk', N, async (i) => {
      const r = await db
        .collection('wishes')
        .where({ communityId: comm[i], createdAt: _.gte(new Date(from[i] as number)) })
        .orderBy('createdAt', 'desc')
        .limit(20)
        .get();
      if (r.data.length > 20) throw new Error('bad range');
    }),
    handle: await measure('handle', N, (i) =>
      emu.handle({
        action: 'database.getDocument',
        collectionName: 'wishes',
        queryType: 'WHERE',
        query: encodeValue({ communityId: comm[i], createdAt: { $gte: new Date(from[i] as number) } }),
        order: '{"createdAt":-1}',
        limit: 20,
      }),
    ),
    sql: await measure('sql', N, (i) => direct.range(comm[i] as string, from[i] as number)),
  });

  // atomic inc
  rows.push({
    op: 'atomic inc update',
    sdk: await measure('sdk', N, async (i) => {
      const r = await db
        .collection('users')
        .doc(uids[i])
        .update({ points: _.inc(1) });
      if (r.updated !== 1) throw new Error('inc failed');
    }),
    handle: await measure('handle', N, (i) =>
      emu.handle({
        action: 'database.modifyDocument',
        collectionName: 'users',
        queryType: 'DOC',
        query: `{"_id":"${uids[i]}"}`,
        data: '{"$inc":{"points":{"$numberInt":"1"}}}',
        multi: false,
        merge: true,
        upsert: false,
      }),
    ),
    sql: await measure('sql', N, (i) => direct.inc(uids[i] as string)),
  });

  // short transaction: read + update one doc
  const TX = 600;
  rows.push({
    op: 'transaction (get+update)',
    sdk: await measure('sdk', TX, (i) =>
      db.runTransaction(
        async (tx: {
          collection: (n: string) => {
            doc: (id: string) => {
              get: () => Promise<{ data: { points: number } }>;
              update: (d: object) => Promise<unknown>;
            };
          };
        }) => {
          const u = await tx
            .collection('users')
            .doc(uids[i] as string)
            .get();
          await tx
            .collection('users')
            .doc(uids[i] as string)
            .update({ points: u.data.points + 1 });
        },
      ),
    ),
    handle: await measure('handle', TX, (i) => {
      const s = emu.handle({ action: 'database.startTransaction' });
      const transactionId = s['transactionId'];
      emu.handle({
        action: 'database.getDocument',
        collectionName: 'users',
        query: `{"_id":"${uids[i]}"}`,
        queryType: 'DOC',
        transactionId,
      });
      emu.handle({
        action: 'database.modifyDocument',
        collectionName: 'users',
        queryType: 'DOC',
        query: `{"_id":"${uids[i]}"}`,
        data: '{"$set":{"points":{"$numberInt":"1"}}}',
        multi: false,
        merge: true,
        upsert: false,
        transactionId,
      });
      const c = emu.handle({ action: 'database.commitTransaction', transactionId });
      if (c['code']) throw new Error(String(c['message']));
    }),
    sql: await measure('sql', TX, (i) => direct.tx(uids[i] as string)),
  });

  const f = (x: number): string => (x < 0.1 ? x.toFixed(3) : x.toFixed(2));
  const ops = (r: Result): string => Math.round((r.lat.length / r.totalMs) * 1000).toString();
  console.log(
    `\nseeded ${USERS + WISHES + LEDGER} documents into the emulator in ${(seedMs / 1000).toFixed(1)} s (direct SQLite copy: ${(directSeedMs / 1000).toFixed(1)} s)`,
  );
  console.log(`node ${process.version}, ${os.cpus().length} CPUs; latencies in ms, sequential single client\n`);
  const header = [
    'operation',
    'SDK p50',
    'SDK p95',
    'SDK op/s',
    'handle p50',
    'handle p95',
    'SQLite p50',
    'SQLite p95',
    'SQLite op/s',
    'SDK/SQLite',
    'handle/SQLite',
  ];
  const table = rows.map((r) => [
    r.op,
    f(pct(r.sdk.lat, 50)),
    f(pct(r.sdk.lat, 95)),
    ops(r.sdk),
    f(pct(r.handle.lat, 50)),
    f(pct(r.handle.lat, 95)),
    f(pct(r.sql.lat, 50)),
    f(pct(r.sql.lat, 95)),
    ops(r.sql),
    `${(pct(r.sdk.lat, 50) / pct(r.sql.lat, 50)).toFixed(0)}x`,
    `${(pct(r.handle.lat, 50) / pct(r.sql.lat, 50)).toFixed(1)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log(`\nrequests handled: ${emu.stats().requests}`);

  await server.close();
  emu.close();
  direct.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
