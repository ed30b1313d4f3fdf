/**
 * Checking in with the event's 6-digit spoken code (数字签到码, docs/adr/0036): the organiser's live
 * code carries it; typed on the event's page it checks the member in once, with the QR's
 * guarantees (one record and one credit however often, only this event, only inside the window);
 * an expired code is told apart from a wrong one; wrong codes are limited per person (5 in 10
 * minutes) and per event, survive as counter documents, cannot be pushed past the limit by a
 * burst, and the limit lifts when its window has passed; a crash after an attempt was counted
 * loses at most that attempt.
 */
import { CheckInResult, LiveCode, type CheckinEvent } from '../../types/checkin';
import { spokenDigits, spokenWindowOf } from '../../cloudfunctions/checkin/src/spoken-code';
import { GUESS_WINDOW_MS } from '../../cloudfunctions/_shared/guess-limit';
import { EVENT_GUESS_LIMIT } from '../../cloudfunctions/checkin/src/guess-limit';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { DEMO, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { balanceOf, codeFor, expectError, expectOk, makeEvent, secretOf } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const type = (openid: string, code: string, eventId?: string) =>
  f.call(openid, 'checkin', 'checkIn', { code, ...(eventId ? { eventId } : {}) });
const live = async (eventId: string) =>
  expectOk(await f.call(demoPersonas.admin, 'checkin', 'liveCode', { eventId }), LiveCode);
/** The event's spoken code `back` windows ago (0: the one shown now). */
const spokenFor = (event: CheckinEvent, back = 0) =>
  spokenDigits(secretOf(f, event.id), event.id, spokenWindowOf(new Date()) - back);
/** Six digits that are none of the event's codes of the last ten windows or the next one. */
function wrongFor(event: CheckinEvent, seed = 0): string {
  const taken = new Set(Array.from({ length: 12 }, (_, i) => spokenFor(event, i - 1)));
  for (let n = 123456 + seed * 7919; ; n = (n + 104729) % 1_000_000) {
    const digits = String(n).padStart(6, '0');
    if (!taken.has(digits)) return digits;
  }
}
const counter = (id: string) => f.find('checkin_guesses', { _id: id })[0];
const checkinsOf = (eventId: string) => f.find('checkins', { eventId });

describe('checkin.liveCode', () => {
  test("shows the organiser six digits beside the QR: the event's code of the current 2-minute window", async () => {
    const event = await makeEvent(f, { title: '数字码展示' });
    const code = await live(event.id);
    expect(code.spokenCode).toMatch(/^\d{6}$/);
    expect([spokenFor(event), spokenFor(event, -1)]).toContain(code.spokenCode);
    const refresh = Date.parse(code.spokenRefreshAt);
    expect(refresh - Date.now()).toBeLessThanOrEqual(2 * 60 * 1000);
    // The spoken code changes exactly when the QR does (a window starts at a 30-second slot).
    expect(refresh % 30_000).toBe(0);
  });
});

describe('checkin.checkIn with the 6-digit code', () => {
  test("checks a member in with the code shown now, on the event's page: recorded as typed, counted, credited", async () => {
    const event = await makeEvent(f, { title: '数字码签到' });
    const { spokenCode } = await live(event.id);
    const before = balanceOf(f, DEMO, 'user-member');
    const result = expectOk(await type(demoPersonas.member, spokenCode, event.id), CheckInResult);
    expect(result).toMatchObject({ eventId: event.id, alreadyCheckedIn: false, pointsAwarded: 2 });
    expect(checkinsOf(event.id)).toEqual([
      expect.objectContaining({ _id: `${event.id}:user-member`, method: 'code', recordedBy: null }),
    ]);
    expect(f.find('events', { _id: event.id })[0]?.checkedInCount).toBe(1);
    expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 2);
    // A right code costs no attempt.
    expect(counter('person:user-member')?.count ?? 0).toBe(0);

    // Typed again (or spoken with spaces, as read aloud): counts once, no more points.
    const again = expectOk(
      await type(demoPersonas.member, `${spokenCode.slice(0, 3)} ${spokenCode.slice(3)}`, event.id),
      CheckInResult,
    );
    expect(again).toMatchObject({ alreadyCheckedIn: true, pointsAwarded: 0 });
    expect(checkinsOf(event.id)).toHaveLength(1);
    expect(f.find('point_ledger', { sourceId: event.id })).toHaveLength(1);
    expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 2);
  });

  test('counts simultaneous right codes from one member once', async () => {
    const event = await makeEvent(f, { title: '数字码同时提交' });
    const code = spokenFor(event);
    const results = await Promise.all(Array.from({ length: 3 }, () => type(demoPersonas.liaison, code, event.id)));
    const data = results.map((r) => expectOk(r, CheckInResult));
    expect(data.filter((d) => !d.alreadyCheckedIn)).toHaveLength(1);
    expect(checkinsOf(event.id)).toHaveLength(1);
    expect(f.find('point_ledger', { sourceId: event.id })).toHaveLength(1);
  });

  test("accepts the previous window's code (read aloud just before it changed)", async () => {
    const event = await makeEvent(f, { title: '上一个数字码' });
    expectOk(await type(demoPersonas.resident, spokenFor(event, 1), event.id), CheckInResult);
    expect(checkinsOf(event.id)).toHaveLength(1);
  });

  test('refuses an older code as expired, records nothing and costs no attempt', async () => {
    const event = await makeEvent(f, { title: '过期数字码' });
    const error = expectError(
      await type(demoPersonas.councilChair, spokenFor(event, 2), event.id),
      'PRECONDITION_FAILED',
      'checkin.code-expired',
    );
    expect(error.message).toContain('已过期');
    expect(checkinsOf(event.id)).toHaveLength(0);
    expect(counter('person:user-council-chair')?.count ?? 0).toBe(0);
  });

  test("refuses another event's code typed on this event's page as wrong, and counts the attempt", async () => {
    const event = await makeEvent(f, { title: '本活动' });
    const other = await makeEvent(f, { title: '另一场活动' });
    const othersCode = spokenFor(other);
    expect([spokenFor(event), spokenFor(event, 1), spokenFor(event, 2)]).not.toContain(othersCode);
    const error = expectError(
      await type(demoPersonas.supervisor, othersCode, event.id),
      'PRECONDITION_FAILED',
      'checkin.code-wrong',
    );
    expect(error.message).toContain('还可再试4次');
    expect(checkinsOf(event.id)).toHaveLength(0);
    expect(checkinsOf(other.id)).toHaveLength(0);
    expect(counter('person:user-supervisor')).toMatchObject({ count: 1 });
    expect(counter(`event:${event.id}`)).toMatchObject({ count: 1 });
  });

  test("refuses six digits without the event: they are only checked on an event's page", async () => {
    const event = await makeEvent(f, { title: '无活动的数字码' });
    expectError(
      await f.expectNothingWritten(() => type(demoPersonas.estateLeader, spokenFor(event))),
      'PRECONDITION_FAILED',
      'checkin.code-needs-event',
    );
  });

  test('refuses the right code outside the window, and people outside the community, without counting an attempt', async () => {
    const ended = await makeEvent(f, { startIn: -120, minutes: 60, title: '已结束的活动' });
    expectError(
      await f.expectNothingWritten(() => type(demoPersonas.estateLeader, spokenFor(ended), ended.id)),
      'PRECONDITION_FAILED',
      'checkin.outside-window',
    );
    const event = await makeEvent(f, { title: '外社区的人' });
    expectError(
      await f.expectNothingWritten(() => type(otherPersonas.resident, wrongFor(event), event.id)),
      'FORBIDDEN',
      'checkin.not-in-community',
    );
    expectError(
      await f.expectNothingWritten(() => type(demoPersonas.admin, spokenFor(event), event.id)),
      'FORBIDDEN',
      'attendance.self-credit',
    );
  });

  test('stops a person after 5 wrong codes in 10 minutes, even with the right one, saying when to retry; the QR still works', async () => {
    const event = await makeEvent(f, { title: '猜码限制' });
    for (let i = 0; i < 4; i++) {
      expectError(
        await type(demoPersonas.estateLeader, wrongFor(event, i), event.id),
        'PRECONDITION_FAILED',
        'checkin.code-wrong',
      );
    }
    const fifth = expectError(
      await type(demoPersonas.estateLeader, wrongFor(event, 9), event.id),
      'PRECONDITION_FAILED',
      'checkin.code-wrong',
    );
    expect(fifth.message).toMatch(/已输错5次，请于 \d{2}:\d{2} 后再试/);
    const limited = expectError(
      await type(demoPersonas.estateLeader, spokenFor(event), event.id),
      'LIMIT_EXCEEDED',
      'checkin.code-limited',
    );
    expect(limited.message).toMatch(/请于 \d{2}:\d{2}（约 (10|9) 分钟后）再试/);
    expect(counter('person:user-estate-leader')).toMatchObject({ count: 5 });
    expect(checkinsOf(event.id)).toHaveLength(0);

    // The limit is the person's, not the event's: another member still checks in by code.
    expectOk(await type(demoPersonas.leader, spokenFor(event), event.id), CheckInResult);
    // And the limited person can still scan the QR.
    expectOk(await type(demoPersonas.estateLeader, codeFor(f, event.id), event.id), CheckInResult);
    expect(checkinsOf(event.id)).toHaveLength(2);
  });

  test('lifts the limit once its 10 minutes have passed: the right code is accepted and the count starts over', async () => {
    const event = await makeEvent(f, { title: '限制解除' });
    f.insert('checkin_guesses', [{ _id: 'person:user-r001', count: 5, windowStart: new Date() }]);
    const openid = f.find('users', { _id: 'user-r001' })[0]!.openid as string;
    expectError(await type(openid, spokenFor(event), event.id), 'LIMIT_EXCEEDED', 'checkin.code-limited');
    // Ten minutes later (the window's start moved back, as the clock would).
    f.update('checkin_guesses', 'person:user-r001', { windowStart: new Date(Date.now() - GUESS_WINDOW_MS - 1000) });
    expectError(await type(openid, wrongFor(event), event.id), 'PRECONDITION_FAILED', 'checkin.code-wrong');
    expect(counter('person:user-r001')).toMatchObject({ count: 1 });
    expectOk(await type(openid, spokenFor(event), event.id), CheckInResult);
  });

  test('lets at most 5 of 20 simultaneous wrong codes by one person through to be checked', async () => {
    const event = await makeEvent(f, { title: '并发猜码' });
    const openid = f.find('users', { _id: 'user-r002' })[0]!.openid as string;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => type(openid, wrongFor(event, i), event.id)));
    const reasons = results.map((r: { ok: boolean; error?: { reason: string } }) => r.error?.reason);
    expect(reasons.filter((r) => r === 'checkin.code-wrong').length).toBeLessThanOrEqual(5);
    expect(reasons.every((r) => ['checkin.code-wrong', 'checkin.code-limited', 'checkin.code-busy'].includes(r!))).toBe(
      true,
    );
    expect(counter('person:user-r002')!.count).toBeLessThanOrEqual(5);
    expect(checkinsOf(event.id)).toHaveLength(0);
  }, 20_000);

  test("stops everyone's codes for an event that had too many wrong ones, until its window passes; the QR still works", async () => {
    const event = await makeEvent(f, { title: '活动限制' });
    f.insert('checkin_guesses', [{ _id: `event:${event.id}`, count: EVENT_GUESS_LIMIT, windowStart: new Date() }]);
    const openid = f.find('users', { _id: 'user-r003' })[0]!.openid as string;
    const error = expectError(
      await f.expectNothingWritten(() => type(openid, spokenFor(event), event.id)),
      'LIMIT_EXCEEDED',
      'checkin.code-event-limited',
    );
    expect(error.message).toMatch(/已暂停到 \d{2}:\d{2}.*扫描现场二维码/);
    expectOk(await type(openid, codeFor(f, event.id), event.id), CheckInResult);
    f.update('checkin_guesses', `event:${event.id}`, { windowStart: new Date(Date.now() - GUESS_WINDOW_MS) });
    const next = f.find('users', { _id: 'user-r004' })[0]!.openid as string;
    expectOk(await type(next, spokenFor(event), event.id), CheckInResult);
  });

  test('a check-in that dies after its attempt was counted has recorded nothing; typing the code again checks in once', async () => {
    const event = await makeEvent(f, { title: '断电的数字码' });
    const openid = f.find('users', { _id: 'user-r005' })[0]!.openid as string;
    process.env.HONGSE_CRASH_AT = 'checkin.code.after-reserve';
    expectError(await type(openid, spokenFor(event), event.id), 'INTERNAL');
    delete process.env.HONGSE_CRASH_AT;
    expect(checkinsOf(event.id)).toHaveLength(0);
    expect(counter('person:user-r005')).toMatchObject({ count: 1 });
    const result = expectOk(await type(openid, spokenFor(event), event.id), CheckInResult);
    expect(result).toMatchObject({ alreadyCheckedIn: false, pointsAwarded: 2 });
    expect(checkinsOf(event.id)).toHaveLength(1);
    expect(f.find('point_ledger', { sourceId: event.id })).toHaveLength(1);
    // The crashed attempt stays counted (one of five); the right code's own was given back.
    expect(counter('person:user-r005')).toMatchObject({ count: 1 });
  });
});
