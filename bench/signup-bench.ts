/**
 * Benchmark of volunteer sign-ups under a burst (run: npx tsx bench/signup-bench.ts [n] [quota]).
 * Starts the local server in-process (freshly built function bundles, temp data directory),
 * seeds the demo community plus `n` residents, publishes one activity, then fires `n` concurrent
 * `volunteer.signUp` calls over HTTP. Prints throughput and p50/p95/max latency, and verifies the
 * invariant: exactly `quota` confirmed, the rest waitlisted, distinct seqs 1..n.
 */
import { EJSON } from 'bson';
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import { startTestServer } from '../tests/support/in-process-server';

const N = Number(process.argv[2] ?? 500);
const QUOTA = Number(process.argv[3] ?? 50);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const server = await startTestServer();
  try {
    await seedDemoCommunity('local-dev', new Date());
    const now = new Date();
    const insert = (collection: string, docs: object[]) =>
      server.db.handle({
        action: 'database.insertDocument',
        collectionName: collection,
        data: docs.map((d) => EJSON.stringify(d, { relaxed: false })),
      });
    const ids = Array.from({ length: N }, (_, i) => `bench-${i}`);
    insert(
      'users',
      ids.map((id) => ({
        _id: `user-${id}`,
        openid: id,
        name: `志愿者${id}`,
        phone: null,
        avatarUrl: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    insert(
      'roles',
      ids.map((id) => ({
        _id: `resident:user-${id}:hh-bench`,
        userId: `user-${id}`,
        kind: 'resident',
        communityId: 'comm-xingfuli',
        estateId: null,
        buildingId: null,
        householdId: null,
        councilId: null,
        councilKind: null,
        position: null,
        workUnitId: null,
        memberType: null,
        scopeLabel: 'bench',
        grantedBy: null,
        grantedAt: now,
      })),
    );
    const start = Date.now() + 86_400_000;
    const published = await server.callAs('demo-admin', 'volunteer', 'publish', {
      communityId: 'comm-xingfuli',
      title: '压测志愿活动',
      category: 'other',
      description: '报名并发压测',
      place: '社区',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 3_600_000).toISOString(),
      signupDeadline: new Date(start - 3_600_000).toISOString(),
      quota: QUOTA,
      pointsPerHour: 5,
      audience: 'everyone',
    });
    const activityId = published.body.data.id as string;

    const latencies: number[] = [];
    const t0 = performance.now();
    const replies = await Promise.all(
      ids.map(async (id) => {
        const s = performance.now();
        const r = await server.callAs(id, 'volunteer', 'signUp', { activityId });
        latencies.push(performance.now() - s);
        return r.body as { ok: boolean; data?: { state: string }; error?: unknown };
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const failed = replies.filter((r) => !r.ok);
    const confirmed = replies.filter((r) => r.data?.state === 'confirmed').length;
    const waitlisted = replies.filter((r) => r.data?.state === 'waitlisted').length;

    const stored = server.db.handle({
      action: 'database.getDocument',
      collectionName: 'signups',
      queryType: 'WHERE',
      query: EJSON.stringify({ activityId }, { relaxed: false }),
      limit: 1000,
    }) as { data: { list: string[] } };
    const docs = stored.data.list.map((s) => EJSON.parse(s) as { state: string; seq: number });
    const seqs = docs.map((d) => d.seq).sort((a, b) => a - b);
    const distinct = seqs.every((s, i) => s === i + 1);
    const storedConfirmed = docs.filter((d) => d.state === 'confirmed').length;
    const maxConfirmed = Math.max(...docs.filter((d) => d.state === 'confirmed').map((d) => d.seq));
    const minWaiting = Math.min(...docs.filter((d) => d.state === 'waitlisted').map((d) => d.seq));

    console.log(`volunteer.signUp burst: ${N} concurrent sign-ups, quota ${QUOTA}`);
    console.log(`  wall ${elapsed.toFixed(2)} s, throughput ${(N / elapsed).toFixed(0)} sign-ups/s`);
    console.log(
      `  latency p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${latencies[latencies.length - 1]!.toFixed(0)} ms`,
    );
    console.log(`  replies: ${confirmed} confirmed, ${waitlisted} waitlisted, ${failed.length} failed`);
    const ok =
      failed.length === 0 && docs.length === N && storedConfirmed === QUOTA && distinct && maxConfirmed < minWaiting;
    console.log(
      `  invariant (exactly ${QUOTA} confirmed, seqs 1..${N} distinct, confirmed before waitlisted): ${ok ? 'OK' : 'VIOLATED'}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

void main();
