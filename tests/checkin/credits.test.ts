/**
 * A check-in is one act (docs/adr/0015): the check-in document, the ledger entry
 * `checkin:<eventId>:<userId>` and the balance commit in one transaction, so a crash leaves all
 * of them or none (balance = ledger sum); the event's `checkedInCount` is derived from the
 * documents right after, and a crash in between is caught up by the retry of the unanswered
 * scan or by the next check-in of the event; a rush of different members on one event counts
 * every one of them.
 */
import { CheckInResult } from '../../types/checkin';
import { ReconcileReport } from '../../types/reconcile';
import { defaultPointRules } from '../../cloudfunctions/_shared/point-rules';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { addMembers } from '../wish/helpers';
import { codeFor, expectOk, makeEvent } from './helpers';

const POINTS = defaultPointRules.checkin;

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const scan = (openid: string, eventId: string) => f.call(openid, 'checkin', 'checkIn', { code: codeFor(f, eventId) });

/** The event's counter and documents, and a member's entries, balance and ledger sum. */
function stateOf(eventId: string, userId: string) {
  const entries = f.find('point_ledger', { communityId: DEMO, userId });
  return {
    counter: f.find('events', { _id: eventId })[0]!.checkedInCount as number,
    documents: f.find('checkins', { eventId }).length,
    entries: entries.filter((e) => e.sourceId === eventId).map((e) => e._id as string),
    balance: (f.find('point_balances', { _id: `${DEMO}:${userId}` })[0]?.balance as number | undefined) ?? 0,
    ledgerSum: entries.reduce((s, e) => s + (e.amount as number), 0),
  };
}

test('a crash before the commit leaves no check-in, no count and no points; the retry records all three once', async () => {
  const event = await makeEvent(f, { title: '断电的党日（提交前）' });
  const before = stateOf(event.id, 'user-member');
  await crashAt('checkin.record.before-commit', () => scan(demoPersonas.member, event.id));
  expect(stateOf(event.id, 'user-member')).toEqual(before);
  expect(before).toMatchObject({ counter: 0, documents: 0, entries: [] });

  const result = expectOk(await scan(demoPersonas.member, event.id), CheckInResult);
  expect(result).toMatchObject({ alreadyCheckedIn: false, pointsAwarded: POINTS });
  const after = stateOf(event.id, 'user-member');
  expect(after).toMatchObject({ counter: 1, documents: 1, entries: [`checkin:${event.id}:user-member`] });
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});

test('a crash after the commit keeps check-in and points together; the retry answers already checked in and catches the counter up', async () => {
  const event = await makeEvent(f, { title: '断电的党日（提交后）' });
  const before = stateOf(event.id, 'user-member');
  await crashAt('checkin.record.after-commit', () => scan(demoPersonas.member, event.id));
  const crashed = stateOf(event.id, 'user-member');
  expect(crashed).toMatchObject({ documents: 1, entries: [`checkin:${event.id}:user-member`] });
  expect(crashed.balance).toBe(before.balance + POINTS);
  expect(crashed.balance).toBe(crashed.ledgerSum);

  const retry = expectOk(await scan(demoPersonas.member, event.id), CheckInResult);
  expect(retry).toMatchObject({ alreadyCheckedIn: true, pointsAwarded: 0 });
  expect(stateOf(event.id, 'user-member')).toEqual({ ...crashed, counter: 1 });
  // Healthy again: a further repeat writes nothing at all.
  await f.expectNothingWritten(() => scan(demoPersonas.member, event.id));
});

test("after a crash after the commit, another member's check-in counts itself; the counter is one behind until the retry or the reconcile", async () => {
  const event = await makeEvent(f, { title: '断电的党日（他人签到）' });
  await crashAt('checkin.record.after-commit', () => scan(demoPersonas.member, event.id));
  expect(stateOf(event.id, 'user-member')).toMatchObject({ counter: 0, documents: 1 });
  expectOk(await scan(demoPersonas.liaison, event.id), CheckInResult);
  expect(stateOf(event.id, 'user-member')).toMatchObject({ counter: 1, documents: 2 });
  expectOk(await f.call(demoPersonas.admin, 'checkin', 'reconcile', { communityId: DEMO }), ReconcileReport);
  expect(stateOf(event.id, 'user-member')).toMatchObject({ counter: 2, documents: 2 });
});

test('a crash in a hand record before its commit writes nothing, and the record made again counts once', async () => {
  const event = await makeEvent(f, { title: '补录的党日' });
  const record = () =>
    f.call(demoPersonas.admin, 'checkin', 'recordAttendance', {
      eventId: event.id,
      userId: 'user-member',
      reason: '手机没电无法扫码',
    });
  const before = stateOf(event.id, 'user-member');
  await crashAt('checkin.record.before-commit', () => record());
  expect(stateOf(event.id, 'user-member')).toEqual(before);
  expect((await record()).ok).toBe(true);
  const after = stateOf(event.id, 'user-member');
  expect(after).toMatchObject({ counter: 1, documents: 1 });
  expect(after.balance).toBe(after.ledgerSum);
});

test('a hundred members scanning one event at once are each recorded, counted and credited once', async () => {
  const event = await makeEvent(f, { title: '全体党员大会' });
  const members = addMembers(f, 100, 'rush');
  const replies = await Promise.all(members.map((m) => scan(m, event.id)));
  const results = replies.map((r) => expectOk(r, CheckInResult));
  expect(results.filter((r) => !r.alreadyCheckedIn)).toHaveLength(100);
  const state = stateOf(event.id, 'user-rush-0');
  expect(state.counter).toBe(100);
  expect(state.documents).toBe(100);
  expect(f.find('point_ledger', { sourceId: event.id })).toHaveLength(100);
  for (let i = 0; i < 100; i++) {
    const s = stateOf(event.id, `user-rush-${i}`);
    expect(s.balance).toBe(POINTS);
    expect(s.balance).toBe(s.ledgerSum);
  }
}, 30_000);
