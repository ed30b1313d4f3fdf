/**
 * The vote's settle period (docs/adr/0009-vote-settle-period.md): a ballot whose window check
 * passed just before closesAt must never land after the close aggregated the ballots.
 * - a close inside the settle period is refused (`topic.vote-settling`) and writes nothing, for
 *   a person and for the timer (the topic stays in vote);
 * - after it, the close (person or timer) counts every ballot, and recomputeTally agrees;
 * - castBallot's lateness guard: a call whose clock, after the insert, is past closesAt +
 *   VOTE_SETTLE_MS / 2 withdraws its ballot and answers PRECONDITION_FAILED (driven through the
 *   verb with a ctx whose clock jumps at the insert);
 * - a race: many ballots around closesAt against persons and the timer closing as early as
 *   they may, on a simulated clock that honours the function timeout — every stored ballot is
 *   in the stored tally, every stored ballot was reported cast and vice versa.
 */
import { Collections } from '../../cloudfunctions/_shared/collections';
import config from '../../cloudfunctions/deliberation/config.json';
import type { Ctx } from '../../cloudfunctions/_shared/context';
import { database } from '../../cloudfunctions/_shared/database';
import { castBallot } from '../../cloudfunctions/deliberation/src/cast-ballot';
import { closeVote } from '../../cloudfunctions/deliberation/src/close-vote';
import { closeWindows } from '../../cloudfunctions/deliberation/src/close-windows';
import { VOTE_SETTLE_MS } from '../../cloudfunctions/deliberation/src/store';
import { deliberationActions, TopicDetail, type Choice } from '../../types/deliberation';
import { AppError } from '../../types/errors';
import { roleId } from '../../cloudfunctions/_shared/documents';
import { DEMO, fileFixture } from '../support/fixtures';
import {
  building1Resident,
  closeWindowAgo,
  expectError,
  expectOk,
  insertDocs,
  P,
  SETTLED,
  setTopic,
  topicIn,
} from './helpers';

const f = fileFixture();

const TIMEOUT_MS = config.timeout * 1000;
const CHOICES: Choice[] = ['agree', 'agree', 'oppose', 'abstain'];
const fire = () => f.server.functions.fireTimer('deliberation', 'close-windows') as Promise<{ ok: boolean; data: any }>;
const topicDoc = (id: string) => f.find('topics', { _id: id })[0]!;

/** Openid → household of every resident of 1号楼 (one resident per household). */
function building1Voters(): Array<{ openid: string; householdId: string }> {
  const users = new Map(f.find('users').map((u) => [u._id, u.openid as string]));
  const seen = new Set<string>();
  const out: Array<{ openid: string; householdId: string }> = [];
  for (const r of f.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' })) {
    if (seen.has(r.householdId)) continue;
    seen.add(r.householdId);
    out.push({ openid: users.get(r.userId)!, householdId: r.householdId });
  }
  return out;
}

/** The stored tally agrees with the stored ballots, count by count, and recomputeTally says so. */
async function expectTallyOfStoredBallots(topicId: string) {
  const ballots = f.find(Collections.ballots, { topicId });
  const tally = topicDoc(topicId).vote.tally;
  const count = (c: Choice) => ballots.filter((b) => b.choice === c).length;
  expect(tally).toMatchObject({
    votedHouseholds: ballots.length,
    agreeHouseholds: count('agree'),
    opposeHouseholds: count('oppose'),
    abstainHouseholds: count('abstain'),
  });
  const re = expectOk(
    await f.call(building1Resident, 'deliberation', 'recomputeTally', { topicId }),
    deliberationActions.recomputeTally.result,
  );
  expect(re.equal).toBe(true);
  return ballots;
}

/**
 * A ctx for calling a verb directly in this process (the same database as the functions), with
 * its own clock; `afterBallotInsert` runs when an insert into `ballots` has succeeded.
 */
