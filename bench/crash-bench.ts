/**
 * Crash benchmark (run: npx tsx bench/crash-bench.ts [rounds] [--cancels=20];
 * default 1 round, about 1–2 minutes).
 * Each round starts the real local server (emulator/main.ts, as `npm start` runs it, timers off)
 * as a detached child on a fresh data directory, then, for each of four bursts — sign-ups (with
 * cancellations of confirmed places), `wish.claim` (two members per wish), ballots (two residents
 * in some households) and check-ins (some members scanning twice) — fires all calls at once over
 * HTTP, `kill -9`s the server's whole process group mid-burst (once a random 10–90 % of the
 * calls are answered, plus 0–50 ms, or 5 s in), restarts it on the same data directory, retries
 * every unanswered call once (all at once), waits until the data stops changing (a call answered
 * `function.timeout` may still run) and reads the database back through the admin protocol:
 * - every OK reply is reflected in the data (sign-up with its state, claim held, ballot stored
 *   and its participation credit in the ledger, check-in stored and credited);
 * - no `pending` record anywhere;
 * - counters = documents (activity nextSeq/freeSlots/confirmedCount/waitlistCount and queue
 *   order; event checkedInCount); every balance = the sum of its ledger entries;
 * - each retried call ends with exactly one outcome: OK, or a declared refusal that proves the
 *   first attempt landed (the data then shows exactly one record, one credit) or that another
 *   caller won the race; an INTERNAL answer (function.timeout, internal.unexpected) is no
 *   outcome and fails the run.
 * A free slot left with a waitlist (a crash between a cancellation's commit and its promotion)
 * must be settled by the next request that meets it: the bench makes one `volunteer.get`.
 * A claimed wish whose poster was never told is reported as a note, not a failure.
 * Prints a line per burst and a one-line verdict; exits 1 on FAIL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminDb, call, mustCall, type Outcome } from '../tests/support/server-client';
import { startServer, type RunningServer } from './support/crash-server';
import { COMMUNITY, seedBallotTopic, seedPeople, seedWishes } from './support/crash-seed';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const option = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const ROUNDS = Number(positional[0] ?? 1);
const SIGNUPS = 200;
/** Confirmed people who cancel during the sign-up burst (`--cancels=0`: sign-ups only). */
const CANCELS = option('cancels', 20);
const QUOTA = 50;
const WISHES = 50;
const HOUSEHOLDS = 60;
const SECOND_VOTERS = 20;
const CHECKINS = 100;
const REPEAT_SCANS = 20;
const PLACE_STATES = new Set(['confirmed', 'checked_in', 'completed', 'no_show']);

interface Planned {
  openid: string;
  fn: string;
  action: string;
  data: Record<string, unknown>;
}

interface Fired {
  plan: Planned;
  first: Outcome;
  /** The outcome of the one retry, for a call the kill left unanswered. */
  retry: Outcome | null;
}

type Kind = 'lost' | 'pending' | 'counter' | 'balance' | 'outcome' | 'data';

interface BurstReport {
  calls: number;
  killAtMs: number;
  answeredBeforeKill: number;
  unanswered: number;
  retried: Record<string, number>;
  /** What broke, each with its kind (the verdict counts them by kind). */
  failures: Array<{ kind: Kind; text: string; call?: Fired | undefined }>;
  notes: string[];
  lostOk: number;
}

