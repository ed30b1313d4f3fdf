/**
 * Sign-ups survive crashes: each move (sign up; cancel with the promotion it makes room for; a
 * quota raise's promotions) is one transaction, so a process dying after it (before the WeChat
 * push, or between two promotion transactions of a large quota raise) leaves nothing that blocks
 * anyone; the next request finishes the promotions, the person can cancel and sign up again, and
 * the activity's counters, holders and waitlist shape (docs/adr/0033) equal its documents. An
 * activity stored by a former design (no queue, its waitlist's entries on the document, maybe a
 * `pending` claim) is rebuilt by the next request that meets it. A mover's own read is only a
 * hint: one the activity refutes (a head that joined, a sign-up stored meanwhile) is read again.
 */
import { ReconcileResult, SignupResult } from '../../types/volunteer';
import { crashing } from '../support/crash-points';
import { startFixture, type Fixture } from '../support/fixtures';
import { addResidents, expectError, expectOk, publish } from './helpers';
import { whenTransactionStarts } from '../support/races';

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
  const bySeq = (state: (s: Record<string, unknown>) => boolean) =>
    signups
      .filter(state)
      .sort((x, y) => (x.seq as number) - (y.seq as number))
      .map((s) => s.userId);
  expect(a.holders).toEqual(
    bySeq((s) => ['confirmed', 'checked_in', 'completed', 'no_show'].includes(s.state as string)),
  );
  // The waitlist's shape (docs/adr/0033): from the head's seq up to nextSeq, every seq not gone waits.
  const seqs = new Map(signups.map((s) => [s.seq as number, s.userId]));
  const shaped: unknown[] = [];
  for (let seq = a.waitHead as number; a.waitlistCount > 0 && seq <= a.nextSeq; seq++) {
    if (!(a.waitGone as number[]).includes(seq)) shaped.push(seqs.get(seq));
  }
  expect(shaped).toEqual(bySeq((s) => s.state === 'waitlisted'));
  expect(a.waitlist).toBeUndefined();
}

/** Makes an activity look as a former design stored it: counters, but no queue. */
function asFormerDesign(activityId: string, set: Record<string, unknown> = {}): void {
  f.server.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'activities',
    query: JSON.stringify({ _id: activityId }),
    data: JSON.stringify({
      $unset: { holders: '', waitHead: '', waitGone: '' },
      ...(Object.keys(set).length ? { $set: set } : {}),
    }),
    multi: false,
  });
}

