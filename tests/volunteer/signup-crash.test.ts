/**
 * Sign-ups survive crashes: each move (sign up, cancel, promote) is one transaction, so a
 * process dying between the remaining steps (after the transaction, before the settle or the
 * notice) leaves nothing that blocks anyone; the next request finishes the promotion, the person
 * can cancel and sign up again, and the activity's counters equal its documents. A `pending`
 * claim stored by the former design is undone by the next request that meets it.
 */
import { ReconcileResult, SignupResult } from '../../types/volunteer';
import { startFixture, type Fixture } from '../support/fixtures';
import { addResidents, expectError, expectOk, publish } from './helpers';

let f: Fixture;
let people: string[];
beforeAll(async () => {
  f = await startFixture();
  people = addResidents(f, 'crash', 40);
}, 30_000);
afterAll(async () => {
  await f.stop();
});
afterEach(() => {
  delete process.env.HONGSE_CRASH_AT;
});

const signUp = (openid: string, activityId: string) => f.call(openid, 'volunteer', 'signUp', { activityId });
const cancel = (openid: string, activityId: string) => f.call(openid, 'volunteer', 'cancelSignup', { activityId });
const stateOf = (activityId: string, openid: string) =>
  f.find('signups', { _id: `${activityId}:user-${openid}` })[0]?.state as string | undefined;

async function crashing<T>(point: string, fn: () => Promise<T>): Promise<T> {
  process.env.HONGSE_CRASH_AT = point;
  try {
    return await fn();
  } finally {
    delete process.env.HONGSE_CRASH_AT;
  }
}

/** The activity's counters recounted from its sign-up documents. */
function expectCountersMatchDocuments(activityId: string): void {
  const signups = f.find('signups', { activityId });
  const a = f.find('activities', { _id: activityId })[0]!;
  const places = signups.filter((s) => ['confirmed', 'checked_in', 'completed', 'no_show'].includes(s.state)).length;
  const waiting = signups.filter((s) => s.state === 'waitlisted').length;
  expect({ confirmedCount: a.confirmedCount, waitlistCount: a.waitlistCount, freeSlots: a.freeSlots }).toEqual({
    confirmedCount: places,
    waitlistCount: waiting,
    freeSlots: a.quota - places,
  });
  expect(a.nextSeq).toBeGreaterThanOrEqual(Math.max(0, ...signups.map((s) => s.seq as number)));
}

