/**
 * The sign-up queue under load: 200 simultaneous sign-ups for quota 20 → exactly 20 confirmed,
 * 180 waitlisted in strict seq order (positions 1..180), none lost or duplicated; concurrent
 * cancellations promote the waitlist strictly in order, each promoted person told once.
 */
import { Roster, SignupResult } from '../../types/volunteer';
import { startFixture, type Fixture } from '../support/fixtures';
import { addResidents, expectError, expectOk, publish } from './helpers';

let f: Fixture;
let people: string[];
beforeAll(async () => {
  f = await startFixture();
  people = addResidents(f, 'race', 200);
}, 30_000);
afterAll(async () => {
  await f.stop();
});

const signUp = (openid: string, activityId: string) => f.call(openid, 'volunteer', 'signUp', { activityId });

test('200 simultaneous sign-ups for quota 20: 20 confirmed, 180 waitlisted in order, distinct seqs', async () => {
  const a = await publish(f, { quota: 20, title: '两百人报名测试' });
  const results = await Promise.all(people.map((p) => signUp(p, a.id)));
  const data = results.map((r) => expectOk(r, SignupResult));
  expect(data.filter((d) => d.state === 'confirmed')).toHaveLength(20);
  expect(data.filter((d) => d.state === 'waitlisted')).toHaveLength(180);

  const signups = f.find('signups', { activityId: a.id });
  expect(signups).toHaveLength(200);
  const seqs = signups.map((s) => s.seq as number).sort((x, y) => x - y);
  expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  expect(signups.every((s) => s.pending !== true)).toBe(true);
  const confirmedSeqs = signups.filter((s) => s.state === 'confirmed').map((s) => s.seq as number);
  expect(Math.max(...confirmedSeqs)).toBeLessThan(
    Math.min(...signups.filter((s) => s.state === 'waitlisted').map((s) => s.seq as number)),
  );
  const stored = f.find('activities', { _id: a.id })[0]!;
  expect(stored).toMatchObject({ confirmedCount: 20, waitlistCount: 180, freeSlots: 0, nextSeq: 200 });

  const roster = expectOk(await f.call('demo-admin', 'volunteer', 'roster', { activityId: a.id }), Roster);
  const positions = roster.entries.filter((e) => e.state === 'waitlisted').map((e) => e.waitlistPosition);
  expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

  // a second sign-up by the same person, even concurrently, is a conflict
  const again = await Promise.all([signUp(people[0]!, a.id), signUp(people[0]!, a.id)]);
  for (const r of again) expectError(r, 'CONFLICT', 'signup.exists');
  expect(f.find('signups', { activityId: a.id })).toHaveLength(200);
}, 40_000);

