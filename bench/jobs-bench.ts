/**
 * Benchmark of the scheduled jobs at two data sizes (run: npx tsx bench/jobs-bench.ts): every
 * timer trigger of cloudbaserc.json, fired through the function host as CloudBase fires it, over
 * ten communities holding `size` documents of history (wishes, sign-ups, topics, ledger entries,
 * balances, events, opinions) of which a small share is due work (wishes past their date,
 * activities ended with open attendance, evaluations over). Bounded jobs (docs/adr/0041-bounded-
 * jobs) should cost about the same per run at either size; the number of runs to completion grows
 * with the due work, not with the history.
 *
 * Prints one row per job and size: the first run's time and requests, the slowest run, the runs
 * until it reports no more work, and the total time to completion; ends with one summary line.
 * Options: --sizes=30000,300000  --max-runs=400  --jobs=wish/expire-and-release,points/reconcile
 */
import { resetLocalClock, setLocalTime } from '../emulator/host/clock';
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import {
  aCommunity,
  aLedgerEntry,
  aSignup,
  aTopic,
  aWish,
  anActivity,
  anEvent,
  anOpinion,
  FIXTURE_NOW,
} from '../tests/support/factories';
import { insertInto } from '../tests/support/fixtures';
import { startTestServer } from '../tests/support/in-process-server';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = arg('sizes', '30000,300000').split(',').map(Number);
const MAX_RUNS = Number(arg('max-runs', '400'));
const ONLY = arg('jobs', '');

const DEMO = 'comm-xingfuli';
const COMMUNITIES = [DEMO, ...Array.from({ length: 9 }, (_, i) => `bench-c${String(i + 1).padStart(2, '0')}`)];
const DAY = 86400_000;
const pad = (i: number) => String(i).padStart(7, '0');

interface Job {
  fn: string;
  trigger: string;
  /** The clock of the size's runs (close-quarters: the first hour of a quarter nobody closed). */
  now?: (sizeIndex: number) => Date;
}

const jobs: Job[] = [
  {
    fn: 'points',
    trigger: 'close-quarters',
    now: (k) => new Date(Date.UTC(2026 + k, k === 0 ? 9 : 0, 1) - 8 * 3600_000 + 90 * 60_000),
  },
  { fn: 'volunteer', trigger: 'close-attendance' },
  { fn: 'deliberation', trigger: 'close-windows' },
  { fn: 'wish', trigger: 'expire-and-release' },
  { fn: 'checkin', trigger: 'reconcile' },
  { fn: 'deliberation', trigger: 'reconcile' },
  { fn: 'points', trigger: 'reconcile' },
  { fn: 'org', trigger: 'relabel' },
];

/** The documents of ids [from, to) of a size's share, spread over the communities; `due` of them due work. */
function seed(insert: (c: string, d: object[]) => void, from: number, to: number, now: Date): void {
  const range = (share: number) =>
    Array.from({ length: Math.floor(to * share) - Math.floor(from * share) }, (_, k) => Math.floor(from * share) + k);
  const community = (i: number) => COMMUNITIES[i % COMMUNITIES.length]!;
  const past = new Date(now.getTime() - 2 * DAY);
  // Wishes (35 %): history, one in 200 past its wanted-by day and still on the wall.
  insert(
    'wishes',
    range(0.35).map((i) =>
      aWish({
        _id: `bw${pad(i)}`,
        communityId: community(i),
        state: i % 200 === 0 ? 'published' : 'confirmed',
        wantedByEnd: i % 200 === 0 ? past : new Date(now.getTime() + 30 * DAY),
        creditPending: false,
        createdAt: new Date(Date.UTC(2025, 6, 1) + i * 60_000),
      } as never),
    ),
  );
  // Sign-ups (25 %) in activities of 50: ended and closed, one activity in 10 ended with its attendance open.
  const signups = range(0.25);
  const activities = [...new Set(signups.map((i) => Math.floor(i / 50)))];
  insert(
    'activities',
    activities.map((a) =>
      anActivity({
        _id: `bact${pad(a)}`,
        communityId: community(a),
        startAt: new Date(past.getTime() - 2 * 3600_000),
        endAt: past,
        attendanceClosed: a % 10 !== 0,
        quota: 50,
      }),
    ),
  );
  insert(
    'signups',
    signups.map((i) => {
      const a = Math.floor(i / 50);
      return aSignup({
        _id: `bsu${pad(i)}`,
        activityId: `bact${pad(a)}`,
        communityId: community(a),
        userId: `bench-user-${i}`,
        state: a % 10 === 0 ? 'confirmed' : 'no_show',
        seq: (i % 50) + 1,
        endAt: past,
      } as never);
    }),
  );
  // Topics (5 %): archived, one in 100 with its evaluation over.
  insert(
    'topics',
    range(0.05).map((i) =>
      aTopic({
        _id: `btp${pad(i)}`,
        communityId: community(i),
        step: i % 100 === 0 ? 'evaluate' : 'archived',
        evaluationEndsAt: i % 100 === 0 ? past : null,
      }),
    ),
  );
  // Ledger entries (20 %) in the quarters close-quarters closes; balances, events, opinions (5 % each,
  // each at its own time, as real ones are), clean.
  insert(
    'point_ledger',
    range(0.2).map((i) =>
      aLedgerEntry({
        _id: `ble${pad(i)}`,
        communityId: community(i),
        userId: `bench-member-${i % 500}`,
        quarter: i % 2 === 0 ? '2026Q3' : '2026Q4',
        amount: 1,
      }),
    ),
  );
  insert(
    'point_balances',
    range(0.05).map((i) => ({
      _id: `bbal${pad(i)}`,
      communityId: community(i),
      userId: `bench-nobody-${i}`,
      balance: 0,
      quarters: {},
      updatedAt: now,
    })),
  );
  insert(
    'events',
    range(0.05).map((i) =>
      anEvent({
        _id: `bev${pad(i)}`,
        communityId: community(i),
        checkedInCount: 0,
        startAt: new Date(Date.UTC(2025, 6, 1) + i * 3_600_000),
      }),
    ),
  );
  insert(
    'opinions',
    range(0.05).map((i) =>
      anOpinion({
        _id: `bop${pad(i)}`,
        communityId: community(i),
        supportCount: 0,
        createdAt: new Date(Date.UTC(2025, 6, 1) + i * 60_000),
      }),
    ),
  );
}