test('a crash right after the sign-up transaction keeps a whole sign-up: the person can cancel and sign up again', async () => {
  const a = await publish(f, { quota: 2, title: '崩溃报名测试' });
  const [p] = people;
  expectError(await crashing('volunteer.signUp.after-transaction', () => signUp(p!, a.id)), 'INTERNAL');
  expect(stateOf(a.id, p!)).toBe('confirmed');
  expect(f.find('signups', { activityId: a.id }).every((s) => s.pending !== true)).toBe(true);
  expectCountersMatchDocuments(a.id);
  expectError(await signUp(p!, a.id), 'CONFLICT', 'signup.exists');
  expect(expectOk(await cancel(p!, a.id), SignupResult).state).toBe('cancelled');
  expect(expectOk(await signUp(p!, a.id), SignupResult).state).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('a crash between a cancellation and its promotion is healed by the next sign-up or view: the head is promoted and told', async () => {
  const a = await publish(f, { quota: 1, title: '崩溃取消测试' });
  const [first, second, third, fourth] = people.slice(1, 5) as [string, string, string, string];
  expect(expectOk(await signUp(first, a.id), SignupResult).state).toBe('confirmed');
  expect(expectOk(await signUp(second, a.id), SignupResult).state).toBe('waitlisted');
  expectError(await crashing('volunteer.cancelSignup.after-transaction', () => cancel(first, a.id)), 'INTERNAL');
  expect(stateOf(a.id, first)).toBe('cancelled');
  expect(stateOf(a.id, second)).toBe('waitlisted'); // the slot is free, the promotion did not run
  expectCountersMatchDocuments(a.id);

  // the next request that meets the free slot (here a view by someone else) promotes the head
  expectOk(
    await f.call(third, 'volunteer', 'get', { activityId: a.id }),
    (await import('../../types/volunteer')).Activity,
  );
  expect(stateOf(a.id, second)).toBe('confirmed');
  expect(f.find('messages', {}).filter((m) => String(m._id).includes(`${a.id}:user-${second}`))).toHaveLength(1);
  expectCountersMatchDocuments(a.id);

  // the person who cancelled can sign up again (at the end), others keep queueing
  expect(expectOk(await signUp(first, a.id), SignupResult)).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(expectOk(await signUp(fourth, a.id), SignupResult)).toMatchObject({
    state: 'waitlisted',
    waitlistPosition: 2,
  });
  expectCountersMatchDocuments(a.id);
});

test('a crash after a cancellation with a sign-up next heals through that sign-up, which queues behind the head', async () => {
  const a = await publish(f, { quota: 1, title: '崩溃后报名测试' });
  const [first, second, third] = people.slice(5, 8) as [string, string, string];
  expectOk(await signUp(first, a.id), SignupResult);
  expectOk(await signUp(second, a.id), SignupResult);
  expectError(await crashing('volunteer.cancelSignup.after-transaction', () => cancel(first, a.id)), 'INTERNAL');
  const r = expectOk(await signUp(third, a.id), SignupResult);
  expect(r).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(stateOf(a.id, second)).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('a crash after a promotion and before its notice leaves the promotion whole; promotion continues for the others', async () => {
  const a = await publish(f, { quota: 2, title: '崩溃递补测试' });
  const four = people.slice(8, 12) as [string, string, string, string];
  for (const p of four) expectOk(await signUp(p, a.id), SignupResult);
  expectError(await crashing('volunteer.settle.after-promotion', () => cancel(four[0], a.id)), 'INTERNAL');
  expect(stateOf(a.id, four[2])).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
  expect(expectOk(await cancel(four[1], a.id), SignupResult).state).toBe('cancelled');
  expect(stateOf(a.id, four[3])).toBe('confirmed');
  // the notice of the promotion interrupted by the crash is lost (accepted); the next one is sent
  const told = f.find('messages', {}).filter((m) => String(m._id).includes(a.id));
  expect(told.map((m) => m.userId)).toEqual([`user-${four[3]}`]);
  expectCountersMatchDocuments(a.id);
});

test('a pending claim stored by the former design at the head of the waitlist no longer halts promotion, and its owner can cancel or sign up again', async () => {
  const a = await publish(f, { quota: 1, title: '旧版待定报名测试' });
  const [holder, stuck, next, other] = people.slice(12, 16) as [string, string, string, string];
  expectOk(await signUp(holder, a.id), SignupResult);
  // what a crash in the former design left: a claim without its seq, already counted on the waitlist
  const stored = f.find('signups', { _id: `${a.id}:user-${holder}` })[0]!;
  f.insert('signups', [
    { ...stored, _id: `${a.id}:user-${stuck}`, userId: `user-${stuck}`, state: 'waitlisted', seq: 0, pending: true },
  ]);
  const act = f.find('activities', { _id: a.id })[0]!;
  f.server.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'activities',
    query: JSON.stringify({ _id: a.id }),
    data: JSON.stringify({ $set: { waitlistCount: act.waitlistCount + 1, nextSeq: act.nextSeq + 1 } }),
    multi: false,
  });
  expect(expectOk(await signUp(next, a.id), SignupResult).state).toBe('waitlisted');

  expect(expectOk(await cancel(holder, a.id), SignupResult).state).toBe('cancelled');
  expect(stateOf(a.id, next)).toBe('confirmed'); // promoted past the stale claim
  expect(stateOf(a.id, stuck)).toBe('cancelled'); // the stale claim was undone
  expectCountersMatchDocuments(a.id);

  expect(expectOk(await signUp(stuck, a.id), SignupResult)).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(expectOk(await cancel(stuck, a.id), SignupResult).state).toBe('cancelled');
  expect(expectOk(await signUp(other, a.id), SignupResult)).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expectCountersMatchDocuments(a.id);
});

test('the owner of a pending claim stored by the former design can cancel it, and the counters are repaired', async () => {
  const a = await publish(f, { quota: 3, title: '旧版待定取消测试' });
  const [holder, stuck] = people.slice(16, 18) as [string, string];
  expectOk(await signUp(holder, a.id), SignupResult);
  const stored = f.find('signups', { _id: `${a.id}:user-${holder}` })[0]!;
  f.insert('signups', [
    { ...stored, _id: `${a.id}:user-${stuck}`, userId: `user-${stuck}`, state: 'waitlisted', seq: 0, pending: true },
  ]);
  expect(expectOk(await cancel(stuck, a.id), SignupResult).state).toBe('cancelled');
  expectCountersMatchDocuments(a.id);
  expect(expectOk(await signUp(stuck, a.id), SignupResult).state).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('database requests per call: signUp and cancelSignup do not grow with the waitlist', async () => {
  const a = await publish(f, { quota: 1, title: '请求计数测试' });
  const count = async (fn: () => Promise<unknown>) => {
    const before = f.server.db.stats();
    await fn();
    const after = f.server.db.stats();
    if (process.env.PROBE) {
      const diff = Object.entries(after.byAction)
        .map(([k, v]) => [k, v - (before.byAction[k] ?? 0)])
        .filter(([, v]) => v);
      process.stdout.write(JSON.stringify(diff) + '\n');
    }
    return after.requests - before.requests;
  };
  const firstSignUp = await count(() => signUp(people[20]!, a.id));
  for (const p of people.slice(21, 35)) await signUp(p, a.id);
  const laterSignUp = await count(() => signUp(people[35]!, a.id));
  const cancelWaitlisted = await count(() => cancel(people[35]!, a.id));
  const cancelConfirmed = await count(() => cancel(people[20]!, a.id)); // promotes the head
  const b = await publish(f, { quota: 5, title: '请求计数测试二' });
  await signUp(people[36]!, b.id);
  const cancelAlone = await count(() => cancel(people[36]!, b.id));
  process.stdout.write(
    `requests per call: signUp ${firstSignUp} (confirmed), ${laterSignUp} (waitlisted, 16th); ` +
      `cancelSignup ${cancelAlone} (confirmed, nobody waiting), ${cancelWaitlisted} (waitlisted), ${cancelConfirmed} (confirmed, promotes one)\n`,
  );
  expect(firstSignUp).toBeLessThanOrEqual(10);
  expect(laterSignUp).toBeLessThanOrEqual(10);
  expect(cancelAlone).toBeLessThanOrEqual(8);
  expect(cancelWaitlisted).toBeLessThanOrEqual(8);
});

describe('volunteer.reconcile', () => {
  test('an admin repairs counters that drifted from the documents, sees what changed, and it is audited', async () => {
    const a = await publish(f, { quota: 2, title: '计数核对测试' });
    for (const p of people.slice(30, 34)) expectOk(await signUp(p, a.id), SignupResult);
    f.server.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'activities',
      query: JSON.stringify({ _id: a.id }),
      data: JSON.stringify({ $set: { waitlistCount: 4, confirmedCount: 1, freeSlots: 1 } }),
      multi: false,
    });
    const r = expectOk(await f.call('demo-admin', 'volunteer', 'reconcile', { activityId: a.id }), ReconcileResult);
    expect(r.changed).toEqual({
      waitlistCount: { before: 4, after: 2 },
      confirmedCount: { before: 1, after: 2 },
      freeSlots: { before: 1, after: 0 },
    });
    expectCountersMatchDocuments(a.id);
    expect(f.find('audit_log', { action: 'volunteer.reconcile', targetId: a.id })).toHaveLength(1);
    const again = expectOk(await f.call('demo-admin', 'volunteer', 'reconcile', { activityId: a.id }), ReconcileResult);
    expect(again.changed).toEqual({});
    expect(f.find('audit_log', { action: 'volunteer.reconcile', targetId: a.id })).toHaveLength(1);
  });

  test('refuses a resident who is not an admin of the community and writes nothing', async () => {
    const a = await publish(f, { quota: 2, title: '计数核对拒绝测试' });
    await f.expectNothingWritten(async () => {
      expectError(
        await f.call('demo-resident', 'volunteer', 'reconcile', { activityId: a.id }),
        'FORBIDDEN',
        'auth.not-admin',
      );
      expectError(
        await f.call(people[0]!, 'volunteer', 'reconcile', { activityId: a.id }),
        'FORBIDDEN',
        'auth.not-admin',
      );
    });
  });
});
