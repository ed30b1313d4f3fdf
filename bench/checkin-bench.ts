/**
 * Benchmark of a check-in (run: npx tsx bench/checkin-bench.ts).
 * Starts the local server in this process (the real function host and bundles), seeds the
 * demo community plus 400 more members, opens an event, and has every member check in once
 * with the event's live QR code through `POST /api/functions/checkin` — the whole path a phone's
 * call takes locally. Prints p50/p95 latency and the database requests each check-in makes
 * (from EmulatorDatabase.stats()), then the same for repeated check-ins (already checked in),
 * and a burst of 100 simultaneous check-ins by one member (one ledger entry).
 */
import { EJSON } from 'bson';
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import { startTestServer } from '../tests/support/in-process-server';
import { inProcess, seedPeople } from './support/crash-seed';

const EXTRA_MEMBERS = 400;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main() {
  const server = await startTestServer();
  try {
    // Opened a day ago: the event starts 10 minutes ago, and none may start before the community opened.
    await seedDemoCommunity('local-dev', new Date(Date.now() - 86_400_000));
    await seedPeople(inProcess(server), 0, EXTRA_MEMBERS);
    const call = async (openid: string, action: string, data: unknown) => {
      const { body } = await server.callAs(openid, 'checkin', action, data);
      if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body.error)}`);
      return body.data as Record<string, unknown> & { id: string; code: string };
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

    const members = Array.from({ length: EXTRA_MEMBERS }, (_, i) => `mb-${i}`);
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
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