/** Records what broke; `call` names the call it is about (the verdict counts calls, not messages). */
function fail(report: BurstReport, kind: Kind, text: string, call?: Fired): void {
  report.failures.push({ kind, text, call });
  if (kind === 'lost') report.lostOk++;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const shuffle = <T>(xs: T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};
const label = (o: Outcome | null) =>
  !o ? '-' : o.kind === 'ok' ? 'OK' : o.kind === 'refused' ? o.error.reason : `unanswered(${o.why})`;
/** The outcome that stands for a call: the retry's if it was retried, else the first. */
const final = (f: Fired): Outcome => f.retry ?? f.first;

class Round {
  server!: RunningServer;
  db!: AdminDb;
  readonly activities: string[] = [];
  readonly events: string[] = [];
  readonly logs: string[] = [];

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    this.server = await startServer(this.dataDir);
    this.db = new AdminDb(this.server.url, this.server.token);
  }

  /**
   * Fires every planned call at once and kills the server mid-burst — once `killAfter` of the
   * calls are answered (a random share), plus up to 50 ms — or `maxMs` into the burst, whichever
   * is first; restarts it on the same data and retries each unanswered call once (all retries at
   * once, with `retryData` if given).
   */
  async burst(
    plans: Planned[],
    retryData?: (plan: Planned) => Promise<Record<string, unknown>>,
    afterRestart?: () => Promise<void>,
    maxMs = 5_000,
  ): Promise<{ fired: Fired[]; answeredBeforeKill: number; killAtMs: number }> {
    const killAfter = randomInt(Math.ceil(plans.length * 0.1), Math.floor(plans.length * 0.9));
    let answered = 0;
    let reached: () => void = () => undefined;
    const enough = new Promise<void>((r) => (reached = r));
    const url = this.server.url;
    const t0 = Date.now();
    const pending = plans.map(async (plan) => {
      const out = await call(url, plan.openid, plan.fn, plan.action, plan.data);
      if (out.kind !== 'unanswered' && ++answered >= killAfter) reached();
      return out;
    });
    await Promise.race([enough, sleep(maxMs)]);
    await sleep(randomInt(0, 50));
    const killAtMs = Date.now() - t0;
    const answeredBeforeKill = answered;
    await this.server.kill9();
    this.logs.push(this.server.log());
    const firsts = await Promise.all(pending);
    await this.start();
    await afterRestart?.();
    const fired = await Promise.all(
      plans.map(async (plan, i): Promise<Fired> => {
        const first = firsts[i]!;
        if (first.kind !== 'unanswered') return { plan, first, retry: null };
        const data = retryData ? await retryData(plan) : plan.data;
        return { plan, first, retry: await call(this.server.url, plan.openid, plan.fn, plan.action, data) };
      }),
    );
    await this.quiesce();
    return { fired, answeredBeforeKill, killAtMs };
  }

  /** The error lines the servers of this round printed so far (killed ones and the running one). */
  errors(): string[] {
    const text = [...this.logs, this.server.log()].join('\n');
    return text.split('\n').filter((l) => /error|Error|undeclared/.test(l));
  }

  /**
   * Waits until the data stops changing (a call answered `function.timeout` may still run in
   * the server): the documents the bench checks are read every 500 ms until two readings 1.5 s
   * apart agree, for at most 60 s. Returns how long it waited.
   */
  async quiesce(): Promise<number> {
    const t0 = Date.now();
    const reading = async () =>
      JSON.stringify([
        await Promise.all(this.activities.map((id) => this.db.get('activities', id))),
        await Promise.all(this.events.map((id) => this.db.get('events', id))),
        await Promise.all(
          ['signups', 'wishes', 'ballots', 'checkins', 'point_ledger', 'point_balances', 'messages'].map((c) =>
            this.db.count(c),
          ),
        ),
      ]);
    let last = await reading();
    let since = Date.now();
    while (Date.now() - since < 1500 && Date.now() - t0 < 60_000) {
      await sleep(500);
      const now = await reading();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
    }
    return Date.now() - t0;
  }

  /** Checks that hold across the whole data directory after every burst. */
  async global(report: BurstReport): Promise<void> {
    const pendingSignups = await this.db.find('signups', { pending: true });
    if (pendingSignups.length > 0) fail(report, 'pending', `${pendingSignups.length} pending sign-ups`);
    const pendingCredits = await this.db.find('wishes', { creditPending: true });
    if (pendingCredits.length > 0) fail(report, 'pending', `${pendingCredits.length} wishes with creditPending`);

    const ledger = await this.db.find('point_ledger');
    const balances = await this.db.find('point_balances');
    const sums = new Map<string, number>();
    for (const e of ledger) {
      const key = `${String(e['communityId'])}:${String(e['userId'])}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(e['amount']));
    }
    const seen = new Set<string>();
    for (const b of balances) {
      seen.add(b._id);
      if (Number(b['balance']) !== (sums.get(b._id) ?? 0)) {
        fail(report, 'balance', `balance ${b._id} is ${String(b['balance'])}, ledger sums to ${sums.get(b._id) ?? 0}`);
      }
    }
    for (const [key, sum] of sums) if (!seen.has(key) && sum !== 0) fail(report, 'balance', `no balance for ${key}`);

    for (const id of this.activities) await this.checkActivity(id, report);
    for (const id of this.events) {
      const event = await this.db.get('events', id);
      const docs = await this.db.find('checkins', { eventId: id });
      if (Number(event?.['checkedInCount']) !== docs.length) {
        fail(
          report,
          'counter',
          `event ${id}: checkedInCount ${String(event?.['checkedInCount'])} vs ${docs.length} check-ins`,
        );
      }
    }
  }

  async checkActivity(id: string, report: BurstReport): Promise<void> {
    const load = async () => ({
      activity: (await this.db.get('activities', id))!,
      signups: await this.db.find('signups', { activityId: id }),
    });
    let { activity, signups } = await load();
    const stalled = () =>
      !activity['cancelled'] && Number(activity['freeSlots']) > 0 && Number(activity['waitlistCount']) > 0;
    if (stalled()) {
      // A crash between a cancellation's commit and its promotion leaves a free slot while
      // someone waits; the next request that meets it (any get) must settle it.
      await call(this.server.url, 'demo-admin', 'volunteer', 'get', { activityId: id });
      ({ activity, signups } = await load());
      report.notes.push(`activity ${id}: free slot with a waitlist after the crash, settled by the next get`);
      if (stalled())
        fail(report, 'counter', `activity ${id}: still a free slot while ${String(activity['waitlistCount'])} wait`);
    }
    const places = signups.filter((s) => PLACE_STATES.has(String(s['state'])));
    const waiting = signups.filter((s) => s['state'] === 'waitlisted');
    const seqs = signups.map((s) => Number(s['seq']));
    const maxSeq = Math.max(0, ...seqs);
    const want = {
      confirmedCount: places.length,
      waitlistCount: waiting.length,
      freeSlots: Number(activity['quota']) - places.length,
    };
    for (const [k, v] of Object.entries(want)) {
      if (Number(activity[k]) !== v)
        fail(report, 'counter', `activity ${id}: ${k} ${String(activity[k])} vs ${v} by documents`);
    }
    if (Number(activity['nextSeq']) < maxSeq) {
      fail(report, 'counter', `activity ${id}: nextSeq ${String(activity['nextSeq'])} below the highest seq ${maxSeq}`);
    }
    if (new Set(seqs).size !== seqs.length) fail(report, 'counter', `activity ${id}: two sign-ups share a seq`);
    const lastPlace = Math.max(0, ...places.map((s) => Number(s['seq'])));
    const firstWaiting = Math.min(Infinity, ...waiting.map((s) => Number(s['seq'])));
    if (waiting.length > 0 && lastPlace > firstWaiting) {
      fail(report, 'counter', `activity ${id}: confirmed seq ${lastPlace} after waitlisted seq ${firstWaiting}`);
    }
  }
}

function newReport(fired: Fired[], killAtMs: number, answeredBeforeKill: number): BurstReport {
  const retried: Record<string, number> = {};
  for (const f of fired) if (f.retry) retried[label(f.retry)] = (retried[label(f.retry)] ?? 0) + 1;
  const report: BurstReport = {
    calls: fired.length,
    killAtMs,
    answeredBeforeKill,
    unanswered: fired.filter((f) => f.retry).length,
    retried,
    failures: [],
    notes: [],
    lostOk: 0,
  };
  for (const f of fired) {
    if (f.retry?.kind === 'unanswered')
      fail(report, 'outcome', `retry of ${f.plan.action} by ${f.plan.openid} unanswered`, f);
    for (const o of [f.first, f.retry]) {
      if (o?.kind === 'refused' && (o.error.code === 'INTERNAL' || o.error.reason === 'function.timeout')) {
        fail(report, 'outcome', `${f.plan.action} by ${f.plan.openid} answered ${o.error.code} ${o.error.reason}`, f);
      }
    }
  }
  return report;
}

/** A refusal the bench did not expect for this call (the reason), or null. */
function unexpected(f: Fired, allowed: string[]): string | null {
  const o = final(f);
  if (o.kind === 'ok') return null;
  if (o.kind === 'refused' && allowed.includes(o.error.reason)) return null;
  return `${f.plan.action} by ${f.plan.openid}: first ${label(f.first)}, retry ${label(f.retry)}`;
}

async function signupBurst(round: Round, r: number): Promise<BurstReport> {
  const url = round.server.url;
  const start = Date.now() + 86_400_000;
  const activity = await mustCall(url, 'demo-admin', 'volunteer', 'publish', {
    communityId: COMMUNITY,
    title: `崩溃压测活动${r}`,
    category: 'other',
    description: '报名崩溃压测',
    place: '社区',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 3_600_000).toISOString(),
    signupDeadline: new Date(start - 3_600_000).toISOString(),
    quota: QUOTA,
    pointsPerHour: 5,
    audience: 'everyone',
  });
  const activityId = String(activity['id']);
  round.activities.push(activityId);
  for (let i = 0; i < CANCELS; i++) await mustCall(url, `su-${i}`, 'volunteer', 'signUp', { activityId });
  const plans = shuffle([
    ...Array.from({ length: CANCELS }, (_, i) => ({ openid: `su-${i}`, action: 'cancelSignup' })),
    ...Array.from({ length: SIGNUPS }, (_, i) => ({ openid: `su-${CANCELS + i}`, action: 'signUp' })),
  ]).map((p) => ({ ...p, fn: 'volunteer', data: { activityId } }));
  let left = '';
  const { fired, answeredBeforeKill, killAtMs } = await round.burst(plans, undefined, async () => {
    // What the crash left, before any retry meets it.
    const a = (await round.db.get('activities', activityId))!;
    left = `after the restart: ${String(a['freeSlots'])} free slots, ${String(a['waitlistCount'])} waiting`;
  });
  const report = newReport(fired, killAtMs, answeredBeforeKill);
  report.notes.push(left);

  const docs = new Map((await round.db.find('signups', { activityId })).map((d) => [String(d['userId']), d]));
  for (const f of fired) {
    const doc = docs.get(`user-${f.plan.openid}`);
    const state = String(doc?.['state'] ?? 'none');
    const o = final(f);
    const bad = unexpected(f, f.plan.action === 'signUp' ? ['signup.exists'] : ['signup.not-active']);
    if (bad) fail(report, 'outcome', bad, f);
    if (f.plan.action === 'signUp') {
      const live = state === 'waitlisted' || PLACE_STATES.has(state);
      if (o.kind === 'ok') {
        const replied = String(o.data['state']);
        const ok = replied === 'confirmed' ? state === 'confirmed' : live;
        if (!ok) {
          fail(report, 'lost', `signUp OK (${replied}) for ${f.plan.openid}, stored: ${state}`, f);
        }
      } else if (o.kind === 'refused' && o.error.reason === 'signup.exists' && !live) {
        fail(report, 'outcome', `retry of signUp for ${f.plan.openid} said signup.exists, stored: ${state}`, f);
      }
      if (o.kind === 'refused' && f.retry === null)
        fail(report, 'outcome', `signUp for ${f.plan.openid} refused at once`, f);
    } else {
      if (o.kind === 'ok' && state !== 'cancelled') {
        fail(report, 'lost', `cancelSignup OK for ${f.plan.openid}, stored: ${state}`, f);
      } else if (o.kind === 'refused' && state !== 'cancelled') {
        fail(report, 'outcome', `cancelSignup for ${f.plan.openid} refused ${o.error.reason}, stored: ${state}`, f);
      }
    }
  }
  const called = new Set(fired.map((f) => `user-${f.plan.openid}`));
  for (const userId of docs.keys()) {
    if (!called.has(userId) && !/^user-su-\d+$/.test(userId)) fail(report, 'data', `sign-up of uninvolved ${userId}`);
  }
  return report;
}

async function claimBurst(round: Round, r: number): Promise<BurstReport> {
  const wishes = await seedWishes(round.db, `crash-wish-${r}`, WISHES);
  const plans = shuffle(
    wishes.flatMap((wishId, i) =>
      [2 * i, 2 * i + 1].map((m) => ({ openid: `mb-${m}`, fn: 'wish', action: 'claim', data: { wishId } })),
    ),
  );
  const { fired, answeredBeforeKill, killAtMs } = await round.burst(plans);
  const report = newReport(fired, killAtMs, answeredBeforeKill);

  const stored = new Map((await round.db.find('wishes', { _id: { $in: wishes } })).map((w) => [w._id, w]));
  const oks = new Map<string, string[]>();
  for (const f of fired) {
    const wishId = String(f.plan.data['wishId']);
    const wish = stored.get(wishId)!;
    const me = `user-${f.plan.openid}`;
    const o = final(f);
    const bad = unexpected(f, ['wish.already-claimed', 'wish.illegal-move']);
    if (bad) fail(report, 'outcome', bad, f);
    if (o.kind === 'ok') {
      oks.set(wishId, [...(oks.get(wishId) ?? []), me]);
      if (wish['claimerId'] !== me) {
        fail(report, 'lost', `claim OK for ${me} on ${wishId}, stored claimer: ${String(wish['claimerId'])}`, f);
      }
    } else if (o.kind === 'refused') {
      if (f.retry === null && o.error.reason !== 'wish.already-claimed') {
        fail(report, 'outcome', `claim by ${me} on ${wishId} refused at once: ${o.error.reason}`, f);
      }
      // Another member's claim holds, or (a retry only) the first attempt landed.
      const holds = wish['claimerId'] === me;
      if (o.error.reason === 'wish.already-claimed' && holds) {
        fail(report, 'outcome', `claim by ${me} on ${wishId} answered already-claimed, but ${me} holds it`, f);
      }
      if (o.error.reason === 'wish.illegal-move' && !holds) {
        fail(
          report,
          'outcome',
          `retry of claim by ${me} on ${wishId} answered illegal-move, claimer: ${String(wish['claimerId'])}`,
          f,
        );
      }
    }
  }
  for (const [wishId, wish] of stored) {
    const claimed = wish['state'] === 'claimed';
    const timeline = (wish['timeline'] as unknown[]).length;
    if ((oks.get(wishId)?.length ?? 0) > 1) fail(report, 'data', `wish ${wishId}: two claims answered OK`);
    if (claimed !== (wish['claimerId'] !== null)) fail(report, 'data', `wish ${wishId}: state and claimer disagree`);
    if (claimed && (Number(wish['claimSeq']) !== 1 || timeline !== 1)) {
      fail(report, 'data', `wish ${wishId}: claimed ${String(wish['claimSeq'])} times, ${timeline} timeline entries`);
    }
    if (!claimed && timeline !== 0)
      fail(report, 'data', `wish ${wishId}: ${timeline} timeline entries but not claimed`);
    if (claimed) {
      const claimer = String(wish['claimerId']);
      const answered = fired.some(
        (f) =>
          `user-${f.plan.openid}` === claimer &&
          f.plan.data['wishId'] === wishId &&
          (final(f).kind === 'ok' || (final(f).kind === 'refused' && label(final(f)) === 'wish.illegal-move')),
      );
      if (!answered) fail(report, 'outcome', `wish ${wishId}: claimed by ${claimer}, who was never told so`);
    } else if (fired.some((f) => f.plan.data['wishId'] === wishId)) {
      report.notes.push(`wish ${wishId} unclaimed after its burst`);
    }
    if (claimed && !(await round.db.get('messages', `wish:${wishId}:claimed:1`))) {
      report.notes.push(`wish ${wishId}: claimed, its poster's notice lost (a crash between the move and the notice)`);
    }
  }
  return report;
}

