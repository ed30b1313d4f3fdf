/**
 * Benchmark of the wish wall at district scale (run: npx tsx bench/wish-wall-bench.ts).
 * Starts the local server in this process (database emulator + function host running the
 * built `cloudfunctions/wish/index.js` through the real @cloudbase/node-sdk), seeds wishes of
 * many communities straight into the emulator database, and times `wish.wall` as a resident
 * of the largest community would call it: first pages (plain, by category, by estate) and
 * deep pages. Prints p50/p95 latency, and per page the database requests
 * (EmulatorDatabase.stats()) and getTempFileURL calls — for two data sizes, to show that the
 * number of requests per page does not grow with the data.
 *
 * Options: --sizes=20000,80000  --iterations=150
 */
import * as tcb from '@cloudbase/node-sdk';
import { encodeValue } from '../emulator/db/ejson-codec';
import type { WishState } from '../types/wish';
import { aRole, aTimelineStep, aUser, aWish } from '../tests/support/factories';
import { insertInto } from '../tests/support/fixtures';
import { startTestServer } from '../tests/support/in-process-server';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = arg('sizes', '20000,80000').split(',').map(Number);
const ITERATIONS = Number(arg('iterations', '150'));

const COMMUNITIES = 40;
/** The community the caller lives in holds this share of all wishes (a busy one). */
const TARGET_SHARE = 0.2;
const TARGET = 'comm-0';
const CATEGORIES = ['living', 'education', 'medical', 'elderly', 'other'] as const;
const STATES: WishState[] = [
  'published',
  'published',
  'published',
  'claimed',
  'fulfilled',
  'confirmed',
  'submitted',
  'expired',
];
const T0 = Date.UTC(2024, 0, 1);

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

function communityOf(i: number): string {
  return rand() < TARGET_SHARE ? TARGET : `comm-${1 + (i % (COMMUNITIES - 1))}`;
}