test('a crash right after the sign-up transaction keeps a whole sign-up: the person can cancel and sign up again', async () => {
  const a = await publish(f, { quota: 2, title: '崩溃报名测试' });
  const [p] = people;
  expectError(
    await crashing('volunteer.signUp.after-transaction', () => signUp(p!, a.id)),
    'INTERNAL',
    'internal.unexpected',
  );
  expect(stateOf(a.id, p!)).toBe('confirmed');
  expect(f.find('signups', { activityId: a.id }).every((s) => s.pending !== true)).toBe(true);
  expectCountersMatchDocuments(a.id);
  expectError(await signUp(p!, a.id), 'CONFLICT', 'signup.exists');
  expect(expectOk(await cancel(p!, a.id), SignupResult).state).toBe('cancelled');
  expect(expectOk(await signUp(p!, a.id), SignupResult).state).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('a crash right after a cancellation loses nothing: the freed place already went to the head, told in the app', async () => {
  const a = await publish(f, { quota: 1, title: '崩溃取消测试' });
  const [first, second, third, fourth] = people.slice(1, 5) as [string, string, string, string];
  expect(expectOk(await signUp(first, a.id), SignupResult).state).toBe('confirmed');
  expect(expectOk(await signUp(second, a.id), SignupResult).state).toBe('waitlisted');
  expectError(
    await crashing('volunteer.cancelSignup.after-transaction', () => cancel(first, a.id)),
    'INTERNAL',
    'internal.unexpected',
  );
  expect(stateOf(a.id, first)).toBe('cancelled');
  expect(stateOf(a.id, second)).toBe('confirmed'); // promoted in the cancellation's own transaction
  expect(f.find('messages', {}).filter((m) => String(m._id).includes(`${a.id}:user-${second}`))).toHaveLength(1);
  expectCountersMatchDocuments(a.id);

  // a view changes nothing; the person who cancelled can sign up again (at the end)
  expectOk(
    await f.call(third, 'volunteer', 'get', { activityId: a.id }),
    (await import('../../types/volunteer')).Activity,
  );
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
  expectError(
    await crashing('volunteer.cancelSignup.after-transaction', () => cancel(first, a.id)),
    'INTERNAL',
    'internal.unexpected',
  );
  const r = expectOk(await signUp(third, a.id), SignupResult);
  expect(r).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(stateOf(a.id, second)).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('a crash between the promotion transactions of a large quota raise leaves each promotion whole; the next view promotes the rest', async () => {
  const a = await publish(f, { quota: 1, title: '崩溃递补测试' });
  const five = people.slice(8, 13) as [string, string, string, string, string];
  for (const p of five) expectOk(await signUp(p, a.id), SignupResult);
  expectError(
    await crashing('volunteer.settle.after-promotion', () =>
      f.call('demo-admin', 'volunteer', 'edit', { activityId: a.id, quota: 5 }),
    ),
    'INTERNAL',
    'internal.unexpected',
  );
  // the first promotion transaction (three people) committed whole, with their notices
  expect(five.slice(1, 4).map((p) => stateOf(a.id, p))).toEqual(['confirmed', 'confirmed', 'confirmed']);
  expect(stateOf(a.id, five[4])).toBe('waitlisted');
  expectCountersMatchDocuments(a.id);
  // the next request that meets the free slot promotes the last one
  expectOk(
    await f.call(five[0], 'volunteer', 'get', { activityId: a.id }),
    (await import('../../types/volunteer')).Activity,
  );
  expect(stateOf(a.id, five[4])).toBe('confirmed');
  const told = f.find('messages', {}).filter((m) => String(m._id).startsWith(`volunteer-promoted:${a.id}`));
  expect(told.map((m) => m.userId).sort()).toEqual(
    five
      .slice(1)
      .map((p) => `user-${p}`)
      .sort(),
  );
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
  asFormerDesign(a.id, { waitlistCount: act.waitlistCount + 1, nextSeq: act.nextSeq + 1 });
  expect(expectOk(await signUp(next, a.id), SignupResult)).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(stateOf(a.id, stuck)).toBe('cancelled'); // the stale claim was undone when the queue was rebuilt

  expect(expectOk(await cancel(holder, a.id), SignupResult).state).toBe('cancelled');
  expect(stateOf(a.id, next)).toBe('confirmed'); // promoted past the stale claim
  expectCountersMatchDocuments(a.id);

  expect(expectOk(await signUp(stuck, a.id), SignupResult)).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(expectOk(await cancel(stuck, a.id), SignupResult).state).toBe('cancelled');
  expect(expectOk(await signUp(other, a.id), SignupResult)).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expectCountersMatchDocuments(a.id);
});

test('the owner of a pending claim stored by the former design finds it undone and can sign up again; the counters are repaired', async () => {
  const a = await publish(f, { quota: 3, title: '旧版待定取消测试' });
  const [holder, stuck] = people.slice(16, 18) as [string, string];
  expectOk(await signUp(holder, a.id), SignupResult);
  const stored = f.find('signups', { _id: `${a.id}:user-${holder}` })[0]!;
  f.insert('signups', [
    { ...stored, _id: `${a.id}:user-${stuck}`, userId: `user-${stuck}`, state: 'waitlisted', seq: 0, pending: true },
  ]);
  asFormerDesign(a.id);
  expectError(await cancel(stuck, a.id), 'PRECONDITION_FAILED', 'signup.not-active');
  expect(stateOf(a.id, stuck)).toBe('cancelled');
  expectCountersMatchDocuments(a.id);
  expect(expectOk(await signUp(stuck, a.id), SignupResult).state).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('a cancellation whose read saw nobody waiting still promotes the person who joined the waitlist just before its transaction', async () => {
  const a = await publish(f, { quota: 1, title: '候补队首过期测试' });
  const [holder, late] = people.slice(30, 32) as [string, string];
  expectOk(await signUp(holder, a.id), SignupResult);
  // `late` signs up (and waits) between the holder's read and the holder's transaction: stored
  // by hand as their sign-up's transaction would have stored it.
  const joinedLate = () => {
    const act = f.find('activities', { _id: a.id })[0]!;
    const seq = (act.nextSeq as number) + 1;
    const mine = f.find('signups', { _id: `${a.id}:user-${holder}` })[0]!;
    f.insert('signups', [
      { ...mine, _id: `${a.id}:user-${late}`, userId: `user-${late}`, state: 'waitlisted', seq, openid: late },
    ]);
    f.update('activities', a.id, { nextSeq: seq, waitlistCount: 1, waitHead: seq, waitGone: [] });
  };
  expect(expectOk(await whenTransactionStarts(f, joinedLate, () => cancel(holder, a.id)), SignupResult).state).toBe(
    'cancelled',
  );
  expect(stateOf(a.id, late)).toBe('confirmed');
  expect(f.find('messages', { userId: `user-${late}`, title: '候补转为已报名' })).toHaveLength(1);
  expectCountersMatchDocuments(a.id);
});

test('a sign-up whose read found no sign-up, when one was stored meanwhile, is refused as a duplicate and writes nothing twice', async () => {
  const a = await publish(f, { quota: 1, title: '重复报名碰撞测试' });
  const [first, twice] = people.slice(32, 34) as [string, string];
  expectOk(await signUp(first, a.id), SignupResult);
  // `twice` signs up (and waits) between their own second sign-up's read and its transaction.
  const storedMeanwhile = () => {
    const act = f.find('activities', { _id: a.id })[0]!;
    const seq = (act.nextSeq as number) + 1;
    const mine = f.find('signups', { _id: `${a.id}:user-${first}` })[0]!;
    f.insert('signups', [
      { ...mine, _id: `${a.id}:user-${twice}`, userId: `user-${twice}`, state: 'waitlisted', seq, openid: twice },
    ]);
    f.update('activities', a.id, { nextSeq: seq, waitlistCount: 1, waitHead: seq, waitGone: [] });
  };
  expectError(await whenTransactionStarts(f, storedMeanwhile, () => signUp(twice, a.id)), 'CONFLICT', 'signup.exists');
  expect(f.find('signups', { activityId: a.id })).toHaveLength(2);
  expectCountersMatchDocuments(a.id);
});

test('waitlist positions are read from the seqs: people who cancel from the middle move those behind them up, in order', async () => {
  const a = await publish(f, { quota: 1, title: '候补位次测试' });
  const [holder, w1, w2, w3, w4] = people.slice(34, 39) as [string, string, string, string, string];
  for (const p of [holder, w1, w2, w3, w4]) expectOk(await signUp(p, a.id), SignupResult);
  const position = async (p: string) =>
    (await f.call(p, 'volunteer', 'get', { activityId: a.id })).data.mySignup?.waitlistPosition as number | null;
  expect(await Promise.all([w1, w2, w3, w4].map(position))).toEqual([1, 2, 3, 4]);
  expectOk(await cancel(w2, a.id), SignupResult);
  expect(await Promise.all([w1, w3, w4].map(position))).toEqual([1, 2, 3]);
  expectOk(await cancel(holder, a.id), SignupResult); // promotes w1; the head moves past w2's gone seq
  expect(stateOf(a.id, w1)).toBe('confirmed');
  expect(await Promise.all([w3, w4].map(position))).toEqual([1, 2]);
  expect(f.find('activities', { _id: a.id })[0]).toMatchObject({ waitGone: [], waitlistCount: 2 });
  expectCountersMatchDocuments(a.id);
});

test('an activity stored with its waitlist entries on the document (ADR 0017) is rebuilt on first touch: the entries go, the order stays', async () => {
  const a = await publish(f, { quota: 1, title: '旧版候补名单测试' });
  const [holder, w1, w2] = people.slice(39, 40).concat(people.slice(0, 2)) as [string, string, string];
  for (const p of [holder, w1, w2]) expectOk(await signUp(p, a.id), SignupResult);
  const act = f.find('activities', { _id: a.id })[0]!;
  const waitlist = [w1, w2].map((p, i) => ({ userId: `user-${p}`, seq: (act.waitHead as number) + i, openid: p }));
  asFormerDesign(a.id, { holders: act.holders, waitlist });
  expect((await f.call(w2, 'volunteer', 'get', { activityId: a.id })).data.mySignup).toEqual({
    state: 'waitlisted',
    waitlistPosition: 2,
    proxyName: null,
  });
  expect(f.find('activities', { _id: a.id })[0]!.waitlist).toBeUndefined();
  expectOk(await cancel(holder, a.id), SignupResult);
  expect(stateOf(a.id, w1)).toBe('confirmed');
  expectCountersMatchDocuments(a.id);
});

test('a sign-up costs at most seven database requests and a cancellation at most eight, however long the waitlist', async () => {
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
  // identity 1 + the transaction 5 + the overlap query 1; a promotion adds the head's sign-up and notice
  expect(firstSignUp).toBeLessThanOrEqual(7);
  expect(laterSignUp).toBeLessThanOrEqual(7);
  expect(cancelAlone).toBeLessThanOrEqual(6);
  expect(cancelWaitlisted).toBeLessThanOrEqual(6);
  expect(cancelConfirmed).toBeLessThanOrEqual(8);
});

describe('volunteer.reconcile', () => {
  test('an admin repairs counters that drifted from the documents, sees what changed, and it is audited', async () => {
    const a = await publish(f, { quota: 2, title: '计数核对测试' });
    for (const p of people.slice(30, 34)) expectOk(await signUp(p, a.id), SignupResult);
    f.update('activities', a.id, { waitlistCount: 4, confirmedCount: 1, freeSlots: 1 });
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