async function ballotBurst(round: Round, r: number): Promise<BurstReport> {
  const setup = await seedBallotTopic(round.db, `crash-comm-${r}`, HOUSEHOLDS, SECOND_VOTERS);
  const choices = ['agree', 'oppose', 'abstain'];
  const plans = shuffle(
    setup.voters.map((v) => ({
      openid: v.openid,
      fn: 'deliberation',
      action: 'castBallot',
      data: { topicId: setup.topicId, choice: choices[randomInt(0, 2)]! },
    })),
  );
  const { fired, answeredBeforeKill, killAtMs } = await round.burst(plans);
  const report = newReport(fired, killAtMs, answeredBeforeKill);

  const ballots = new Map(
    (await round.db.find('ballots', { topicId: setup.topicId })).map((b) => [String(b['householdId']), b]),
  );
  const credits = await round.db.find('point_ledger', { sourceId: setup.topicId, reason: 'deliberation' });
  const creditOf = new Map(credits.map((e) => [String(e['userId']), e]));
  const voterOf = new Map(setup.voters.map((v) => [v.openid, v]));
  const oks = new Map<string, number>();
  for (const f of fired) {
    const voter = voterOf.get(f.plan.openid)!;
    const ballot = ballots.get(voter.householdId);
    const mine = ballot?.['userId'] === voter.userId;
    const o = final(f);
    const bad = unexpected(f, ['ballot.household-voted']);
    if (bad) fail(report, 'outcome', bad, f);
    if (o.kind === 'ok') {
      oks.set(voter.householdId, (oks.get(voter.householdId) ?? 0) + 1);
      if (!mine || !creditOf.has(voter.userId)) {
        fail(
          report,
          'lost',
          `ballot OK for ${voter.userId}: stored ballot ${mine ? 'yes' : 'no'}, credit ${creditOf.has(voter.userId) ? 'yes' : 'no'}`,
          f,
        );
      }
    } else if (mine) {
      if (f.retry === null) fail(report, 'outcome', `ballot of ${voter.userId} stored, but refused at once`, f);
    }
    if (mine && !(o.kind === 'ok' || label(o) === 'ballot.household-voted')) {
      fail(report, 'outcome', `ballot of ${voter.userId} stored, answered ${label(o)}`, f);
    }
  }
  for (const [hh, n] of oks) if (n > 1) fail(report, 'data', `household ${hh}: ${n} ballots answered OK`);
  const voters = new Set([...ballots.values()].map((b) => String(b['userId'])));
  for (const userId of voters)
    if (!creditOf.has(userId)) fail(report, 'data', `ballot of ${userId} without its credit`);
  for (const userId of creditOf.keys())
    if (!voters.has(userId)) fail(report, 'data', `credit of ${userId} without a ballot`);
  if (credits.length !== creditOf.size) fail(report, 'data', `a voter credited twice for one topic`);
  return report;
}

