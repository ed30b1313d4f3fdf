/**
 * Cost of one request of the real @cloudbase/node-sdk to the local server, by SDK transport
 * (docs/adr/0024). Run: npx tsx bench/sdk-transport-bench.ts [iterations]
 *
 * Starts the local server (temp data directory) once with the in-process transport and once
 * with `sdkTransport: 'http'`, seeds 5,000 documents, then measures one at a time (no
 * concurrency, so the figures are per-request cost, not queueing): a point read, an indexed
 * equality query with sort and limit 20, an atomic `inc` update and a transaction (start, read,
 * update, commit), through the SDK copy the functions use — and the same requests through
 * `db.handle()` (the emulator without the SDK: the floor the transport can approach).
 * Prints p50/p95 per operation and the ratio to handle().
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { CollectionsFile } from '../emulator/db';
import { encodeValue } from '../emulator/db/ejson-codec';
import type { SdkTransport } from '../emulator/host/in-process-transport';
import { startLocalServer } from '../tests/support/in-process-server';

const ITERATIONS = Number(process.argv[2] ?? 400);
const DOCS = 5_000;
const root = resolve(__dirname, '..');
const functionsDir = join(root, 'cloudfunctions');
// The copy the function bundles load; its typings are mostly any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const tcb = createRequire(join(functionsDir, 'host.js'))('@cloudbase/node-sdk') as any;

const collections: CollectionsFile = {
  collections: {
    bench_items: {
      indexes: [
        {
          name: 'group_n',
          keys: [
            { field: 'group', order: 1 },
            { field: 'n', order: -1 },
          ],
        },
      ],
    },
  },
};

type Op = (i: number) => Promise<unknown> | unknown;

async function time(op: Op): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 50; i++) await op(i);
  const ms: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await op(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

async function run(transport: SdkTransport): Promise<Record<string, { p50: number; p95: number }>> {
  const server = await startLocalServer({ collections, sdkTransport: transport });
  try {
    const id = (i: number) => `d${i % DOCS}`;
    server.db.handle({
      action: 'database.insertDocument',
      collectionName: 'bench_items',
      data: Array.from({ length: DOCS }, (_, i) =>
        encodeValue({ _id: id(i), group: `g${i % 50}`, n: i, name: `文档${i}`, at: new Date(), tags: ['a', 'b'] }),
      ),
    });
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    const items = db.collection('bench_items');
    const handle = (body: Record<string, unknown>) => {
      const reply = server.db.handle(body);
      if (reply['code']) throw new Error(String(reply['message']));
      return reply;
    };
    const q = (o: unknown) => encodeValue(o);
    const results: Record<string, { p50: number; p95: number }> = {};
    results['point read (SDK)'] = await time((i) => items.doc(id(i * 7)).get());
    results['point read (handle)'] = await time((i) =>
      handle({ action: 'database.getDocument', collectionName: 'bench_items', query: q({ _id: id(i * 7) }), limit: 1 }),
    );
    results['range read, 20 rows (SDK)'] = await time((i) =>
      items
        .where({ group: `g${i % 50}` })
        .orderBy('n', 'desc')
        .limit(20)
        .get(),
    );
    results['range read, 20 rows (handle)'] = await time((i) =>
      handle({
        action: 'database.getDocument',
        collectionName: 'bench_items',
        query: q({ group: `g${i % 50}` }),
        order: q({ n: -1 }),
        limit: 20,
      }),
    );
    results['inc update (SDK)'] = await time((i) => items.doc(id(i * 13)).update({ n: db.command.inc(1) }));
    results['inc update (handle)'] = await time((i) =>
      handle({
        action: 'database.modifyDocument',
        collectionName: 'bench_items',
        query: q({ _id: id(i * 13) }),
        data: q({ n: { $inc: 1 } }),
        multi: false,
      }),
    );
    results['transaction: read + update (SDK)'] = await time((i) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      db.runTransaction(async (t: any) => {
        const doc = (
          await t
            .collection('bench_items')
            .doc(id(i * 17))
            .get()
        ).data;
        await t
          .collection('bench_items')
          .doc(id(i * 17))
          .update({ n: (doc.n as number) + 1 });
      }),
    );
    return results;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const http = await run('http');
  const inProcess = await run('in-process');
  const floor = (name: string) => {
    const base = name.replace(' (SDK)', ' (handle)');
    return base !== name ? inProcess[base]?.p50 : undefined;
  };
  console.log(`SDK request cost by transport, ${ITERATIONS} sequential requests each (p50 / p95, ms):`);
  console.log('| operation | HTTP | in-process | handle() (no SDK) | HTTP ÷ handle | in-process ÷ handle |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const name of Object.keys(inProcess)) {
    if (name.endsWith('(handle)')) continue;
    const h = http[name]!;
    const p = inProcess[name]!;
    const f = floor(name);
    const fmt = (x: { p50: number; p95: number }) => `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)}`;
    const base = name.replace(' (SDK)', '');
    console.log(
      `| ${base} | ${fmt(h)} | ${fmt(p)} | ${f === undefined ? '—' : f.toFixed(3)} | ${f ? `${(h.p50 / f).toFixed(0)}×` : '—'} | ${f ? `${(p.p50 / f).toFixed(0)}×` : '—'} |`,
    );
  }
}

void main();