async function main(): Promise<void> {
  const server = await startTestServer();
  await seedDemoCommunity('local-dev', FIXTURE_NOW);
  const insert = (collection: string, docs: object[]) => insertInto(server, collection, docs);
  insert(
    'communities',
    COMMUNITIES.slice(1).map((id) => aCommunity({ _id: id, name: id })),
  );
  const now = new Date();
  // Warm-up: each function loaded and each job run once on the bare demo community.
  for (const job of jobs.filter((j) => !j.now)) await server.functions.fireTimer(job.fn, job.trigger);

  console.log('Scheduled jobs: every timer, fired through the function host, first run and runs to completion');
  console.log(
    `${'job'.padEnd(28)} ${'documents'.padStart(10)} ${'run 1 ms'.padStart(9)} ${'req'.padStart(5)} ${'max ms'.padStart(8)} ${'runs'.padStart(5)} ${'total ms'.padStart(9)}`,
  );
  const worstRun: Record<number, number> = {};
  let seeded = 0;
  for (const [k, size] of SIZES.entries()) {
    const t = performance.now();
    seed(insert, seeded, size, now);
    seeded = size;
    console.log(
      `-- ${size.toLocaleString('en')} documents over ${COMMUNITIES.length} communities, seeded in ${Math.round(performance.now() - t)} ms`,
    );
    for (const job of jobs.filter((j) => !ONLY || ONLY.split(',').includes(`${j.fn}/${j.trigger}`))) {
      const at = job.now?.(k) ?? now;
      let runs = 0;
      let total = 0;
      let max = 0;
      let first = { ms: 0, requests: 0 };
      let passes = 0;
      for (; runs < MAX_RUNS;) {
        const before = server.db.stats().requests;
        const start = performance.now();
        if (job.now) setLocalTime(at);
        const reply = (await server.functions.fireTimer(job.fn, job.trigger, at)) as {
          ok: boolean;
          data?: { more?: boolean; passed?: number };
          error?: unknown;
        };
        const ms = performance.now() - start;
        if (!reply.ok) throw new Error(`${job.fn}/${job.trigger}: ${JSON.stringify(reply.error)}`);
        runs++;
        total += ms;
        max = Math.max(max, ms);
        if (runs === 1) first = { ms, requests: server.db.stats().requests - before };
        // A reconcile sweeps for ever: its "completion" is a lap, every community's pass done once.
        passes += reply.data?.passed ?? 0;
        if (!reply.data?.more || passes >= COMMUNITIES.length) break;
      }
      if (job.now) resetLocalClock();
      worstRun[size] = Math.max(worstRun[size] ?? 0, max);
      console.log(
        `${`${job.fn}/${job.trigger}`.padEnd(28)} ${size.toLocaleString('en').padStart(10)} ${first.ms.toFixed(0).padStart(9)} ${String(first.requests).padStart(5)} ${max.toFixed(0).padStart(8)} ${String(runs).padStart(5)} ${total.toFixed(0).padStart(9)}`,
      );
    }
  }
  await server.stop();
  console.log(
    `jobs: slowest single run ${SIZES.map((s) => `${Math.round(worstRun[s] ?? NaN)} ms at ${s.toLocaleString('en')}`).join(', ')} documents; 300k/30k ratio ${((worstRun[SIZES[SIZES.length - 1]!] ?? NaN) / (worstRun[SIZES[0]!] ?? NaN)).toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
