/**
 * Benchmark of the quarterly assessment (run: npx tsx bench/assessment-bench.ts).
 * Seeds a district — 20 communities × 150 Party members, 20 ledger entries per member
 * (60,000 entries) — directly into a temp emulator database, then runs the real
 * `points.quarterReport` verb through @cloudbase/node-sdk over HTTP, as the deployed function
 * does: p50/p95 latency and the number of database requests per report (from
 * EmulatorDatabase.stats()). Then it doubles the ledger (120,000 entries) and measures again:
 * the request count stays the same, because the per-member sums are one aggregation in the
 * database. For contrast it also times reading the same quarter's entries into the function
 * page by page (what the report does NOT do), whose request count grows with the ledger.
 */
import { Collections } from '../cloudfunctions/_shared/collections';
import os from 'node:os';
import { database } from '../cloudfunctions/_shared/database';
import { getAll } from '../cloudfunctions/_shared/db-helpers';
import { type LedgerDoc } from '../cloudfunctions/_shared/ledger';
import { quarterTotals } from '../cloudfunctions/points/src/quarter';
import { quarterReport } from '../cloudfunctions/points/src/quarter-report';
import type { RoleDoc } from '../cloudfunctions/_shared/documents';
import type { EmulatorDatabase } from '../emulator/db/index';
import { aRole } from '../tests/support/factories';
import { insertInto } from '../tests/support/fixtures';
import { fromCst } from '../types/time';
import { localCtx } from '../tests/support/local-ctx';
import { openBenchDatabase } from './support/sdk-database';

const COMMUNITIES = 20;
const MEMBERS = 150;
const ENTRIES_PER_MEMBER = 20;
const QUARTER = '2026Q3';
const QUARTERS = ['2026Q1', '2026Q2', '2026Q3', '2026Q3', '2026Q3'];
const RUNS = 100;

let seed = 7;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const cid = (c: number) => `c${String(c).padStart(2, '0')}`;
const uid = (c: number, m: number) => `u-${cid(c)}-${String(m).padStart(3, '0')}`;

function seedDistrict(db: EmulatorDatabase): void {
  const now = fromCst(2026, 9, 1);
  const communities: object[] = [];
  const users: object[] = [];
  const roles: object[] = [];
  const units: object[] = [];
  const role = (userId: string, kind: 'admin' | 'member', communityId: string, extra: Partial<RoleDoc>) =>
    aRole({ userId, kind, communityId, scopeLabel: '', grantedAt: now, ...extra });
  for (let c = 0; c < COMMUNITIES; c++) {
    const communityId = cid(c);
    communities.push({ _id: communityId, streetId: 'street-1', name: `第${c + 1}社区`, address: '', updatedAt: now });
    users.push({ _id: `admin-${communityId}`, openid: `admin-${communityId}`, name: `管理员${c}`, phone: null });
    roles.push(role(`admin-${communityId}`, 'admin', communityId, {}));
    for (let w = 0; w < 5; w++) {
      units.push({ _id: `wu-${communityId}-${w}`, communityId, name: `单位${c}-${w}`, liaisonUserId: null });
    }
    for (let m = 0; m < MEMBERS; m++) {
      const userId = uid(c, m);
      users.push({ _id: userId, openid: `o-${userId}`, name: `党员${c}-${m}`, phone: null });
      const inOffice = m % 3 !== 0;
      roles.push(
        role(userId, 'member', communityId, {
          memberType: inOffice ? 'in_office' : 'retired',
          workUnitId: inOffice ? `wu-${communityId}-${m % 5}` : null,
        }),
      );
    }
  }
  insertInto({ db }, 'communities', communities);
  insertInto({ db }, 'users', users);
  insertInto({ db }, 'roles', roles);
  insertInto({ db }, 'work_units', units);
}