function verbCtx(
  openid: string | null,
  now: () => Date,
  afterBallotInsert?: (id: string) => void,
  insertDelayMs = 0,
): Ctx {
  const db = database();
  // castBallot writes its ballot inside a transaction (with its points, docs/adr/0015): the
  // transaction's collections are wrapped the same way, so `afterBallotInsert` runs when the
  // ballot's insert request has succeeded, before the commit.
  const withBallotHook = <T extends { collection(name: string): unknown }>(holder: T): T =>
    new Proxy(holder, {
      get(target, prop) {
        if (prop === 'collection') return (name: string) => ballotHook(target, name);
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  const wrapped = new Proxy(db, {
    get(target, prop) {
      if (prop === 'runTransaction') {
        return (fn: (tx: { collection(name: string): unknown }) => Promise<unknown>) =>
          target.runTransaction((tx: { collection(name: string): unknown }) => fn(withBallotHook(tx)));
      }
      if (prop === 'collection') {
        return (name: string) => ballotHook(target, name);
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  function ballotHook(target: { collection(name: string): unknown }, name: string) {
    const coll = target.collection(name) as ReturnType<typeof db.collection>;
    if (name !== Collections.ballots || !afterBallotInsert) return coll;
    return new Proxy(coll, {
      get(c, p) {
        if (p === 'add') {
          return async (doc: { _id: string }) => {
            // A slow write: the window check has passed, the insert has not landed yet.
            if (insertDelayMs > 0) await new Promise((r) => setTimeout(r, insertDelayMs));
            const res = await c.add(doc);
            afterBallotInsert(doc._id);
            return res;
          };
        }
        const v = Reflect.get(c, p) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
      },
    });
  }
  return { caller: { openid, appid: null }, requestId: 'test', db: wrapped, runtime: 'local', now };
}

test('the settle period outlasts the function timeout', () => {
  expect(VOTE_SETTLE_MS).toBeGreaterThan(TIMEOUT_MS);
});

test('a close inside the settle period is refused and writes nothing, for a person and for the timer', async () => {
  const topicId = await topicIn(f, 'vote');
  for (const ago of [1000, VOTE_SETTLE_MS - 2000]) {
    closeWindowAgo(f, topicId, ago);
    for (const who of [P.leader, P.admin]) {
      const body = await f.expectNothingWritten(() => f.call(who, 'deliberation', 'closeVote', { topicId }));
      const error = expectError(body, 'PRECONDITION_FAILED', 'topic.vote-settling');
      expect(error.message).toContain('正在等待最后提交的选票入账');
    }
    const timer = await f.expectNothingWritten(fire);
    expect(timer).toMatchObject({ ok: true, data: { closed: 0 } });
    expect(topicDoc(topicId)).toMatchObject({ step: 'vote', vote: { tally: null } });
  }
  // The screen learns when the wait ends from the data.
  const seen = expectOk(await f.call(P.leader, 'deliberation', 'get', { topicId }), TopicDetail);
  expect(Date.parse(seen.vote!.settlesAt)).toBe(Date.parse(seen.vote!.closesAt) + VOTE_SETTLE_MS);
  setTopic(f, topicId, { step: 'ended', endedReason: '测试' }); // out of the later tests' way
});

test('after the settle period the close counts every ballot (person and timer)', async () => {
  const voters = building1Voters();
  for (const closer of ['person', 'timer'] as const) {
    const topicId = await topicIn(f, 'vote');
    closeWindowAgo(f, topicId, -3_600_000); // open for an hour
    const replies = await Promise.all(
      voters.map((v, i) =>
        f.call(v.openid, 'deliberation', 'castBallot', { topicId, choice: CHOICES[i % CHOICES.length] }),
      ),
    );
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    closeWindowAgo(f, topicId, SETTLED);
    if (closer === 'person') {
      expectOk(await f.call(P.leader, 'deliberation', 'closeVote', { topicId }), TopicDetail);
    } else {
      expect(await fire()).toMatchObject({ ok: true, data: { closed: 1 } });
    }
    expect(['notice', 'ended']).toContain(topicDoc(topicId).step);
    expect(await expectTallyOfStoredBallots(topicId)).toHaveLength(voters.length);
  }
});

describe("castBallot's lateness guard", () => {
  const HALF = VOTE_SETTLE_MS / 2;

  /** Casts 张秀英's ballot on a fresh topic; the clock reads `before` until the insert, then `after`. */
  async function castWithClock(beforeMs: number, afterMs: number) {
    const topicId = await topicIn(f, 'vote');
    const closesAt = closeWindowAgo(f, topicId, -3_600_000).getTime();
    let clock = closesAt + beforeMs;
    let inserted = 0;
    const ctx = verbCtx(
      P.resident,
      () => new Date(clock),
      () => {
        inserted++;
        clock = closesAt + afterMs;
      },
    );
    const outcome = await castBallot({ ctx, input: { topicId, choice: 'agree' } }).then(
      (receipt) => ({ receipt, error: null }),
      (error: unknown) => ({ receipt: null, error }),
    );
    const residentId = f.find('users', { openid: P.resident })[0]!._id;
    return {
      outcome,
      inserted,
      ballots: f.find(Collections.ballots, { topicId }),
      points: f.find('point_ledger', { _id: `deliberation:${topicId}:vote:${residentId}` }),
    };
  }

  test('a call past closesAt + settle/2 after its insert withdraws its ballot and says so', async () => {
    const late = await castWithClock(-1, HALF + 1);
    expect(late.inserted).toBe(1); // the window check passed and the ballot was written…
    expect(late.outcome.error).toBeInstanceOf(AppError);
    expect(late.outcome.error).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ballot.vote-closed' });
    expect(late.ballots).toEqual([]); // …and is gone again
    expect(late.points).toEqual([]);
  });

  test('a call back by closesAt + settle/2 keeps its ballot', async () => {
    const inTime = await castWithClock(0, HALF);
    expect(inTime.outcome.error).toBeNull();
    expect(inTime.outcome.receipt).toMatchObject({ householdId: 'hh-xfl-1-102' });
    expect(inTime.ballots).toHaveLength(1);
    expect(inTime.points).toHaveLength(1);
  });
});

/**
 * A simulated clock for the race. It runs on its own (`step` sim ms per tick, a tick per real
 * millisecond), stops for a few ticks exactly at `holdAt` (closesAt: the boundary, where many
 * ballots pass the window check together), and never passes the deadline (start + the function
 * timeout) of a ballot call still running: on CloudBase that call would have ended by then, so
 * time cannot get there before it does.
 */
class SimClock {
  private readonly deadlines = new Map<number, number>();
  private next = 0;
  private held = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  constructor(
    public t: number,
    private readonly holdAt: number,
  ) {}
  now = () => new Date(this.t);
  start(step: number, holdTicks = 8) {
    this.timer = setInterval(() => {
      if (this.t === this.holdAt && this.held < holdTicks) {
        this.held++;
        return;
      }
      const cap = Math.min(Infinity, ...this.deadlines.values());
      const to = Math.min(this.t + step, Math.max(this.t, cap));
      this.t = this.t < this.holdAt && to > this.holdAt ? this.holdAt : to;
    }, 1);
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
  }
  async until(t: number) {
    while (this.t < t) await new Promise((r) => setTimeout(r, 1));
  }
  /** A call starts now; the returned function ends it. */
  begin(): () => void {
    const id = this.next++;
    this.deadlines.set(id, this.t + TIMEOUT_MS);
    return () => this.deadlines.delete(id);
  }
}

/** 30 more households in 1号楼, each with a resident, so the race has many voters. */
function moreVoters() {
  const now = new Date();
  const n = Array.from({ length: 30 }, (_, i) => i);
  insertDocs(
    f,
    'households',
    n.map((i) => ({
      _id: `hh-race-${i}`,
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-1',
      room: `9-${100 + i}`,
      floorArea: 70 + i + 0.5,
      isPartyCenter: false,
      createdAt: now,
      updatedAt: now,
    })),
  );
  insertDocs(
    f,
    'users',
    n.map((i) => ({
      _id: `user-race-${i}`,
      openid: `race-${i}`,
      name: `住户${i}`,
      phone: null,
      avatarUrl: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  insertDocs(
    f,
    'roles',
    n.map((i) => ({
      _id: roleId('resident', `user-race-${i}`, `hh-race-${i}`),
      userId: `user-race-${i}`,
      kind: 'resident',
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-1',
      householdId: `hh-race-${i}`,
      councilId: null,
      councilKind: null,
      position: null,
      workUnitId: null,
      memberType: null,
      scopeLabel: `幸福里小区 · 1号楼 · 9-${100 + i}`,
      grantedBy: null,
      grantedAt: now,
    })),
  );
}

test('ballots racing the closes around closesAt: every stored ballot is in the tally', async () => {
  moreVoters();
  const voters = building1Voters();
  expect(voters.length).toBeGreaterThanOrEqual(35);
  let withdrawn = 0;
  let accepted = 0;
  const rounds: string[] = [];
  // Sim milliseconds per real millisecond: from calls well inside the guard to calls past it
  // (and stretched to the timeout). Ballots start over the last ~60 real ms before closesAt and
  // the first ~10 after it, a few exactly at closesAt.
  for (const [round, step] of [50, 300, 1500, 6000].entries()) {
    const topicId = await topicIn(f, 'vote');
    const closesAt = closeWindowAgo(f, topicId, -60_000).getTime();
    const sim = new SimClock(closesAt - 61 * step, closesAt);
    const inserted = new Set<string>();
    const cast: string[] = [];
    const refusals: string[] = [];
    const closeRefusals: string[] = [];
    let closed = false;

    const ballot = async (v: { openid: string; householdId: string }, i: number) => {
      const offset = (((i * 7919 + round * 31) % 70) - 60) * step;
      await sim.until(closesAt + (i % 5 === 0 ? 0 : offset));
      const end = sim.begin();
      try {
        // Some boundary ballots write slowly: 0–60 real ms after their check, i.e. up to tens of
        // sim seconds, past the guard's closesAt + settle/2 in the faster rounds.
        const delay = i % 5 === 0 ? ((i / 5) % 4) * 20 : 0;
        const ctx = verbCtx(v.openid, sim.now, (id) => inserted.add(id), delay);
        const receipt = await castBallot({ ctx, input: { topicId, choice: CHOICES[i % CHOICES.length]! } });
        cast.push(receipt.householdId);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusals.push(`${error.code} ${error.reason}`);
      } finally {
        end();
      }
    };
    const person = async () => {
      await sim.until(closesAt);
      const ctx = verbCtx(P.leader, sim.now);
      while (!closed) {
        try {
          await closeVote({ ctx, input: { topicId } });
          closed = true;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          closeRefusals.push(error.reason);
          if (error.reason !== 'topic.vote-settling') break; // the timer closed it
          await new Promise((r) => setTimeout(r, 1));
        }
      }
    };
    const timer = async () => {
      await sim.until(closesAt);
      const ctx = verbCtx(null, sim.now);
      while (!closed && topicDoc(topicId).step === 'vote') {
        await closeWindows({ ctx });
        await new Promise((r) => setTimeout(r, 1));
      }
    };

    sim.start(step);
    try {
      await Promise.all([...voters.map(ballot), person(), timer()]);
    } finally {
      sim.stop();
    }

    const stored = await expectTallyOfStoredBallots(topicId);
    // Reported cast ⇔ stored; every refusal is the window's.
    expect(stored.map((b) => b.householdId).sort()).toEqual([...cast].sort());
    // (topic.wrong-step: a ballot that started after closesAt and found the vote already closed.)
    const windowRefusals = ['PRECONDITION_FAILED ballot.vote-closed', 'PRECONDITION_FAILED topic.wrong-step'];
    expect(refusals.filter((r) => !windowRefusals.includes(r))).toEqual([]);
    expect(cast.length + refusals.length).toBe(voters.length);
    // A person was only ever told to wait, or that the timer had moved the vote on.
    const moved = ['topic.vote-settling', 'topic.illegal-move', 'topic.changed'];
    expect(closeRefusals.filter((r) => !moved.includes(r))).toEqual([]);
    expect(topicDoc(topicId).history.at(-1)!.at.getTime()).toBeGreaterThanOrEqual(closesAt + VOTE_SETTLE_MS);
    const gone = [...inserted].filter((id) => !stored.some((b) => b._id === id)).length;
    rounds.push(`×${step}: ${cast.length} counted, ${gone} withdrawn, ${refusals.length - gone} refused`);
    accepted += cast.length;
    withdrawn += gone;
  }
  expect(accepted).toBeGreaterThan(0);
  console.log(`[settle race] ${rounds.join('; ')}; ${withdrawn} withdrawn by the lateness guard in all`);
});
