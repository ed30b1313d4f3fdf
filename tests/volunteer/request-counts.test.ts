/**
 * Database requests per call of the volunteer area (issue #13 part 4,
 * docs/adr/0017-requests-per-call.md), counted by the emulator on activities with realistic
 * queues (30 holding a place, 20 waiting) and rosters (40): the same whatever the data size.
 * Nothing is read through the test's own database handle while a call is counted.
 */
import { Activity, AttendanceResult, RosterEntry, SignupResult } from '../../types/volunteer';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { onMeteredCall, type MeteredCall } from '../../emulator/host/request-meter';
import {
  MIN,
  addResidents,
  balanceOf,
  cancelRacedBySignUp,
  codeFor,
  expectError,
  expectOk,
  patch,
  publish,
} from './helpers';

let f: Fixture;
let people: string[];
beforeAll(async () => {
  f = await startFixture();
  people = addResidents(f, 'rc', 60);
}, 30_000);
afterAll(() => f.stop());

async function requestsOf(call: () => Promise<unknown>): Promise<{ n: number; body: { ok: boolean; data?: unknown } }> {
  const before = f.server.db.stats().requests;
  const body = (await call()) as { ok: boolean; error?: unknown; data?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return { n: f.server.db.stats().requests - before, body };
}

const call = (openid: string, action: string, input: object) => f.call(openid, 'volunteer', action, input);

/** An activity with `holding` people holding a place and `waiting` on its waitlist (signed up in order). */
async function queued(
  holding: number,
  waiting: number,
  title: string,
  from = 0,
): Promise<{ id: string; who: string[] }> {
  const a = await publish(f, { quota: holding, title });
  const who = people.slice(from, from + holding + waiting);
  for (const p of who) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  return { id: a.id, who };
}

describe('volunteer.signUp', () => {
  test('a sign-up costs six database requests, its overlap warning included; a caller with 30 or more upcoming places still gets the warning, for one more', async () => {
    const [first, second, busy] = [people[56]!, people[57]!, people[58]!];
    const target = await publish(f, { startIn: 5000, minutes: 120, title: '计数目标' });
    const overlapping = await publish(f, { startIn: 5060, minutes: 120, title: '重叠活动' });
    const plain = await requestsOf(() => call(first, 'signUp', { activityId: target.id }));
    console.log(`[requests] signUp ${plain.n}`);
    expect(plain.n).toBeLessThanOrEqual(6);
    expect(SignupResult.parse(plain.body.data).overlapWarning).toBeNull();
    expectOk(await call(second, 'signUp', { activityId: overlapping.id }), SignupResult);
    const warned = await requestsOf(() => call(second, 'signUp', { activityId: target.id }));
    expect(warned.n).toBeLessThanOrEqual(6);
    expect(SignupResult.parse(warned.body.data).overlapWarning).toMatch(/重叠活动.*重叠/);

    // 30 upcoming places, all starting before the overlapping one: the joined list is cut, so the
    // overlap is queried.
    for (let i = 0; i < 30; i++) {
      const a = await publish(f, { startIn: 4000 + i, minutes: 1, title: `忙碌${i}` });
      expectOk(await call(busy, 'signUp', { activityId: a.id }), SignupResult);
    }
    expectOk(await call(busy, 'signUp', { activityId: overlapping.id }), SignupResult);
    const many = await requestsOf(() => call(busy, 'signUp', { activityId: target.id }));
    console.log(`[requests] signUp (30 upcoming places) ${many.n}`);
    expect(many.n).toBeLessThanOrEqual(7);
    expect(SignupResult.parse(many.body.data).overlapWarning).toMatch(/重叠活动.*重叠/);
  }, 60_000);
});

describe('volunteer.get', () => {
  test('a plain view costs two database requests, whoever asks and however long the queue', async () => {
    const a = await queued(30, 20, '查看计数');
    for (const [openid, expected] of [
      [a.who[3]!, 'confirmed'],
      [a.who[45]!, 'waitlisted'],
      [people[55]!, null],
      [demoPersonas.admin, null],
    ] as const) {
      const { n, body } = await requestsOf(() => call(openid, 'get', { activityId: a.id }));
      console.log(`[requests] get (${String(expected)}) ${n}`);
      expect(n).toBeLessThanOrEqual(2);
      expect(Activity.parse(body.data).mySignup?.state ?? null).toBe(expected);
    }
    expect(Activity.parse((await call(a.who[45]!, 'get', { activityId: a.id })).data).mySignup).toEqual({
      state: 'waitlisted',
      waitlistPosition: 16,
      proxyName: null,
    });
  }, 30_000);

  test('a view that meets a freed slot while people wait promotes the head and costs only that repair more', async () => {
    const a = await queued(30, 20, '查看修复计数');
    // what a crash of a former design could leave: a place freed, the head not yet promoted
    const stored = f.find('activities', { _id: a.id })[0]!;
    const holders = (stored.holders as string[]).slice(1);
    patch(f, 'signups', `${a.id}:user-${a.who[0]!}`, { state: 'cancelled' });
    patch(f, 'activities', a.id, { holders, confirmedCount: holders.length, freeSlots: 1 });
    const { n, body } = await requestsOf(() => call(a.who[30]!, 'get', { activityId: a.id }));
    console.log(`[requests] get repairing ${n}`);
    // the caller with the activity, the settlement (start, activity, sign-up, notice, activity, commit), sign-ups
    expect(n).toBeLessThanOrEqual(8);
    expect(Activity.parse(body.data).mySignup).toEqual({ state: 'confirmed', waitlistPosition: null, proxyName: null });
    const after = await requestsOf(() => call(a.who[31]!, 'get', { activityId: a.id }));
    expect(after.n).toBeLessThanOrEqual(2);
    expect(Activity.parse(after.body.data).mySignup).toEqual({
      state: 'waitlisted',
      waitlistPosition: 1,
      proxyName: null,
    });
  }, 30_000);
});

const ends = new Map<string, Date>();

/** An activity of `signers` that ended 10 minutes ago after two hours (corrections are open). */
async function ended(signers: string[], title: string): Promise<string> {
  const a = await publish(f, { quota: signers.length, pointsPerHour: 4, title });
  for (const p of signers) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  const endAt = new Date(Date.now() - 10 * MIN);
  const startAt = new Date(endAt.getTime() - 120 * MIN);
  patch(f, 'activities', a.id, { startAt, endAt, signupDeadline: new Date(startAt.getTime() - MIN) });
  ends.set(a.id, endAt);
  return a.id;
}

describe('volunteer.correctAttendance', () => {
  const correct = (activityId: string, userId: string, minutes: number | null, reason: string) => {
    const endAt = ends.get(activityId)!;
    return call(demoPersonas.admin, 'correctAttendance', {
      activityId,
      userId,
      reason,
      ...(minutes === null
        ? { state: 'no_show' }
        : {
            state: 'completed',
            checkedInAt: new Date(endAt.getTime() - minutes * MIN).toISOString(),
            checkedOutAt: endAt.toISOString(),
          }),
    });
  };

  test('a correction moves the sign-up, its ledger entries, the balance and its audit in one transaction: 6 requests when the hours stay, 7 for a reversal alone, 8 for a first credit or a reversal and a new credit', async () => {
    const id = await ended(people.slice(0, 40), '更正计数');
    const who = `user-${people[7]!}`;
    const first = await requestsOf(() => correct(id, who, 60, '现场登记'));
    console.log(`[requests] correctAttendance first credit ${first.n}`);
    expect(first.n).toBeLessThanOrEqual(8); // the member's first credit in the community adds the balance
    const again = await requestsOf(() => correct(id, who, 90, '实际一个半小时'));
    console.log(`[requests] correctAttendance reversal + credit ${again.n}`);
    expect(again.n).toBeLessThanOrEqual(8);
    const same = await requestsOf(() => correct(id, who, 90, '只改理由'));
    console.log(`[requests] correctAttendance same hours ${same.n}`);
    expect(same.n).toBeLessThanOrEqual(6);
    const gone = await requestsOf(() => correct(id, who, null, '核实未到'));
    console.log(`[requests] correctAttendance reversal only ${gone.n}`);
    expect(gone.n).toBeLessThanOrEqual(7);
    const other = `user-${people[8]!}`;
    const firstOfMany = await requestsOf(() => correct(id, other, 120, '全程'));
    expect(firstOfMany.n).toBeLessThanOrEqual(8);
    const ledger = f
      .find('point_ledger', { userId: who, sourceId: id })
      .concat(f.find('point_ledger', { userId: who, reason: 'reversal' }));
    expect(ledger.map((e) => e._id).sort()).toEqual(
      [
        `volunteer:${id}:${who}`,
        `reversal:volunteer:${id}:${who}`,
        `volunteer:${id}:${who}:v2`,
        `reversal:volunteer:${id}:${who}:v2`,
      ].sort(),
    );
    expect(balanceOf(f, DEMO, who)).toBe(0);
    expect(f.find('audit_log', { action: 'volunteer.correctAttendance', targetId: `${id}:${who}` })).toHaveLength(4);
  }, 30_000);

  test('a correction that dies before its commit leaves neither the sign-up nor the credit nor the audit', async () => {
    const id = await ended(people.slice(40, 45), '更正崩溃');
    const who = `user-${people[41]!}`;
    const before = JSON.stringify([
      f.find('signups', { _id: `${id}:${who}` }),
      f.find('point_ledger', { userId: who }),
    ]);
    process.env.HONGSE_CRASH_AT = 'volunteer.correctAttendance.before-commit';
    try {
      expectError(await correct(id, who, 60, '现场登记'), 'INTERNAL', 'internal.unexpected');
    } finally {
      delete process.env.HONGSE_CRASH_AT;
    }
    expect(JSON.stringify([f.find('signups', { _id: `${id}:${who}` }), f.find('point_ledger', { userId: who })])).toBe(
      before,
    );
    expect(f.find('audit_log', { action: 'volunteer.correctAttendance', targetId: `${id}:${who}` })).toHaveLength(0);
    expect(expectOk(await correct(id, who, 60, '现场登记'), RosterEntry).hours).toBe(1);
    expect(balanceOf(f, DEMO, who)).toBe(4);
  }, 30_000);
});

describe('volunteer.scan', () => {
  test('a check-in costs two requests and a check-out with its credit seven, however long the roster', async () => {
    const a = await publish(f, { quota: 40, pointsPerHour: 4, title: '扫码计数' });
    const who = people.slice(10, 50);
    for (const p of who) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
    const startAt = new Date(Date.now() - 90 * MIN);
    patch(f, 'activities', a.id, {
      startAt,
      endAt: new Date(Date.now() + 60 * MIN),
      signupDeadline: new Date(startAt.getTime() - MIN),
    });
    const inCode = codeFor(f, a.id, 'in');
    const checkIn = await requestsOf(() => call(who[5]!, 'scan', { code: inCode }));
    console.log(`[requests] scan in ${checkIn.n}`);
    expect(checkIn.n).toBeLessThanOrEqual(2);
    patch(f, 'signups', `${a.id}:user-${who[5]!}`, { checkedInAt: new Date(Date.now() - 70 * MIN) });
    const outCode = codeFor(f, a.id, 'out');
    const checkOut = await requestsOf(() => call(who[5]!, 'scan', { code: outCode }));
    console.log(`[requests] scan out ${checkOut.n}`);
    expect(checkOut.n).toBeLessThanOrEqual(7); // a member's first credit in the community adds the balance, no more
    expect(AttendanceResult.parse(checkOut.body.data)).toMatchObject({
      state: 'completed',
      hours: 1,
      pointsAwarded: 4,
    });
    const repeat = await requestsOf(() => call(who[5]!, 'scan', { code: outCode }));
    expect(repeat.n).toBeLessThanOrEqual(6);
  }, 30_000);
});

describe('volunteer.reconcile', () => {
  test('proving a queue of fifty costs one request; repairing it six, its audit entry in the repair', async () => {
    const a = await queued(30, 20, '核对计数', 0);
    const proved = await requestsOf(() => call(demoPersonas.admin, 'reconcile', { activityId: a.id }));
    console.log(`[requests] reconcile proving ${proved.n}`);
    expect(proved.n).toBeLessThanOrEqual(1);
    expect((proved.body.data as { changed: object }).changed).toEqual({});
    patch(f, 'activities', a.id, { waitlistCount: 24, confirmedCount: 29, freeSlots: 1 });
    const repaired = await requestsOf(() => call(demoPersonas.admin, 'reconcile', { activityId: a.id }));
    console.log(`[requests] reconcile repairing ${repaired.n}`);
    expect(repaired.n).toBeLessThanOrEqual(6);
    expect((repaired.body.data as { changed: object }).changed).toEqual({
      waitlistCount: { before: 24, after: 20 },
      confirmedCount: { before: 29, after: 30 },
      freeSlots: { before: 1, after: 0 },
    });
    expect(f.find('audit_log', { action: 'volunteer.reconcile', targetId: a.id })).toHaveLength(1);
    expect(f.find('activities', { _id: a.id })[0]).toMatchObject({
      waitlistCount: 20,
      confirmedCount: 30,
      freeSlots: 0,
    });
  }, 30_000);
});

describe('volunteer.edit', () => {
  test('an edit costs three requests; a quota raise that promotes one waiting person eight, the raise, the promotion and the audit entry in one transaction', async () => {
    const a = await queued(30, 20, '修改计数', 0);
    const plain = await requestsOf(() => call(demoPersonas.admin, 'edit', { activityId: a.id, place: '社区服务中心' }));
    console.log(`[requests] edit ${plain.n}`);
    expect(plain.n).toBeLessThanOrEqual(3);
    const raise = await requestsOf(() => call(demoPersonas.admin, 'edit', { activityId: a.id, quota: 31 }));
    console.log(`[requests] edit promoting one ${raise.n}`);
    expect(raise.n).toBeLessThanOrEqual(8);
    expect(f.find('audit_log', { action: 'volunteer.edit', targetId: a.id })).toHaveLength(2);
    expect(Activity.parse(raise.body.data)).toMatchObject({ quota: 31, confirmedCount: 31, waitlistCount: 19 });
    expect(f.find('signups', { _id: `${a.id}:user-${a.who[30]!}` })[0]).toMatchObject({ state: 'confirmed' });
  }, 30_000);
});

describe('volunteer.cancel', () => {
  test('cancelling an activity with 50 people signed up costs five requests (the people read with the activity), its messages owed in the cancelling write', async () => {
    const a = await queued(30, 20, '取消计数', 0);
    const { n } = await requestsOf(() => call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '天气原因' }));
    console.log(`[requests] cancel (50 told) ${n}`);
    expect(n).toBeLessThanOrEqual(5);
    const told = f.find('messages').filter((m) => String(m._id).startsWith(`volunteer-cancelled:${a.id}:`));
    expect(told).toHaveLength(50);
    expect(f.find('activities', { _id: a.id })[0]!.outbox).toEqual({});
  }, 30_000);

  test('a cancellation whose write loses to a sign-up reads again and still costs five requests: its in-app messages are then owed to the people', async () => {
    const a = await publish(f, { quota: 4, title: '取消与报名交错计数' });
    for (const p of people.slice(50, 53)) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
    const calls: MeteredCall[] = [];
    const stop = onMeteredCall((c) => {
      if (c.fn === 'volunteer' && c.action === 'cancel') calls.push(c);
    });
    try {
      const reply = await cancelRacedBySignUp(f, a.id, () =>
        call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '天气原因' }),
      );
      expectOk(reply, Activity);
    } finally {
      stop();
    }
    console.log(`[requests] cancel raced ${calls[0]!.requests}`);
    expect(calls[0]!.requests).toBeLessThanOrEqual(5);
    expect(f.find('activities', { _id: a.id })[0]!.owedTo as string[]).toHaveLength(4);
  });
});
