/**
 * Benchmark of a check-in (run: npx tsx bench/checkin-bench.ts).
 * Starts the local server in this process (the real function host and bundles), seeds the
 * demo community plus 400 more members, opens an event, and has every member check in once
 * with the event's live QR code through `POST /api/functions/checkin` — the whole path a phone's
 * call takes locally. Prints p50/p95 latency and the database requests each check-in makes
 * (from EmulatorDatabase.stats()), then the same for repeated check-ins (already checked in),
 * and a burst of 100 simultaneous check-ins by one member (one ledger entry).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { roleId } from '../cloudfunctions/_shared/documents';
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import { startServer } from '../emulator/server';
import type { CollectionsFile } from '../emulator/db';

const EXTRA_MEMBERS = 400;
const root = join(__dirname, '..');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main() {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-functions.mjs'), '--quiet'], { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'checkin-bench-'));
  const collections = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as CollectionsFile;
  const server = await startServer({
    port: 0,
    dataDir,
    staticDir: join(root, 'dist', 'h5'),
    functionsDir: join(root, 'cloudfunctions'),
    collections,
  });
  try {
    await seedDemoCommunity('local-dev');
    const now = new Date();
    const users = [];
    const roles = [];
    for (let i = 0; i < EXTRA_MEMBERS; i++) {
      const id = `bench-user-${i}`;
      users.push({
        _id: id,
        openid: `bench-${i}`,
        name: `队员${i}`,
        phone: null,
        avatarUrl: null,
        createdAt: now,
        updatedAt: now,
      });
      roles.push({
        _id: roleId('member', id, 'comm-xingfuli'),
        userId: id,
        kind: 'member',
        communityId: 'comm-xingfuli',
        estateId: null,
        buildingId: null,
        householdId: null,
        councilId: null,
        councilKind: null,
        position: null,
        workUnitId: null,
        memberType: 'retired',
        scopeLabel: '退休党员',
        grantedBy: null,
        grantedAt: now,
      });
    }
    for (const [collection, docs] of [
      ['users', users],
      ['roles', roles],
    ] as const) {
      server.db.handle({
        action: 'database.insertDocument',
        collectionName: collection,
        data: docs.map((d) => EJSON.stringify(d, { relaxed: false })),
      });
    }
    const call = async (openid: string, action: string, data: unknown) => {
      const res = await fetch(`${server.url}/api/functions/checkin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': openid },
        body: JSON.stringify({ action, data }),
      });
      const body = (await res.json()) as {
        ok: boolean;
        data: Record<string, unknown> & { id: string; code: string };
        error?: unknown;
      };
      if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body.error)}`);
      return body.data;
    };
    const event = await call('demo-admin', 'createEvent', {
      communityId: 'comm-xingfuli',
      title: '基准测试主题党日',
      kind: 'party_day',
      place: '社区党群服务中心',
      startAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      endAt: new Date(Date.now() + 3600_000).toISOString(),
    });

    const measure = async (label: string, openids: string[]) => {
      const times: number[] = [];
      let requests = 0;
      for (const openid of openids) {
        const { code } = await call('demo-admin', 'liveCode', { eventId: event.id });
        const requestsBefore = server.db.stats().requests;
        const start = process.hrtime.bigint();
        await call(openid, 'checkIn', { code, eventId: event.id });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        requests += server.db.stats().requests - requestsBefore;
      }
      console.log(
        `${label.padEnd(38)} n=${String(openids.length).padStart(4)}  p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms  DB requests/check-in ${(requests / openids.length).toFixed(1)}`,
      );
    };

    const members = Array.from({ length: EXTRA_MEMBERS }, (_, i) => `bench-${i}`);
    console.log(`node ${process.version}; local server with function host; one client, sequential\n`);
    await measure('first check-in (credits points)', members);
    await measure('repeat check-in (counts once)', members.slice(0, 100));

    const { code } = await call('demo-admin', 'liveCode', { eventId: event.id });
    const started = Date.now();
    const burst = await Promise.all(
      Array.from({ length: 100 }, () => call('demo-member', 'checkIn', { code, eventId: event.id })),
    );
    const awarded = burst.filter((r) => r.alreadyCheckedIn === false).length;
    const ledger = server.db.handle({
      action: 'database.calculateDocument',
      collectionName: 'point_ledger',
      queryType: 'WHERE',
      query: EJSON.stringify({ _id: `checkin:${event.id}:user-member` }),
    }) as { data: { total: number } };
    console.log(
      `\n100 simultaneous check-ins by one member: ${Date.now() - started} ms; ${awarded} credited; ledger entries: ${ledger.data.total}`,
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
