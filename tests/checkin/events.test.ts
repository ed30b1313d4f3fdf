/**
 * Check-in events: creating (admins, building/estate leaders), cancelling (organiser or admin,
 * audited), listing (anyone with a role in the community), the organiser's live code, manual
 * attendance (audited, counts once like a scan) and the attendance list.
 */
import { Attendance, AttendancePage, CheckinEvent, EventPage, LiveCode } from '../../types/checkin';
import { parseCode } from '../../cloudfunctions/_shared/qr';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { balanceOf, expectError, expectOk, makeEvent, recordMember } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const HOUR = 3600 * 1000;
const checkin = (openid: string | null, action: string, data: object) => f.call(openid, 'checkin', action, data);
const input = (over: object = {}) => ({
  communityId: DEMO,
  title: '楼道清洁志愿活动',
  kind: 'volunteer',
  place: '幸福里1号楼',
  startAt: new Date(Date.now() + 2 * HOUR).toISOString(),
  endAt: new Date(Date.now() + 4 * HOUR).toISOString(),
  ...over,
});

describe('checkin.createEvent', () => {
  test('creates an event organised by the admin; check-in opens 30 minutes early; the secret stays inside', async () => {
    // a Shanghai calendar day a month from now (an event starts at most 366 days ahead)
    const day = new Date(Date.now() + 8 * HOUR + 30 * 24 * HOUR).toISOString().slice(0, 10);
    const body = await checkin(
      demoPersonas.admin,
      'createEvent',
      input({ startAt: `${day}T09:00:00+08:00`, endAt: `${day}T11:00:00+08:00` }),
    );
    const event = expectOk(body, CheckinEvent);
    expect(event).toMatchObject({
      communityId: DEMO,
      title: '楼道清洁志愿活动',
      kind: 'volunteer',
      startAt: `${day}T01:00:00.000Z`,
      endAt: `${day}T03:00:00.000Z`,
      checkinOpensAt: `${day}T00:30:00.000Z`,
      organiserId: 'user-admin',
      organiserName: '王红梅',
      checkedInCount: 0,
      checkedIn: false,
      cancelled: false,
    });
    expect(JSON.stringify(body)).not.toContain('qrSecret');
    expect(f.find('events', { _id: event.id })[0]?.qrSecret).toEqual(expect.any(String));
  });

  test('lets a building leader and an estate leader organise events in their community', async () => {
    for (const openid of [demoPersonas.leader, demoPersonas.estateLeader]) {
      expect(expectOk(await checkin(openid, 'createEvent', input()), CheckinEvent).organiserId).toMatch(/^user-/);
    }
  });

  test("refuses a member, a resident, a liaison and each community's admin in the other as FORBIDDEN", async () => {
    for (const openid of [demoPersonas.member, demoPersonas.resident, demoPersonas.liaison, otherPersonas.admin]) {
      expectError(
        await f.expectNothingWritten(() => checkin(openid, 'createEvent', input())),
        'FORBIDDEN',
        'event.not-organiser',
      );
    }
    const foreign = await f.expectNothingWritten(() =>
      checkin(demoPersonas.admin, 'createEvent', input({ communityId: OTHER })),
    );
    expectError(foreign, 'FORBIDDEN', 'event.not-organiser');
  });

  test('refuses an end before the start, longer than a day, a bad kind or time as VALIDATION', async () => {
    const start = Date.now() + HOUR;
    for (const data of [
      input({ endAt: new Date(start - HOUR).toISOString(), startAt: new Date(start).toISOString() }),
      input({ startAt: new Date(start).toISOString(), endAt: new Date(start + 25 * HOUR).toISOString() }),
      input({ kind: 'party' }),
      input({ startAt: '明天上午' }),
      input({ title: '会' }),
    ]) {
      expectError(await f.expectNothingWritten(() => checkin(demoPersonas.admin, 'createEvent', data)), 'VALIDATION');
    }
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(
      await f.expectNothingWritten(() => checkin(null, 'createEvent', input())),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('checkin.cancelEvent', () => {
  test('lets the organiser cancel their own event, audited with the reason', async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader, startIn: 60 });
    const cancelled = expectOk(
      await checkin(demoPersonas.leader, 'cancelEvent', { eventId: event.id, reason: '天气原因' }),
      CheckinEvent,
    );
    expect(cancelled.cancelled).toBe(true);
    expect(f.find('audit_log', { targetId: event.id })).toEqual([
      expect.objectContaining({
        action: 'checkin.cancelEvent',
        actorId: 'user-leader',
        summary: expect.stringContaining('天气原因'),
      }),
    ]);
    const again = await f.expectNothingWritten(() =>
      checkin(demoPersonas.admin, 'cancelEvent', { eventId: event.id, reason: '天气原因' }),
    );
    expectError(again, 'PRECONDITION_FAILED', 'event.cancelled');
  });

  test("lets an admin cancel a leader's event, and refuses another leader, a member and another community's admin", async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader, startIn: 60 });
    for (const openid of [demoPersonas.estateLeader, demoPersonas.member, otherPersonas.admin]) {
      const body = await f.expectNothingWritten(() =>
        checkin(openid, 'cancelEvent', { eventId: event.id, reason: '场地冲突' }),
      );
      expectError(body, 'FORBIDDEN', 'event.not-manager');
    }
    expect(
      expectOk(
        await checkin(demoPersonas.admin, 'cancelEvent', { eventId: event.id, reason: '场地冲突' }),
        CheckinEvent,
      ).cancelled,
    ).toBe(true);
  });

  test('refuses cancelling an event that is over as PRECONDITION_FAILED', async () => {
    const past = await makeEvent(f, { startIn: -180, minutes: 60 });
    const body = await f.expectNothingWritten(() =>
      checkin(demoPersonas.admin, 'cancelEvent', { eventId: past.id, reason: '已经结束' }),
    );
    expectError(body, 'PRECONDITION_FAILED', 'event.ended');
  });

  test('refuses a missing reason as VALIDATION, an unknown event as NOT_FOUND, anonymous as UNAUTHENTICATED', async () => {
    const event = await makeEvent(f, { startIn: 60 });
    expectError(
      await f.expectNothingWritten(() => checkin(demoPersonas.admin, 'cancelEvent', { eventId: event.id })),
      'VALIDATION',
      'input.invalid',
    );
    expectError(
      await checkin(demoPersonas.admin, 'cancelEvent', { eventId: 'evt-nope', reason: '不办了' }),
      'NOT_FOUND',
      'event.not-found',
    );
    expectError(
      await checkin(null, 'cancelEvent', { eventId: event.id, reason: '不办了' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('checkin.listEvents', () => {
  test('lists upcoming events (running ones included) soonest first, and past ones newest first', async () => {
    // In 东湖, which has no other events: two past, one running, two to come.
    const later = await makeEvent(f, {
      openid: otherPersonas.admin,
      communityId: OTHER,
      startIn: 600,
      title: '东湖晚会',
    });
    const soon = await makeEvent(f, {
      openid: otherPersonas.admin,
      communityId: OTHER,
      startIn: 30,
      title: '东湖议事会',
    });
    const running = await makeEvent(f, {
      openid: otherPersonas.admin,
      communityId: OTHER,
      startIn: -30,
      title: '东湖党日',
    });
    const old = await makeEvent(f, {
      openid: otherPersonas.admin,
      communityId: OTHER,
      startIn: -600,
      minutes: 60,
      title: '东湖旧会',
    });
    const older = await makeEvent(f, {
      openid: otherPersonas.admin,
      communityId: OTHER,
      startIn: -900,
      minutes: 60,
      title: '东湖更早',
    });

    const up = expectOk(await checkin(otherPersonas.resident, 'listEvents', { communityId: OTHER }), EventPage);
    expect(up.items.map((e) => e.id)).toEqual([running.id, soon.id, later.id]);
    expect(up.nextCursor).toBeNull();
    const past = expectOk(
      await checkin(otherPersonas.resident, 'listEvents', { communityId: OTHER, when: 'past' }),
      EventPage,
    );
    expect(past.items.map((e) => e.id)).toEqual([old.id, older.id]);

    const first = expectOk(
      await checkin(otherPersonas.admin, 'listEvents', { communityId: OTHER, limit: 2 }),
      EventPage,
    );
    expect(first.items.map((e) => e.id)).toEqual([running.id, soon.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectOk(
      await checkin(otherPersonas.admin, 'listEvents', { communityId: OTHER, limit: 2, cursor: first.nextCursor! }),
      EventPage,
    );
    expect(second.items.map((e) => e.id)).toEqual([later.id]);
    expect(second.nextCursor).toBeNull();
  });

  test('tells each member whether they have checked in', async () => {
    const event = await makeEvent(f, { title: '党员大会' });
    await recordMember(f, event.id);
    const flag = async (openid: string) =>
      expectOk(await checkin(openid, 'listEvents', { communityId: DEMO, limit: 50 }), EventPage).items.find(
        (e) => e.id === event.id,
      )?.checkedIn;
    expect(await flag(demoPersonas.member)).toBe(true);
    expect(await flag(demoPersonas.resident)).toBe(false);
  });

  test("refuses a person without a role in the community (and each community's people the other) as FORBIDDEN", async () => {
    for (const openid of [demoPersonas.newcomer, 'no-profile-yet', otherPersonas.admin, otherPersonas.resident]) {
      expectError(await checkin(openid, 'listEvents', { communityId: DEMO }), 'FORBIDDEN', 'checkin.not-in-community');
    }
    expectError(
      await checkin(demoPersonas.admin, 'listEvents', { communityId: OTHER }),
      'FORBIDDEN',
      'checkin.not-in-community',
    );
  });

  test('refuses a bad `when` as VALIDATION and an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(
      await checkin(demoPersonas.member, 'listEvents', { communityId: DEMO, when: 'soon' }),
      'VALIDATION',
      'input.invalid',
    );
    expectError(await checkin(null, 'listEvents', { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('checkin.liveCode', () => {
  test('gives the organiser and the admins a code for this event that expires within a minute', async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader });
    for (const openid of [demoPersonas.leader, demoPersonas.admin]) {
      const live = expectOk(await checkin(openid, 'liveCode', { eventId: event.id }), LiveCode);
      expect(parseCode(live.code)).toMatchObject({ kind: 'event', id: event.id });
      const expires = Date.parse(live.expiresAt) - Date.now();
      expect(expires).toBeGreaterThan(0);
      expect(expires).toBeLessThanOrEqual(60_000);
      expect(Date.parse(live.refreshAt)).toBeLessThan(Date.parse(live.expiresAt));
    }
  });

  test('is available from 10 minutes before check-in opens, not earlier', async () => {
    const soon = await makeEvent(f, { startIn: 35 }); // check-in opens in 5 minutes
    expectOk(await checkin(demoPersonas.admin, 'liveCode', { eventId: soon.id }), LiveCode);
    const later = await makeEvent(f, { startIn: 120 });
    const body = await checkin(demoPersonas.admin, 'liveCode', { eventId: later.id });
    expect(expectError(body, 'PRECONDITION_FAILED', 'event.code-not-yet').message).toContain('开放签到');
  });

  test('refuses an ended or a cancelled event as PRECONDITION_FAILED', async () => {
    const past = await makeEvent(f, { startIn: -180, minutes: 60 });
    expectError(
      await checkin(demoPersonas.admin, 'liveCode', { eventId: past.id }),
      'PRECONDITION_FAILED',
      'event.ended',
    );
    const event = await makeEvent(f);
    await checkin(demoPersonas.admin, 'cancelEvent', { eventId: event.id, reason: '临时取消' });
    expectError(
      await checkin(demoPersonas.admin, 'liveCode', { eventId: event.id }),
      'PRECONDITION_FAILED',
      'event.cancelled',
    );
  });

  test("refuses a member, another leader and the other community's admin as FORBIDDEN", async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader });
    for (const openid of [demoPersonas.member, demoPersonas.estateLeader, otherPersonas.admin]) {
      expectError(await checkin(openid, 'liveCode', { eventId: event.id }), 'FORBIDDEN', 'event.not-manager');
    }
  });

  test('refuses an empty id as VALIDATION, an unknown event as NOT_FOUND, anonymous as UNAUTHENTICATED', async () => {
    expectError(await checkin(demoPersonas.admin, 'liveCode', { eventId: '' }), 'VALIDATION', 'input.invalid');
    expectError(await checkin(demoPersonas.admin, 'liveCode', { eventId: 'evt-nope' }), 'NOT_FOUND', 'event.not-found');
    expectError(await checkin(null, 'liveCode', { eventId: 'evt-nope' }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('checkin.recordAttendance', () => {
  let event: CheckinEvent;
  beforeAll(async () => {
    event = await makeEvent(f, { openid: demoPersonas.leader, title: '邻里议事会' });
  });
  const record = (openid: string | null, data: object) => checkin(openid, 'recordAttendance', data);

  test('records a member by hand with the reason: counted, points credited, audited', async () => {
    const before = balanceOf(f, DEMO, 'user-resident');
    const att = expectOk(
      await record(demoPersonas.leader, { eventId: event.id, userId: 'user-resident', reason: '老人不会扫码' }),
      Attendance,
    );
    expect(att).toMatchObject({
      userId: 'user-resident',
      userName: '张秀英',
      method: 'manual',
      reason: '老人不会扫码',
    });
    expect(f.find('checkins', { _id: `${event.id}:user-resident` })).toEqual([
      expect.objectContaining({
        method: 'manual',
        recordedBy: 'user-leader',
        communityId: DEMO,
        eventTitle: '邻里议事会',
      }),
    ]);
    expect(f.find('events', { _id: event.id })[0]?.checkedInCount).toBe(1);
    expect(f.find('point_ledger', { _id: `checkin:${event.id}:user-resident` })).toEqual([
      expect.objectContaining({ amount: 2, reason: 'checkin', createdBy: 'user-leader' }),
    ]);
    expect(balanceOf(f, DEMO, 'user-resident')).toBe(before + 2);
    expect(f.find('audit_log', { targetId: `${event.id}:user-resident` })).toEqual([
      expect.objectContaining({ action: 'checkin.recordAttendance', actorId: 'user-leader' }),
    ]);
  });

  test('counts a second record of the same member once: the first record back, nothing written', async () => {
    const again = await f.expectNothingWritten(() =>
      record(demoPersonas.admin, { eventId: event.id, userId: 'user-resident', reason: '再登记一次' }),
    );
    expect(expectOk(again, Attendance)).toMatchObject({ reason: '老人不会扫码', method: 'manual' });
  });

  test('may record after the event has ended, but not before check-in opens or for a cancelled event', async () => {
    const past = await makeEvent(f, { startIn: -300, minutes: 60 });
    expectOk(
      await record(demoPersonas.admin, { eventId: past.id, userId: 'user-member', reason: '会后补录' }),
      Attendance,
    );
    const future = await makeEvent(f, { startIn: 120 });
    const early = await f.expectNothingWritten(() =>
      record(demoPersonas.admin, { eventId: future.id, userId: 'user-member', reason: '提前登记' }),
    );
    expectError(early, 'PRECONDITION_FAILED', 'checkin.outside-window');
    const gone = await makeEvent(f);
    await checkin(demoPersonas.admin, 'cancelEvent', { eventId: gone.id, reason: '取消了' });
    const cancelled = await f.expectNothingWritten(() =>
      record(demoPersonas.admin, { eventId: gone.id, userId: 'user-member', reason: '登记一下' }),
    );
    expectError(cancelled, 'PRECONDITION_FAILED', 'event.cancelled');
  });

  test('refuses a person of another community as FORBIDDEN and an unknown person as NOT_FOUND', async () => {
    const foreign = await f.expectNothingWritten(() =>
      record(demoPersonas.admin, { eventId: event.id, userId: 'user-other-resident', reason: '路过参加' }),
    );
    expectError(foreign, 'FORBIDDEN', 'checkin.not-in-community');
    const nobody = await f.expectNothingWritten(() =>
      record(demoPersonas.admin, { eventId: event.id, userId: 'user-nobody', reason: '路过参加' }),
    );
    expectError(nobody, 'NOT_FOUND', 'user.not-found');
  });

  test("refuses a member, another leader and the other community's admin as FORBIDDEN", async () => {
    for (const openid of [demoPersonas.member, demoPersonas.estateLeader, otherPersonas.admin]) {
      const body = await f.expectNothingWritten(() =>
        record(openid, { eventId: event.id, userId: 'user-member', reason: '帮忙登记' }),
      );
      expectError(body, 'FORBIDDEN', 'event.not-manager');
    }
  });

  test('refuses a missing reason as VALIDATION and an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(
      await f.expectNothingWritten(() => record(demoPersonas.leader, { eventId: event.id, userId: 'user-member' })),
      'VALIDATION',
      'input.invalid',
    );
    expectError(
      await record(null, { eventId: event.id, userId: 'user-member', reason: '帮忙登记' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('checkin.listAttendance', () => {
  test('shows the organiser and the admins who attended, in order of arrival, paged', async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader });
    for (const userId of ['user-member', 'user-resident', 'user-liaison']) {
      expectOk(
        await checkin(demoPersonas.leader, 'recordAttendance', { eventId: event.id, userId, reason: '现场登记' }),
        Attendance,
      );
    }
    const page = expectOk(
      await checkin(demoPersonas.leader, 'listAttendance', { eventId: event.id, limit: 2 }),
      AttendancePage,
    );
    expect(page.items.map((a) => a.userName)).toEqual(['李建国', '张秀英']);
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = expectOk(
      await checkin(demoPersonas.admin, 'listAttendance', { eventId: event.id, cursor: page.nextCursor! }),
      AttendancePage,
    );
    expect(rest.items.map((a) => [a.userName, a.method])).toEqual([['刘芳', 'manual']]);
  });

  test("refuses a member, another leader and the other community's admin as FORBIDDEN", async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader });
    for (const openid of [demoPersonas.member, demoPersonas.estateLeader, otherPersonas.admin]) {
      expectError(await checkin(openid, 'listAttendance', { eventId: event.id }), 'FORBIDDEN', 'event.not-manager');
    }
  });

  test('refuses a bad limit as VALIDATION, an unknown event as NOT_FOUND, anonymous as UNAUTHENTICATED', async () => {
    expectError(
      await checkin(demoPersonas.admin, 'listAttendance', { eventId: 'evt-x', limit: 0 }),
      'VALIDATION',
      'input.invalid',
    );
    expectError(
      await checkin(demoPersonas.admin, 'listAttendance', { eventId: 'evt-nope' }),
      'NOT_FOUND',
      'event.not-found',
    );
    expectError(await checkin(null, 'listAttendance', { eventId: 'evt-nope' }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});