function wish(i: number) {
  const communityId = communityOf(i);
  const estate = Math.floor(rand() * 4);
  const state = STATES[Math.floor(rand() * STATES.length)]!;
  const createdAt = new Date(T0 + i * 90_000);
  const claimed = state === 'claimed' || state === 'fulfilled' || state === 'confirmed';
  return aWish({
    _id: `w${String(i).padStart(7, '0')}`,
    communityId,
    estateId: `${communityId}-estate-${estate}`,
    buildingId: `${communityId}-bld-${estate}-1`,
    householdId: `${communityId}-hh-${i}`,
    householdLabel: `小区${estate} · 1号楼 · 1-${100 + (i % 99)}`,
    posterId: `poster-${i % 5000}`,
    posterName: '张秀英',
    posterOpenid: `openid-${i % 5000}`,
    category: CATEGORIES[i % CATEGORIES.length],
    title: `心愿 ${i}`,
    content: '老伴腿脚不便，想借一个助行器用两个月',
    photos: i % 3 === 0 ? [`cloud://local-dev.local/uploads/bench/${i}.png`] : [],
    wantedBy: '2027-01-31',
    wantedByEnd: new Date(Date.UTC(2027, 0, 30, 16)),
    state,
    rev: 2,
    claimSeq: claimed ? 1 : 0,
    claimerId: claimed ? `member-${i % 300}` : null,
    claimerName: claimed ? '李建国' : null,
    claimerOpenid: claimed ? `member-openid-${i % 300}` : null,
    claimedAt: claimed ? new Date(createdAt.getTime() + 3600e3) : null,
    timeline: [
      aTimelineStep({ at: createdAt, to: 'submitted', via: 'post', byId: 'x', byName: '张秀英' }),
      aTimelineStep({ at: createdAt, from: 'submitted', to: 'published', via: 'review', byId: 'y', byName: '王红梅' }),
    ],
    createdAt,
    updatedAt: createdAt,
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const server = await startTestServer();

  // Count getTempFileURL calls: the function's bundle shares this process's SDK module.
  let storageCalls = 0;
  const proto = Object.getPrototypeOf(tcb.init({ env: 'local-dev' })) as {
    getTempFileURL: (...args: unknown[]) => Promise<unknown>;
  };
  const original = proto.getTempFileURL;
  proto.getTempFileURL = function (this: unknown, ...args: unknown[]) {
    storageCalls++;
    return original.apply(this, args);
  };

  const insert = (collection: string, docs: object[]) => insertInto(server, collection, docs);
  const now = new Date();
  insert(
    'estates',
    Array.from({ length: COMMUNITIES }, (_, c) =>
      Array.from({ length: 4 }, (_, e) => ({
        _id: `comm-${c}-estate-${e}`,
        communityId: `comm-${c}`,
        name: `第${e + 1}小区`,
        partyBranchName: '',
        createdAt: now,
        updatedAt: now,
      })),
    ).flat(),
  );
  insert('users', [
    aUser({ _id: 'bench-user', openid: 'bench-openid', name: '测试居民', createdAt: now, updatedAt: now }),
  ]);
  insert('roles', [
    aRole({
      kind: 'resident',
      userId: 'bench-user',
      communityId: TARGET,
      estateId: `${TARGET}-estate-0`,
      buildingId: `${TARGET}-bld-0-1`,
      householdId: `${TARGET}-hh-x`,
      scopeLabel: '第1小区 · 1号楼 · 1-101',
      grantedAt: now,
    }),
  ]);

  const wall = async (data: Record<string, unknown>) => {
    const reply = (await server.functions.invoke('wish', { action: 'wall', data }, { openid: 'bench-openid' })) as {
      ok: boolean;
      data: { items: unknown[]; nextCursor: string | null };
      error?: unknown;
    };
    if (!reply.ok) throw new Error(`wall failed: ${JSON.stringify(reply.error)}`);
    return reply.data;
  };

  console.log(`wish.wall through the function host and the real SDK — ${ITERATIONS} calls per row`);
  let seeded = 0;
  for (const size of SIZES) {
    const t = performance.now();
    insert(
      'wishes',
      Array.from({ length: size - seeded }, (_, k) => wish(seeded + k)),
    );
    seeded = size;
    const published = (
      server.db.handle({
        action: 'database.calculateDocument',
        collectionName: 'wishes',
        query: encodeValue({ communityId: TARGET, state: 'published' }),
      }) as { data: { total: number } }
    ).data.total;
    console.log(
      `\n${size.toLocaleString('en')} wishes in ${COMMUNITIES} communities (seeded in ${Math.round(performance.now() - t)} ms); ` +
        `the caller's community has ${published.toLocaleString('en')} published`,
    );
    /** The cursor of page `n` of 20 (walked from the first page, as a reader scrolling would). */
    const cursorOfPage = async (n: number): Promise<string | undefined> => {
      let cursor: string | undefined;
      for (let p = 1; p < n; p++) {
        const page = await wall({ communityId: TARGET, ...(cursor ? { cursor } : {}) });
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      return cursor;
    };
    const rows: Array<[string, Record<string, unknown>]> = [
      ['first page (20)', { communityId: TARGET }],
      ['first page, by category', { communityId: TARGET, category: 'elderly' }],
      ['first page, by estate', { communityId: TARGET, estateId: `${TARGET}-estate-2` }],
      ['page 10', { communityId: TARGET, cursor: await cursorOfPage(10) }],
      ['page 200', { communityId: TARGET, cursor: await cursorOfPage(200) }],
      ['first page of 50', { communityId: TARGET, limit: 50 }],
    ];
    console.log(
      `${'page'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'items'.padStart(6)} ${'db req/page'.padStart(12)} ${'getTempFileURL/page'.padStart(20)}`,
    );
    for (const [name, data] of rows) {
      for (let i = 0; i < 10; i++) await wall(data); // warm-up
      const lat: number[] = [];
      const dbBefore = server.db.stats().requests;
      const storageBefore = storageCalls;
      let items = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const start = performance.now();
        items = (await wall(data)).items.length;
        lat.push(performance.now() - start);
      }
      const dbPerPage = (server.db.stats().requests - dbBefore) / ITERATIONS;
      const storagePerPage = (storageCalls - storageBefore) / ITERATIONS;
      console.log(
        `${name.padEnd(34)} ${pct(lat, 50).toFixed(1).padStart(8)} ${pct(lat, 95).toFixed(1).padStart(8)} ${String(items).padStart(6)} ${dbPerPage.toFixed(1).padStart(12)} ${storagePerPage.toFixed(1).padStart(20)}`,
      );
    }
  }
  proto.getTempFileURL = original;
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
