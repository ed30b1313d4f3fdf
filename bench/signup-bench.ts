/**
 * Benchmark of volunteer sign-ups under a burst (run: npx tsx bench/signup-bench.ts [n] [quota]
 * [--profile=<file.cpuprofile>]: the server thread's CPU profile of the burst and the rush;
 * [--warm-bursts=<k>]: k more unmeasured bursts first, see WARM_BURSTS).
 * Starts the local server in-process (freshly built function bundles, temp data directory),
 * seeds the demo community plus `n` residents, then runs two scenarios over HTTP:
 * 1. the burst: one activity, `n` concurrent `volunteer.signUp` calls — verifies exactly `quota`
 *    confirmed, the rest waitlisted, distinct seqs 1..n;
 * 2. the opening rush (issue #13): an activity with 10 confirmed people; 300 sign-ups arrive
 *    while those 10 cancel — verifies every call answered, no timeout, counters and queue lists
 *    equal the documents, confirmed are the first `quota` live sign-ups by seq.
 * The calls are sent over HTTP from one worker thread kept for the whole bench
 * (bench/support/burst-worker.mjs: node:http, each burst on connections of its own, every reply
 * parsed), so the load generator does not share the server's event loop. Both run after a
 * warm-up through the same worker (100 sign-ups and 50 cancellations on another activity, not
 * measured), as on a server that has been running. For each it prints p50/p95/max latency,
 * throughput, timeouts (`function.timeout` replies) and the CPU time the process (all its
 * threads, the load generator's included) spent per call, split by thread (from /proc, Linux:
 * the server's thread, V8's helper threads, the load generator's), and the database requests per
 * call — the figures least disturbed by other work on a shared machine; the last line sums them
 * up.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { Worker } from 'node:worker_threads';
import { seedDemoCommunity } from '../emulator/seed/demo-community';
import { startTestServer } from '../tests/support/in-process-server';
import { inProcess, seedPeople } from './support/crash-seed';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 500);
const QUOTA = Number(args[1] ?? 50);
/** `--profile=<file>`: a CPU profile of the server's thread during the burst and the rush only. */
const PROFILE = process.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
/**
 * `--warm-bursts=<k>`: k more bursts of `n` sign-ups (each on an activity of its own, not
 * measured) before the measured ones — a server warm enough that V8 has stopped optimising (its
 * compilation takes ≈ 0.5 ms a call after the default warm-up and ≈ 0.1–0.2 ms after 8 bursts).
 */
const WARM_BURSTS = Number(process.argv.find((a) => a.startsWith('--warm-bursts='))?.slice(14) ?? 0);

/** CPU time (ms) of each thread of this process now, by thread id (/proc, Linux). */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/**
 * CPU ms a call between two `threadCpuMs` snapshots, by kind of thread: the server's (the main
 * thread: HTTP server, function host, SDK, engine), the load generator's worker, and the
 * helpers — every other thread, in practice V8's platform threads (concurrent optimising
 * compilation, concurrent marking and parallel scavenging); libuv's pool does not run here.
 */
function threadBreakdown(
  loadTid: string | null,
  before: Map<string, number>,
  after: Map<string, number>,
  calls: number,
): { server: number; helpers: number; loadGenerator: number } {
  const ms = { server: 0, helpers: 0, loadGenerator: 0 };
  for (const [tid, now] of after) {
    const kind = tid === String(process.pid) ? 'server' : tid === loadTid ? 'loadGenerator' : 'helpers';
    ms[kind] += now - (before.get(tid) ?? 0);
  }
  return { server: ms.server / calls, helpers: ms.helpers / calls, loadGenerator: ms.loadGenerator / calls };
}

interface Call {
  openid: string;
  fn: string;
  action: string;
  data: unknown;
}
/** A function call's reply envelope, as the bench reads it. */
type Reply = { ok: boolean; data?: { state: string }; error?: { reason?: string } };
/** What the worker posts back for one call. */
interface Sent {
  ms: number;
  status: number;
  body: Reply;
}
interface LoadGenerator {
  /** The worker's thread id (Linux), for the per-thread CPU figures. */
  tid: string | null;
  /** Sends the calls all at once over HTTP; their replies and latencies in call order. */
  send(calls: Call[]): Promise<Sent[]>;
  stop(): Promise<void>;
}

