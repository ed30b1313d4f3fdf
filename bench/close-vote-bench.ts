/**
 * Benchmark of closing a vote (run: npx tsx bench/close-vote-bench.ts).
 * Starts the local server in this process (database emulator + function host running the
 * built `cloudfunctions/deliberation/index.js` through the real @cloudbase/node-sdk), seeds a
 * community per size straight into the emulator database — households with floor areas, one
 * resident each, an estate leader, a topic in the vote step with those households frozen as
 * eligible, its window closed longer ago than the settle period (VOTE_SETTLE_MS), and ~75% of
 * them having voted — then calls `deliberation.closeVote` as the leader
 * and prints the time and the database requests it took (EmulatorDatabase.stats()), for each
 * size, to show that the cost does not grow with the number of ballots (the tally is one
 * aggregation over the ballots, never a load of them).
 *
 * Options: --sizes=500,2000
 */
import { VOTE_SETTLE_MS } from '../cloudfunctions/deliberation/src/store';
import { insertInto } from '../tests/support/fixtures';
import { startTestServer } from '../tests/support/in-process-server';
import { inProcess, seedBallotTopic } from './support/crash-seed';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = arg('sizes', '500,2000').split(',').map(Number);
const CHOICES = ['agree', 'agree', 'agree', 'oppose', 'abstain'] as const;

async function main(): Promise<void> {
  const server = await startTestServer();
  const call = async (openid: string, action: string, data: unknown) =>
    (await server.callAs(openid, 'deliberation', action, data)).body as {
      ok: boolean;
      data?: { step: string; vote: { tally: unknown } };
      error?: unknown;
    };

  console.log(
    `${'eligible'.padStart(9)} ${'ballots'.padStart(8)} ${'closeVote ms'.padStart(13)} ${'db requests'.padStart(12)}  by action`,
  );
  for (const n of SIZES) {
    const now = new Date();
    // Closed longer ago than the settle period, so the close may run at once.
    const { topicId, eligible } = await seedBallotTopic(inProcess(server), `bench-${n}`, n, 0, {
      buildings: 20,
      opensAt: new Date(now.getTime() - 86_400_000),
      closesAt: new Date(now.getTime() - VOTE_SETTLE_MS - 1000),
    });
    const leader = `bench-${n}-leader`;
    const voted = Math.round(n * 0.75);
    insertInto(
      server,
      'ballots',
      eligible.slice(0, voted).map((e, i) => ({
        _id: `${topicId}:${e.h}`,
        topicId,
        householdId: e.h,
        areaCents: e.a,
        choice: CHOICES[i % CHOICES.length],
        userId: `bench-${n}-u-${i}`,
        castAt: now,
      })),
    );

    // Warm-up (the function instance's first load), then the measured close.
    await call(leader, 'turnout', { topicId });
    const before = server.db.stats();
    const start = performance.now();
    const reply = await call(leader, 'closeVote', { topicId });
    const ms = performance.now() - start;
    const after = server.db.stats();
    if (!reply.ok) throw new Error(`closeVote failed: ${JSON.stringify(reply.error)}`);
    const byAction = Object.entries(after.byAction)
      .map(([a, c]) => [a, c - (before.byAction[a] ?? 0)] as const)
      .filter(([, c]) => c > 0)
      .map(([a, c]) => `${a.replace('database.', '')}×${c}`)
      .join(' ');
    console.log(
      `${String(n).padStart(9)} ${String(voted).padStart(8)} ${ms.toFixed(1).padStart(13)} ${String(after.requests - before.requests).padStart(12)}  ${byAction}  → ${reply.data!.step}`,
    );
  }
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