let entrySerial = 0;
/** `perMember` more entries for every member of every community (a mix of quarters and reasons). */
function seedLedger(db: EmulatorDatabase, perMember: number): number {
  const reasons = ['checkin', 'volunteer_hours', 'wish_fulfilled', 'deliberation', 'adjustment'] as const;
  const batch: LedgerDoc[] = [];
  let total = 0;
  const flush = () => {
    insertInto({ db }, Collections.pointLedger, batch);
    total += batch.length;
    batch.length = 0;
  };
  for (let c = 0; c < COMMUNITIES; c++) {
    for (let m = 0; m < MEMBERS; m++) {
      for (let k = 0; k < perMember; k++) {
        const reason = reasons[Math.floor(rand() * reasons.length)]!;
        const quarter = QUARTERS[Math.floor(rand() * QUARTERS.length)]!;
        const n = entrySerial++;
        batch.push({
          _id: `bench:${n}`,
          userId: uid(c, m),
          communityId: cid(c),
          amount: 1 + Math.floor(rand() * 10),
          reason,
          sourceId: `src-${n}`,
          explanation: '基准测试',
          quarter,
          hours: reason === 'volunteer_hours' ? 1 : 0,
          reversesId: null,
          createdBy: null,
          createdAt: fromCst(2026, 1 + Math.floor(rand() * 9), 1 + Math.floor(rand() * 28)),
        });
        if (batch.length === 1000) flush();
      }
    }
  }
  flush();
  return total;
}

const ctxFor = (openid: string | null) => localCtx({ openid, requestId: 'bench' });

interface Measured {
  p50: number;
  p95: number;
  requests: number[];
}

async function measure(emu: EmulatorDatabase, fn: (community: string) => Promise<unknown>): Promise<Measured> {
  for (let i = 0; i < 10; i++) await fn(cid(i % COMMUNITIES)); // warm-up
  const lat: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = emu.stats().requests;
    const t = performance.now();
    await fn(cid(i % COMMUNITIES));
    lat.push(performance.now() - t);
    requests.push(emu.stats().requests - before);
  }
  return { p50: pct(lat, 50), p95: pct(lat, 95), requests };
}

const distinct = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b).join('/');

async function main(): Promise<void> {
  const { emu, close } = await openBenchDatabase('assessment-bench');

  let t = performance.now();
  seedDistrict(emu);
  let entries = seedLedger(emu, ENTRIES_PER_MEMBER);
  console.log(
    `seeded ${COMMUNITIES} communities × ${MEMBERS} members, ${entries} ledger entries in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  console.log(`node ${process.version}, ${os.cpus().length} CPUs; ${RUNS} sequential reports per row, ms\n`);

  const rows: string[][] = [];
  const run = async (label: string) => {
    const inQuarter = (
      await database()
        .collection(Collections.pointLedger)
        .where({ communityId: cid(0), quarter: QUARTER })
        .count()
    ).total as number;
    const report = await measure(emu, async (communityId) => {
      const r = await quarterReport({ ctx: ctxFor(`admin-${communityId}`), input: { communityId, quarter: QUARTER } });
      if (r.rows.length !== MEMBERS) throw new Error(`expected ${MEMBERS} rows, got ${r.rows.length}`);
    });
    const aggregation = await measure(emu, (communityId) => quarterTotals(ctxFor(null), communityId, QUARTER));
    const naive = await measure(emu, (communityId) =>
      getAll<LedgerDoc>(database().collection(Collections.pointLedger).where({ communityId, quarter: QUARTER })),
    );
    const f = (x: number) => x.toFixed(1);
    rows.push(
      [label, 'quarterReport (verb)', f(report.p50), f(report.p95), distinct(report.requests), String(inQuarter)],
      ['', '  of which the aggregation', f(aggregation.p50), f(aggregation.p95), distinct(aggregation.requests), ''],
      ['', '  (contrast: load entries)', f(naive.p50), f(naive.p95), distinct(naive.requests), ''],
    );
  };

  await run(`${entries.toLocaleString('en')} entries`);
  t = performance.now();
  entries += seedLedger(emu, ENTRIES_PER_MEMBER);
  console.log(`doubled the ledger to ${entries} entries in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  await run(`${entries.toLocaleString('en')} entries`);

  const header = ['ledger size', 'operation', 'p50', 'p95', 'DB requests / report', 'entries in one report'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    '\nDB requests per quarterReport: 2 (caller and roles) + 1 (closed?) + roles + work units + users + rules + 1 aggregation;' +
      ' independent of the number of ledger entries.',
  );

  await close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
