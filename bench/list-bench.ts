/**
 * Benchmark of the long lists at two data sizes (run: npx tsx bench/list-bench.ts): page 1 and
 * page 200 of the wish wall, the audit log, a member's ledger, a resident's messages, an
 * event's attendance roster and the topic list, called through the function host and the real
 * @cloudbase/node-sdk as the demo personas would. Every list's rows belong to the demo
 * community (so page 200 exists); the data size is the total of all of them. Page 200's cursor
 * is reached by walking 199 pages, as a reader scrolling would. Keyset cursors (docs/adr/0030)
 * should make page 200 cost what page 1 costs at either size.
 *
 * Prints one row per list and size: p50 / p95 of page 1 and of page 200 (ms), their p95 ratio,
 * and database requests per page; ends with one summary line.
 * Options: --sizes=30000,300000  --iterations=40  --limit=20
 */
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import { aCheckin, aLedgerEntry, aMessage, anEvent, aTopic, aWish, FIXTURE_NOW } from '../tests/support/factories';
import { insertInto } from '../tests/support/fixtures';
import { startTestServer } from '../tests/support/in-process-server';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = arg('sizes', '30000,300000').split(',').map(Number);
const ITERATIONS = Number(arg('iterations', '40'));
const LIMIT = Number(arg('limit', '20'));
const DEEP = 200;

const DEMO = 'comm-xingfuli';
const T0 = Date.UTC(2025, 0, 1);
const at = (i: number) => new Date(T0 + i * 60_000);
const pad = (i: number) => String(i).padStart(7, '0');

interface Paged {
  items: unknown[];
  nextCursor: string | null;
}

interface List {
  name: string;
  /** `area.action`, called as `openid` with `data` (and the page's limit and cursor). */
  action: `${string}.${string}`;
  openid: string;
  data: Record<string, unknown>;
  /** Where the page sits in the reply (without it, the reply is the page). */
  page?: (reply: never) => Paged;
  collection: string;
  /** The list's `i`-th document (in the demo community, `_id` from `key`). */
  doc: (i: number) => object;
}

/** A list document's `_id` (`prefix` and `i`, zero-padded) and the demo community. */
const key = (prefix: string, i: number) => ({ _id: `${prefix}${pad(i)}`, communityId: DEMO });

