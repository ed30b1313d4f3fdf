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
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VOTE_SETTLE_MS } from '../cloudfunctions/deliberation/src/store';
import type { CollectionsFile } from '../emulator/db';
import { encodeValue } from '../emulator/db/ejson-codec';
import { startServer } from '../emulator/server';

const root = resolve(__dirname, '..');
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = arg('sizes', '500,2000').split(',').map(Number);
const CHOICES = ['agree', 'agree', 'agree', 'oppose', 'abstain'] as const;

async function main(): Promise<void> {
  const { buildFunctions } = (await import(join(root, 'scripts', 'build-functions.mjs'))) as {
    buildFunctions: () => Promise<unknown>;
  };
  try {
    await buildFunctions();
  } catch (error) {
    // Another area's half-finished bundle must not stop this bench: the deliberation bundle
    // built before (or by the tests) is used then.
    console.warn('[bench] building all functions failed; using the existing bundles', String(error).split('\n')[0]);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'close-vote-bench-'));
  const collections = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as CollectionsFile;
  const server = await startServer({
    port: 0,
    dataDir,
    staticDir: join(root, 'dist', 'h5'),
    functionsDir: join(root, 'cloudfunctions'),
    collections,
  });
  const insert = (collection: string, docs: object[]) => {
    for (let i = 0; i < docs.length; i += 1000) {
      const reply = server.db.handle({
        action: 'database.insertDocument',
        collectionName: collection,
        data: docs.slice(i, i + 1000).map((d) => encodeValue(d)),
      });
      if (reply['code']) throw new Error(`seed failed: ${String(reply['message'])}`);
    }
  };
  const call = async (openid: string, action: string, data: unknown) => {
    const res = await fetch(`${server.url}/api/functions/deliberation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': openid },
      body: JSON.stringify({ action, data }),
    });
    return (await res.json()) as { ok: boolean; data?: { step: string; vote: { tally: unknown } }; error?: unknown };
  };
  const role = (userId: string, kind: string, comm: string, extra: Record<string, unknown>) => ({
    _id: `${kind}:${userId}:${String(extra.householdId ?? extra.estateId ?? comm)}`,
    userId,
    kind,
    communityId: comm,
    estateId: null,
    buildingId: null,
    householdId: null,
    councilId: null,
    councilKind: null,
    position: null,
    workUnitId: null,
    memberType: null,
    scopeLabel: '',
    grantedBy: null,
    grantedAt: new Date(),
    ...extra,
  });

  console.log(
    `${'eligible'.padStart(9)} ${'ballots'.padStart(8)} ${'closeVote ms'.padStart(13)} ${'db requests'.padStart(12)}  by action`,
  );
  for (const n of SIZES) {
    const comm = `bench-${n}`;
    const estate = `${comm}-estate`;
    const now = new Date();
    const households = Array.from({ length: n }, (_, i) => ({
      _id: `${comm}-hh-${i}`,
      communityId: comm,
      estateId: estate,
      buildingId: `${comm}-bld-${i % 20}`,
      room: `${i % 20}-${100 + i}`,
      floorArea: 60 + ((i * 37) % 90) + 0.25,
      isPartyCenter: false,
      createdAt: now,
      updatedAt: now,
    }));
    const users = [
      {
        _id: `${comm}-leader`,
        openid: `${comm}-leader`,
        name: '书记',
        phone: null,
        avatarUrl: null,
        createdAt: now,
        updatedAt: now,
      },
      ...households.map((_h, i) => ({
        _id: `${comm}-u-${i}`,
        openid: `${comm}-u-${i}`,
        name: `居民${i}`,
        phone: null,
        avatarUrl: null,
        createdAt: now,
        updatedAt: now,
      })),
    ];
    insert('households', households);
    insert('users', users);
    insert('roles', [
      role(`${comm}-leader`, 'estate_leader', comm, { estateId: estate }),
      ...households.map((h, i) =>
        role(`${comm}-u-${i}`, 'resident', comm, { estateId: estate, buildingId: h.buildingId, householdId: h._id }),
      ),
    ]);
    const eligible = households.map((h) => ({ h: h._id, a: Math.round(h.floorArea * 100) }));
    const topicId = `${comm}-topic`;
    // Closed longer ago than the settle period, so the close may run at once.
    const past = new Date(now.getTime() - VOTE_SETTLE_MS - 1000);
    insert('topics', [
      {
        _id: topicId,
        communityId: comm,
        estateId: estate,
        buildingId: null,
        scopeLabel: '测试小区',
        title: '测试议题',
        background: '',
        photos: [],
        collectEndsAt: past,
        leaderId: `${comm}-leader`,
        leaderName: '书记',
        step: 'vote',
        rev: 3,
        proposals: [],
        vote: {
          rule: 'civil_ordinary',
          opensAt: new Date(now.getTime() - 86_400_000),
          closesAt: past,
          eligible,
          eligibleHouseholds: n,
          eligibleAreaCents: eligible.reduce((s, e) => s + e.a, 0),
          tally: null,
        },
        voteClosesAt: past,
        notice: null,
        openObjections: 0,
        execution: null,
        evaluation: null,
        evaluationEndsAt: null,
        endedReason: null,
        history: [],
        openedAt: past,
        updatedAt: past,
      },
    ]);
    const voted = Math.round(n * 0.75);
    insert(
      'ballots',
      eligible.slice(0, voted).map((e, i) => ({
        _id: `${topicId}:${e.h}`,
        topicId,
        householdId: e.h,
        areaCents: e.a,
        choice: CHOICES[i % CHOICES.length],
        userId: `${comm}-u-${i}`,
        castAt: now,
      })),
    );

    // Warm-up (the function instance's first load), then the measured close.
    await call(`${comm}-leader`, 'turnout', { topicId });
    const before = server.db.stats();
    const start = performance.now();
    const reply = await call(`${comm}-leader`, 'closeVote', { topicId });
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
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