/** The load generator's worker (bench/support/burst-worker.mjs), one for the whole bench. */
async function startLoadGenerator(url: string): Promise<LoadGenerator> {
  const worker = new Worker(join(__dirname, 'support', 'burst-worker.mjs'), { workerData: { url } });
  const next = () =>
    new Promise<{ tid?: string | null; results?: Sent[] }>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (message: { tid?: string | null; results?: Sent[]; error?: string }) => {
        worker.off('error', onError);
        if (message.error) reject(new Error(message.error));
        else resolve(message);
      });
    });
  const tid = (await next()).tid ?? null;
  return {
    tid,
    async send(calls) {
      const reply = next();
      worker.postMessage({ calls });
      return (await reply).results ?? [];
    },
    async stop() {
      await worker.terminate();
    },
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const server = await startTestServer();
  let loadGenerator: LoadGenerator | undefined;
  try {
    await seedDemoCommunity('local-dev', new Date());
    await seedPeople(inProcess(server), N, 0);
    const ids = Array.from({ length: N }, (_, i) => `su-${i}`);
    const generator = await startLoadGenerator(server.url);
    loadGenerator = generator;
    const publish = async (title: string, quota: number) => {
      const start = Date.now() + 86_400_000;
      const published = await server.callAs('demo-admin', 'volunteer', 'publish', {
        communityId: 'comm-xingfuli',
        title,
        category: 'other',
        description: '报名并发压测',
        place: '社区',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 3_600_000).toISOString(),
        signupDeadline: new Date(start - 3_600_000).toISOString(),
        quota,
        pointsPerHour: 5,
        audience: 'everyone',
      });
      return published.body.data.id as string;
    };
    const burst = async (calls: Array<{ id: string; action: 'signUp' | 'cancelSignup'; activityId: string }>) => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const requests0 = server.db.stats().requests;
      const threads0 = threadCpuMs();
      const results = await generator.send(
        calls.map((c) => ({ openid: c.id, fn: 'volunteer', action: c.action, data: { activityId: c.activityId } })),
      );
      const threads1 = threadCpuMs();
      const elapsed = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const byThread = threadBreakdown(generator.tid, threads0, threads1, calls.length);
      const mainMs = byThread.server * calls.length;
      const requests = server.db.stats().requests - requests0;
      // A reply counts as OK only with HTTP 200 and `ok: true`.
      const replies = results.map((r) => (r.status === 200 || !r.body.ok ? r.body : { ...r.body, ok: false }));
      const latencies = results.map((r) => r.ms).sort((x, y) => x - y);
      const timeouts = replies.filter((r) => r.error?.reason === 'function.timeout').length;
      console.log(
        `  wall ${elapsed.toFixed(2)} s, throughput ${(calls.length / elapsed).toFixed(0)} calls/s, CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / calls.length).toFixed(2)} ms a call, all threads)`,
      );
      console.log(
        `  server thread CPU ${mainMs.toFixed(0)} ms (${(mainMs / calls.length).toFixed(2)} ms a call), ${(requests / calls.length).toFixed(2)} database requests a call`,
      );
      console.log(
        `  CPU a call by thread: server ${byThread.server.toFixed(2)} ms, helpers (V8 compiler, GC) ${byThread.helpers.toFixed(2)} ms, load generator ${byThread.loadGenerator.toFixed(2)} ms`,
      );
      console.log(
        `  latency p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${latencies[latencies.length - 1]!.toFixed(0)} ms, timeouts ${timeouts}`,
      );
      return {
        replies,
        timeouts,
        p95: pct(latencies, 95),
        cpuPerCall: cpuMs / calls.length,
        mainPerCall: mainMs / calls.length,
        requestsPerCall: requests / calls.length,
        byThread,
      };
    };
    const signupsOf = (activityId: string) => {
      const stored = server.db.handle({
        action: 'database.getDocument',
        collectionName: 'signups',
        queryType: 'WHERE',
        query: EJSON.stringify({ activityId }, { relaxed: false }),
        limit: 1000,
      }) as { data: { list: string[] } };
      return stored.data.list.map((x) => EJSON.parse(x) as { state: string; seq: number; userId: string });
    };
    const activityOf = (activityId: string) => {
      const stored = server.db.handle({
        action: 'database.getDocument',
        collectionName: 'activities',
        queryType: 'WHERE',
        query: EJSON.stringify({ _id: activityId }, { relaxed: false }),
        limit: 1,
      }) as { data: { list: string[] } };
      return EJSON.parse(stored.data.list[0]!) as {
        quota: number;
        confirmedCount: number;
        waitlistCount: number;
        freeSlots: number;
        nextSeq: number;
        holders: string[];
        waitHead: number;
        waitGone: number[];
      };
    };
    /** Counters and queue lists equal the documents; confirmed = the first `quota` live by seq. */
    const consistent = (activityId: string) => {
      const docs = signupsOf(activityId).sort((x, y) => x.seq - y.seq);
      const a = activityOf(activityId);
      const holders = docs.filter((d) => d.state === 'confirmed').map((d) => d.userId);
      const waiting = docs.filter((d) => d.state === 'waitlisted').map((d) => d.userId);
      const live = docs.filter((d) => d.state === 'confirmed' || d.state === 'waitlisted');
      // The waitlist by the activity's shape (docs/adr/0033): every seq from the head not gone.
      const bySeq = new Map(docs.map((d) => [d.seq, d.userId]));
      const shaped: Array<string | undefined> = [];
      for (let seq = a.waitHead; a.waitlistCount > 0 && seq <= a.nextSeq; seq++) {
        if (!a.waitGone.includes(seq)) shaped.push(bySeq.get(seq));
      }
      return (
        a.confirmedCount === holders.length &&
        a.waitlistCount === waiting.length &&
        a.freeSlots === a.quota - holders.length &&
        JSON.stringify(a.holders) === JSON.stringify(holders) &&
        JSON.stringify(shaped) === JSON.stringify(waiting) &&
        live.slice(0, a.quota).every((d) => d.state === 'confirmed') &&
        (waiting.length === 0 || holders.length === a.quota)
      );
    };

    // A server that has run for a while: the functions' code paths compiled, the SDK's sockets
    // open. 100 sign-ups and cancellations on another activity, not measured.
    // The load generator's own code is warmed by the same calls.
    const warmId = await publish('预热活动', 20);
    const warm = (action: 'signUp' | 'cancelSignup', from: string[]) =>
      generator.send(from.map((openid) => ({ openid, fn: 'volunteer', action, data: { activityId: warmId } })));
    await warm('signUp', ids.slice(0, 100));
    await warm('cancelSignup', ids.slice(0, 50));
    for (let k = 0; k < WARM_BURSTS; k++) {
      const activityId = await publish(`预热活动 ${k + 2}`, QUOTA);
      const replies = await generator.send(
        ids.map((openid) => ({ openid, fn: 'volunteer', action: 'signUp', data: { activityId } })),
      );
      if (replies.some((r) => r.status !== 200 || !r.body.ok)) throw new Error(`warm-up burst ${k + 1} failed`);
    }
    if (WARM_BURSTS > 0) console.log(`warm-up: ${WARM_BURSTS} more bursts of ${N} sign-ups (not measured)`);

    const session = PROFILE ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }

    // 1. the burst
    const activityId = await publish('压测志愿活动', QUOTA);
    console.log(`volunteer.signUp burst: ${N} concurrent sign-ups, quota ${QUOTA}`);
    const one = await burst(ids.map((id) => ({ id, action: 'signUp' as const, activityId })));
    const failed = one.replies.filter((r) => !r.ok);
    const confirmed = one.replies.filter((r) => r.data?.state === 'confirmed').length;
    const waitlisted = one.replies.filter((r) => r.data?.state === 'waitlisted').length;
    const docs = signupsOf(activityId);
    const seqs = docs.map((d) => d.seq).sort((x, y) => x - y);
    const distinct = seqs.every((seq, i) => seq === i + 1);
    const storedConfirmed = docs.filter((d) => d.state === 'confirmed').length;
    console.log(`  replies: ${confirmed} confirmed, ${waitlisted} waitlisted, ${failed.length} failed`);
    const ok =
      failed.length === 0 && docs.length === N && storedConfirmed === QUOTA && distinct && consistent(activityId);
    console.log(
      `  invariant (exactly ${QUOTA} confirmed, seqs 1..${N} distinct, counters and lists = documents): ${ok ? 'OK' : 'VIOLATED'}`,
    );

    // 2. the opening rush: 300 sign-ups while the 10 confirmed cancel
    const RUSH = Math.min(300, N - 10);
    const rushId = await publish('开放报名压测', QUOTA);
    const early = ids.slice(0, 10);
    for (const id of early) await server.callAs(id, 'volunteer', 'signUp', { activityId: rushId });
    console.log(
      `volunteer opening rush: ${RUSH} sign-ups while ${early.length} confirmed people cancel, quota ${QUOTA}`,
    );
    const rushCalls = [
      ...ids.slice(10, 10 + RUSH).map((id) => ({ id, action: 'signUp' as const, activityId: rushId })),
      ...early.map((id) => ({ id, action: 'cancelSignup' as const, activityId: rushId })),
    ];
    const two = await burst(rushCalls);
    if (session && PROFILE) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify(profile));
      session.disconnect();
      console.log(`  CPU profile of the server's thread (burst and rush): ${PROFILE}`);
    }
    const rushFailed = two.replies.filter((r) => !r.ok);
    const rushOk = rushFailed.length === 0 && consistent(rushId);
    console.log(
      `  replies: ${two.replies.length - rushFailed.length} answered OK, ${rushFailed.length} failed; counters and lists = documents, first ${QUOTA} by seq confirmed: ${rushOk ? 'OK' : 'VIOLATED'}`,
    );
    if (!ok || !rushOk || one.timeouts + two.timeouts > 0) process.exitCode = 1;
    console.log(
      `signup-bench: burst p95 ${one.p95.toFixed(0)} ms, rush p95 ${two.p95.toFixed(0)} ms, CPU a call ${one.cpuPerCall.toFixed(2)} / ${two.cpuPerCall.toFixed(2)} ms (server thread ${one.mainPerCall.toFixed(2)} / ${two.mainPerCall.toFixed(2)} ms, helpers ${one.byThread.helpers.toFixed(2)} / ${two.byThread.helpers.toFixed(2)} ms, load generator ${one.byThread.loadGenerator.toFixed(2)} / ${two.byThread.loadGenerator.toFixed(2)} ms), requests a call ${one.requestsPerCall.toFixed(2)} / ${two.requestsPerCall.toFixed(2)}, timeouts ${one.timeouts + two.timeouts}, ${ok && rushOk ? 'invariants OK' : 'invariants VIOLATED'}`,
    );
  } finally {
    await loadGenerator?.stop();
    await server.stop();
  }
}

void main();