async function checkinBurst(round: Round, r: number): Promise<BurstReport> {
  const url = round.server.url;
  const event = await mustCall(url, 'demo-admin', 'checkin', 'createEvent', {
    communityId: COMMUNITY,
    title: `崩溃压测党日${r}`,
    kind: 'party_day',
    place: '社区党群服务中心',
    // Check-in opens before the start; the start may not precede the community's opening.
    startAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    endAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  const eventId = String(event['id']);
  round.events.push(eventId);
  const { code } = await mustCall(url, 'demo-admin', 'checkin', 'liveCode', { eventId });
  const plans = shuffle(
    [...Array.from({ length: CHECKINS }, (_, i) => i), ...Array.from({ length: REPEAT_SCANS }, (_, i) => i)].map(
      (i) => ({ openid: `mb-${i}`, fn: 'checkin', action: 'checkIn', data: { code, eventId } }),
    ),
  );
  let fresh: Promise<Record<string, unknown>> | null = null;
  const retryData = async () => {
    // A phone rescans the code shown now (the one scanned before may have expired meanwhile).
    fresh ??= mustCall(round.server.url, 'demo-admin', 'checkin', 'liveCode', { eventId });
    return { code: (await fresh)['code'], eventId };
  };
  const { fired, answeredBeforeKill, killAtMs } = await round.burst(plans, retryData);
  const report = newReport(fired, killAtMs, answeredBeforeKill);

  const docs = new Map((await round.db.find('checkins', { eventId })).map((d) => [String(d['userId']), d]));
  const credits = await round.db.find('point_ledger', { sourceId: eventId, reason: 'checkin' });
  const creditOf = new Map(credits.map((e) => [String(e['userId']), e]));
  const firstAnswers = new Map<string, number>();
  const answeredOk = new Set<string>();
  for (const f of fired) {
    const me = `user-${f.plan.openid}`;
    const o = final(f);
    const bad = unexpected(f, []);
    if (bad) fail(report, 'outcome', bad, f);
    if (o.kind !== 'ok') continue;
    answeredOk.add(me);
    if (o.data['alreadyCheckedIn'] === false) firstAnswers.set(me, (firstAnswers.get(me) ?? 0) + 1);
    if (!docs.has(me) || !creditOf.has(me)) {
      fail(
        report,
        'lost',
        `check-in OK for ${me}: stored ${docs.has(me) ? 'yes' : 'no'}, credited ${creditOf.has(me) ? 'yes' : 'no'}`,
        f,
      );
    }
    if (o.data['alreadyCheckedIn'] === true && Number(o.data['pointsAwarded']) !== 0) {
      fail(report, 'outcome', `repeat check-in of ${me} awarded ${String(o.data['pointsAwarded'])} points`, f);
    }
  }
  for (const [me, n] of firstAnswers) if (n > 1) fail(report, 'outcome', `${me} told "first check-in" ${n} times`);
  for (const me of docs.keys()) {
    if (!creditOf.has(me)) fail(report, 'data', `check-in of ${me} without its credit`);
    if (!answeredOk.has(me)) fail(report, 'outcome', `check-in of ${me} stored, never answered OK`);
  }
  for (const me of creditOf.keys()) if (!docs.has(me)) fail(report, 'data', `credit of ${me} without a check-in`);
  if (credits.length !== creditOf.size) fail(report, 'data', `a member credited twice for one event`);
  return report;
}

const bursts: Array<[string, (round: Round, r: number) => Promise<BurstReport>]> = [
  ['sign-up', signupBurst],
  ['claim', claimBurst],
  ['ballot', ballotBurst],
  ['check-in', checkinBurst],
];

async function main(): Promise<void> {
  const { buildFunctions } = (await import(join(__dirname, '..', 'scripts', 'build-functions.mjs'))) as {
    buildFunctions: () => Promise<unknown>;
  };
  await buildFunctions();
  const all: BurstReport[] = [];
  const t0 = Date.now();
  for (let r = 1; r <= ROUNDS; r++) {
    const round = new Round(mkdtempSync(join(tmpdir(), 'crash-bench-')));
    try {
      await round.start();
      await seedPeople(round.db, CANCELS + SIGNUPS, Math.max(CHECKINS, 2 * WISHES));
      for (const [name, run] of bursts) {
        const t = Date.now();
        const report = await run(round, r);
        await round.global(report);
        all.push(report);
        const retried = Object.entries(report.retried)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ');
        console.log(
          `round ${r} ${name.padEnd(8)} ${String(report.calls).padStart(3)} calls, kill -9 at ${String(report.killAtMs).padStart(3)} ms ` +
            `(${report.answeredBeforeKill} answered), ${report.unanswered} unanswered → retried: ${retried || 'none'}; ` +
            `${report.failures.length === 0 ? 'checks OK' : `${report.failures.length} FAILED`} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
        );
        for (const f of report.failures.slice(0, 6)) console.log(`    FAIL ${f.text}`);
        if (report.failures.length > 6) console.log(`    … and ${report.failures.length - 6} more`);
        for (const n of [...new Set(report.notes)].slice(0, 5)) console.log(`    note ${n}`);
        if (report.failures.length > 0)
          for (const l of [...new Set(round.errors().map((e) => e.replace(/[0-9a-f-]{36}/, '<id>')))].slice(-4))
            console.log(`    log  ${l}`);
      }
    } finally {
      await round.server?.stop().catch(() => undefined);
      rmSync(round.dataDir, { recursive: true, force: true });
    }
  }
  const failures = all.flatMap((r) => r.failures);
  /** How many distinct calls (or, for a failure about data, messages) of a kind broke. */
  const count = (kind: Kind) => new Set(failures.filter((f) => f.kind === kind).map((f) => f.call ?? f.text)).size;
  const lost = count('lost');
  const retried = all.reduce((s, r) => s + r.unanswered, 0);
  const notOnce = count('outcome') + count('data');
  const verdict = failures.length === 0 ? 'PASS' : 'FAIL';
  const what = (n: number, good: string, bad: string) => (n === 0 ? good : `${n} ${bad}`);
  console.log(
    `crash-bench: ${verdict} — ${bursts.length} bursts × ${ROUNDS} rounds, ${lost} lost OK replies, ` +
      `${count('pending')} pending, ${what(count('counter'), 'counters = documents', 'counters ≠ documents')}, ` +
      `${what(count('balance'), 'balance = ledger', 'balances ≠ ledger')}, ${retried} unanswered calls retried: ` +
      `${what(notOnce, 'exactly once', 'calls or records not exactly once')} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