const lists: List[] = [
  {
    name: 'wish wall',
    action: 'wish.wall',
    openid: 'demo-resident',
    data: { communityId: DEMO },
    collection: 'wishes',
    doc: (i) =>
      aWish({
        ...key('bw', i),
        estateId: 'estate-xfl',
        state: 'published',
        photos: [],
        createdAt: at(i),
        updatedAt: at(i),
      }),
  },
  {
    name: 'audit log',
    action: 'account.listAudit',
    openid: 'demo-admin',
    data: { communityId: DEMO },
    collection: 'audit_log',
    doc: (i) => ({
      ...key('ba', i),
      actorId: 'user-admin',
      actorName: '王红梅',
      action: 'account.grantRole',
      targetKind: 'role',
      targetId: `role-${i}`,
      summary: '授予角色',
      before: null,
      after: null,
      at: at(i),
    }),
  },
  {
    name: 'ledger (myPoints)',
    action: 'points.myPoints',
    openid: 'demo-member',
    data: { communityId: DEMO },
    page: (r: { entries: Paged }) => r.entries,
    collection: 'point_ledger',
    doc: (i) => aLedgerEntry({ ...key('bl', i), userId: 'user-member', createdAt: at(i) }),
  },
  {
    name: 'messages',
    action: 'messages.list',
    openid: 'demo-resident',
    data: {},
    collection: 'messages',
    doc: (i) => aMessage({ ...key('bm', i), userId: 'user-resident', createdAt: at(i) }),
  },
  {
    name: 'attendance roster',
    action: 'checkin.listAttendance',
    openid: 'demo-admin',
    data: { eventId: 'bench-event' },
    collection: 'checkins',
    doc: (i) => aCheckin({ eventId: 'bench-event', userId: `bu${pad(i)}`, communityId: DEMO, checkedInAt: at(i) }),
  },
  {
    name: 'topics',
    action: 'deliberation.list',
    openid: 'demo-resident',
    data: { communityId: DEMO },
    collection: 'topics',
    doc: (i) =>
      aTopic({
        ...key('bt', i),
        estateId: 'estate-xfl',
        scopeLabel: '幸福里小区',
        openedAt: at(i),
        updatedAt: at(i),
      }),
  },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const server = await startTestServer();
  await seedDemoCommunity('local-dev', FIXTURE_NOW);
  const insert = (collection: string, docs: object[]) => insertInto(server, collection, docs);
  insert('events', [
    anEvent({ _id: 'bench-event', communityId: DEMO, organiserId: 'user-admin', organiserName: '王红梅' }),
  ]);

  const call = async (list: List, cursor: string | undefined) => {
    const data = { ...list.data, limit: LIMIT, ...(cursor ? { cursor } : {}) };
    const [area = '', action] = list.action.split('.');
    const reply = (await server.functions.invoke(area, { action, data }, { openid: list.openid })) as {
      ok: boolean;
      data: unknown;
      error?: unknown;
    };
    if (!reply.ok) throw new Error(`${list.name}: ${JSON.stringify(reply.error)}`);
    return list.page ? list.page(reply.data as never) : (reply.data as Paged);
  };

  console.log(
    `Long lists, page 1 and page ${DEEP} of ${LIMIT} rows, ${ITERATIONS} calls each, through the function host and the real SDK`,
  );
  console.log(
    `${'list'.padEnd(20)} ${'documents'.padStart(10)} ${'p1 p50'.padStart(8)} ${'p1 p95'.padStart(8)} ${`p${DEEP} p50`.padStart(9)} ${`p${DEEP} p95`.padStart(9)} ${'ratio'.padStart(6)} ${'req/page'.padStart(9)}`,
  );
  const worst: Record<number, number> = {};
  let seeded = 0;
  for (const size of SIZES) {
    const perList = Math.floor(size / lists.length);
    const t = performance.now();
    for (const list of lists) {
      insert(
        list.collection,
        Array.from({ length: perList - seeded }, (_, k) => list.doc(seeded + k)),
      );
    }
    seeded = perList;
    console.log(
      `-- ${(perList * lists.length).toLocaleString('en')} documents (${perList.toLocaleString('en')} a list), seeded in ${Math.round(performance.now() - t)} ms`,
    );
    for (const list of lists) {
      let cursor: string | undefined;
      for (let p = 1; p < DEEP; p++) {
        const page = await call(list, cursor);
        if (page.nextCursor === null) throw new Error(`${list.name}: only ${p} pages`);
        cursor = page.nextCursor;
      }
      const time = async (c: string | undefined) => {
        for (let i = 0; i < 5; i++) await call(list, c); // warm-up
        const lat: number[] = [];
        const before = server.db.stats().requests;
        for (let i = 0; i < ITERATIONS; i++) {
          const start = performance.now();
          const page = await call(list, c);
          lat.push(performance.now() - start);
          if (page.items.length !== LIMIT) throw new Error(`${list.name}: a page of ${page.items.length}`);
        }
        return { lat, requests: (server.db.stats().requests - before) / ITERATIONS };
      };
      const first = await time(undefined);
      const deep = await time(cursor);
      const ratio = pct(deep.lat, 95) / pct(first.lat, 95);
      worst[size] = Math.max(worst[size] ?? 0, ratio);
      console.log(
        `${list.name.padEnd(20)} ${(perList * lists.length).toLocaleString('en').padStart(10)} ${pct(first.lat, 50).toFixed(1).padStart(8)} ${pct(first.lat, 95).toFixed(1).padStart(8)} ${pct(deep.lat, 50).toFixed(1).padStart(9)} ${pct(deep.lat, 95).toFixed(1).padStart(9)} ${ratio.toFixed(2).padStart(6)} ${deep.requests.toFixed(1).padStart(9)}`,
      );
    }
  }
  await server.stop();
  console.log(
    `lists: page ${DEEP}/page 1 p95 ratio at most ${SIZES.map((s) => `${(worst[s] ?? NaN).toFixed(2)} at ${s.toLocaleString('en')}`).join(', ')} documents`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