test('concurrent cancellations promote the first waitlisted strictly by seq, each told once', async () => {
  const a = await publish(f, { quota: 5, title: '候补递补测试' });
  const ten = people.slice(0, 10);
  for (const p of ten) expectOk(await signUp(p, a.id), SignupResult); // sequential: seq order = array order
  const waitlisted = ten.slice(5);
  const r = expectOk(
    await f.call(ten[9]!, 'volunteer', 'get', { activityId: a.id }),
    (await import('../../types/volunteer')).Activity,
  );
  expect(r.mySignup).toEqual({ state: 'waitlisted', waitlistPosition: 5, proxyName: null });

  // three confirmed cancel at once → the first three waitlisted are promoted
  const cancels = await Promise.all(
    ten.slice(0, 3).map((p) => f.call(p, 'volunteer', 'cancelSignup', { activityId: a.id })),
  );
  for (const c of cancels) expect(expectOk(c, SignupResult).state).toBe('cancelled');
  const state = (openid: string) => f.find('signups', { _id: `${a.id}:user-${openid}` })[0]!.state;
  expect(waitlisted.map(state)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
  expect(f.find('activities', { _id: a.id })[0]).toMatchObject({ confirmedCount: 5, waitlistCount: 2, freeSlots: 0 });
  const messages = f.find('messages', { kind: 'activity' }).filter((m) => String(m._id).includes(a.id));
  expect(messages.map((m) => m.userId).sort()).toEqual(
    waitlisted
      .slice(0, 3)
      .map((p) => `user-${p}`)
      .sort(),
  );

  // a waitlisted cancelling and a confirmed cancelling at once: the next live one is promoted
  await Promise.all([
    f.call(waitlisted[3]!, 'volunteer', 'cancelSignup', { activityId: a.id }),
    f.call(ten[3]!, 'volunteer', 'cancelSignup', { activityId: a.id }),
  ]);
  expect(state(waitlisted[4]!)).toBe('confirmed');
  expect(f.find('activities', { _id: a.id })[0]).toMatchObject({ confirmedCount: 5, waitlistCount: 0, freeSlots: 0 });

  // re-signing after cancelling is a new place at the end
  const back = expectOk(await signUp(ten[0]!, a.id), SignupResult);
  expect(back).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  expect(f.find('signups', { _id: `${a.id}:user-${ten[0]}` })[0]!.seq).toBe(11);
}, 30_000);

test('an opening rush of 150 sign-ups while the 10 confirmed cancel: every call answers, the first live seqs hold the places, counters equal documents', async () => {
  const a = await publish(f, { quota: 10, title: '开抢测试' });
  const early = people.slice(0, 10);
  for (const p of early) expectOk(await signUp(p, a.id), SignupResult);
  const rush = people.slice(10, 160);
  const replies = await Promise.all([
    ...rush.map((p) => signUp(p, a.id)),
    ...early.map((p) => f.call(p, 'volunteer', 'cancelSignup', { activityId: a.id })),
  ]);
  for (const r of replies) expectOk(r, SignupResult);

  const signups = f.find('signups', { activityId: a.id });
  const live = signups.filter((s) => s.state !== 'cancelled').sort((x, y) => x.seq - y.seq);
  expect(live).toHaveLength(150);
  expect(live.slice(0, 10).every((s) => s.state === 'confirmed')).toBe(true);
  expect(live.slice(10).every((s) => s.state === 'waitlisted')).toBe(true);
  expect(f.find('activities', { _id: a.id })[0]).toMatchObject({
    confirmedCount: 10,
    waitlistCount: 140,
    freeSlots: 0,
    nextSeq: 160,
  });
  // each person promoted from the waitlist is told once
  const promotedIds = live.slice(0, 10).map((s) => s._id as string);
  const notices = f.find('messages', {}).filter((m) => String(m._id).includes(`volunteer-promoted:${a.id}`));
  expect(new Set(notices.map((m) => m.userId)).size).toBe(notices.length);
  for (const n of notices) expect(promotedIds).toContain(`${a.id}:${n.userId}`);
}, 40_000);

test('sign-ups and cancellations arriving together on a full activity with no waitlist: a newcomer waitlisted in a batch is promoted by a cancellation of the same batch, and no call fails', async () => {
  const a = await publish(f, { quota: 5, title: '同批候补即转正' });
  const holders = people.slice(0, 5);
  for (const p of holders) expect(expectOk(await signUp(p, a.id), SignupResult).state).toBe('confirmed');
  const newcomers = people.slice(5, 25);
  // Interleaved so that batches hold a newcomer (waitlisted there) and then a holder's cancellation.
  const calls = newcomers.flatMap((p, i) => {
    const holder = holders[i];
    return holder
      ? [signUp(p, a.id), f.call(holder, 'volunteer', 'cancelSignup', { activityId: a.id })]
      : [signUp(p, a.id)];
  });
  const replies = (await Promise.all(calls)) as Array<{ ok: boolean; error?: { code: string } }>;
  expect(replies.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual([]);

  const live = f.find('signups', { activityId: a.id }).filter((s) => s.state !== 'cancelled');
  const confirmed = live.filter((s) => s.state === 'confirmed').map((s) => s.seq as number);
  const waiting = live.filter((s) => s.state === 'waitlisted').map((s) => s.seq as number);
  expect(confirmed).toHaveLength(5);
  expect(waiting).toHaveLength(15);
  expect(Math.max(...confirmed)).toBeLessThan(Math.min(...waiting));
  expect(f.find('activities', { _id: a.id })[0]).toMatchObject({ confirmedCount: 5, waitlistCount: 15 });
});
