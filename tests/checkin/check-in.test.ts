/**
 * Checking in (签到) with an event's rotating QR code: accepted once per member and event, also
 * when a hundred scans arrive at the same moment; expired (replayed), forged, other-event,
 * not-yet-open, closed and cancelled codes are refused with their reasons, writing nothing.
 */
import { CheckInResult, LiveCode, type CheckinEvent } from '../../types/checkin';
import { newQrSecret, signCode } from '../../cloudfunctions/_shared/qr';
import { aCheckin } from '../support/factories';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { balanceOf, codeFor, expectError, expectOk, makeEvent } from './helpers';

let f: Fixture;
let event: CheckinEvent;
beforeAll(async () => {
  f = await startFixture();
  event = await makeEvent(f, { openid: demoPersonas.leader, title: '十一月主题党日' });
});
afterAll(async () => {
  await f.stop();
});

const scan = (openid: string | null, data: object) => f.call(openid, 'checkin', 'checkIn', data);
const live = async (eventId: string) =>
  expectOk(await f.call(demoPersonas.admin, 'checkin', 'liveCode', { eventId }), LiveCode).code;

describe('checkin.checkIn', () => {
  test("checks a member in with the organiser's live code: recorded, counted, points credited", async () => {
    const code = await live(event.id);
    const result = expectOk(await scan(demoPersonas.member, { code, eventId: event.id }), CheckInResult);
    expect(result).toMatchObject({
      eventId: event.id,
      eventTitle: '十一月主题党日',
      alreadyCheckedIn: false,
      pointsAwarded: 2,
    });
    expect(f.find('checkins', { eventId: event.id })).toEqual([
      expect.objectContaining({
        _id: `${event.id}:user-member`,
        userId: 'user-member',
        userName: '李建国',
        communityId: DEMO,
        method: 'qr',
        reason: null,
        recordedBy: null,
        quarter: expect.stringMatching(/^\d{4}Q[1-4]$/),
      }),
    ]);
    expect(f.find('events', { _id: event.id })[0]?.checkedInCount).toBe(1);
    expect(f.find('point_ledger', { _id: `checkin:${event.id}:user-member` })).toEqual([
      expect.objectContaining({ amount: 2, reason: 'checkin', sourceId: event.id, communityId: DEMO }),
    ]);
    expect(balanceOf(f, DEMO, 'user-member')).toBe(2);
  });

  test('counts a second scan once: already checked in, the first time, no points, nothing written', async () => {
    const first = f.find('checkins', { _id: `${event.id}:user-member` })[0]!;
    const code = codeFor(f, event.id);
    const again = expectOk(await f.expectNothingWritten(() => scan(demoPersonas.member, { code })), CheckInResult);
    expect(again).toMatchObject({ alreadyCheckedIn: true, pointsAwarded: 0 });
    expect(Date.parse(again.checkedInAt)).toBe(new Date(first.checkedInAt).getTime());
  });

  test('counts a hundred simultaneous scans by one member once: one record, one ledger entry, one count', async () => {
    const burst = await makeEvent(f, { title: '冬季消防演练' });
    const code = codeFor(f, burst.id);
    const before = balanceOf(f, DEMO, 'user-liaison');
    const results = await Promise.all(Array.from({ length: 100 }, () => scan(demoPersonas.liaison, { code })));
    const data = results.map((r) => expectOk(r, CheckInResult));
    expect(data.filter((d) => !d.alreadyCheckedIn)).toHaveLength(1);
    expect(data.reduce((sum, d) => sum + d.pointsAwarded, 0)).toBe(2);
    expect(f.find('checkins', { eventId: burst.id })).toHaveLength(1);
    expect(f.find('point_ledger', { sourceId: burst.id })).toHaveLength(1);
    expect(balanceOf(f, DEMO, 'user-liaison')).toBe(before + 2);
    expect(f.find('events', { _id: burst.id })[0]?.checkedInCount).toBe(1);
  }, 20_000);

  test('makes good the points of a check-in whose first attempt died before crediting, once', async () => {
    const broken = await makeEvent(f, { title: '断电后的党日' });
    const checkedInAt = new Date(Date.now() - 5 * 60 * 1000);
    f.insert('checkins', [
      aCheckin({
        eventId: broken.id,
        eventTitle: broken.title,
        communityId: DEMO,
        userId: 'user-council-chair',
        userName: '赵德明',
        quarter: '2026Q4',
        checkedInAt,
      }),
    ]);
    const healed = expectOk(await scan(demoPersonas.councilChair, { code: codeFor(f, broken.id) }), CheckInResult);
    expect(healed).toMatchObject({ alreadyCheckedIn: true, pointsAwarded: 2, checkedInAt: checkedInAt.toISOString() });
    expect(f.find('point_ledger', { _id: `checkin:${broken.id}:user-council-chair` })).toHaveLength(1);
    const again = await f.expectNothingWritten(() => scan(demoPersonas.councilChair, { code: codeFor(f, broken.id) }));
    expect(expectOk(again, CheckInResult).pointsAwarded).toBe(0);
  });

  test('refuses a replayed code from two minutes ago as expired, and writes nothing', async () => {
    const old = codeFor(f, event.id, -120);
    const body = await f.expectNothingWritten(() => scan(demoPersonas.resident, { code: old }));
    expect(expectError(body, 'PRECONDITION_FAILED', 'qr.expired').message).toBe(
      '签到码已过期，请重新扫描现场的最新二维码',
    );
  });

  test("accepts the previous slot's code (a scan at the turn of the slot)", async () => {
    // Not in the last seconds of a slot, so the server is still in the slot after the signed one.
    const intoSlot = (Date.now() / 1000) % 30;
    if (intoSlot > 27) await new Promise((resolve) => setTimeout(resolve, (30.2 - intoSlot) * 1000));
    const previous = codeFor(f, event.id, -30);
    expect(expectOk(await scan(demoPersonas.resident, { code: previous }), CheckInResult).alreadyCheckedIn).toBe(false);
  });

  test('refuses a code from the future as not yet valid, and writes nothing', async () => {
    const ahead = codeFor(f, event.id, 90);
    expectError(
      await f.expectNothingWritten(() => scan(demoPersonas.estateLeader, { code: ahead })),
      'PRECONDITION_FAILED',
      'qr.not-yet-valid',
    );
  });

  test('refuses a code signed with another secret as forged, and writes nothing', async () => {
    const forged = codeFor(f, event.id, 0, newQrSecret());
    const body = await f.expectNothingWritten(() => scan(demoPersonas.estateLeader, { code: forged }));
    expectError(body, 'PRECONDITION_FAILED', 'qr.forged');
  });

  test("refuses another event's valid code scanned on this event's page as wrong-event", async () => {
    const other = await makeEvent(f, { title: '楼道议事' });
    const body = await f.expectNothingWritten(() =>
      scan(demoPersonas.estateLeader, { code: codeFor(f, other.id), eventId: event.id }),
    );
    expect(expectError(body, 'PRECONDITION_FAILED', 'qr.wrong-event').message).toBe('这不是本活动的签到码');
  });

  test('refuses text that is not our code, or a volunteer-activity code, as malformed', async () => {
    for (const code of [
      'https://example.com/x',
      'HSLL1.event.evt-1.notaslot.abc',
      signCode('s', 'activity-in', 'act-1', new Date()).code,
    ]) {
      const body = await f.expectNothingWritten(() => scan(demoPersonas.estateLeader, { code }));
      expect(expectError(body, 'PRECONDITION_FAILED', 'qr.malformed').message).toBe('这不是本系统的签到码');
    }
  });

  test('refuses a valid code before check-in opens, naming when it opens in China time', async () => {
    const future = await makeEvent(f, { startIn: 120 });
    const body = await f.expectNothingWritten(() => scan(demoPersonas.member, { code: codeFor(f, future.id) }));
    const opens = new Date(Date.parse(future.checkinOpensAt) + 8 * 3600 * 1000).toISOString().slice(11, 16);
    const message = expectError(body, 'PRECONDITION_FAILED', 'checkin.outside-window').message;
    expect(message).toContain('签到尚未开始');
    expect(message).toContain(opens);
  });

  test('refuses a valid code after the event has ended', async () => {
    const past = await makeEvent(f, { startIn: -180, minutes: 60 });
    const body = await f.expectNothingWritten(() => scan(demoPersonas.member, { code: codeFor(f, past.id) }));
    expect(expectError(body, 'PRECONDITION_FAILED', 'checkin.outside-window').message).toContain('签到已结束');
  });

  test('refuses a valid code of a cancelled event', async () => {
    const gone = await makeEvent(f);
    const code = codeFor(f, gone.id);
    await f.call(demoPersonas.admin, 'checkin', 'cancelEvent', { eventId: gone.id, reason: '临时取消' });
    const body = await f.expectNothingWritten(() => scan(demoPersonas.member, { code }));
    expectError(body, 'PRECONDITION_FAILED', 'event.cancelled');
  });

  test('answers a well-formed code for an unknown event with NOT_FOUND', async () => {
    const code = signCode(newQrSecret(), 'event', 'evt-unknown', new Date()).code;
    expectError(
      await f.expectNothingWritten(() => scan(demoPersonas.member, { code })),
      'NOT_FOUND',
      'event.not-found',
    );
  });

  test("refuses people without a role in the event's community as FORBIDDEN, and writes nothing", async () => {
    const code = codeFor(f, event.id);
    for (const openid of [demoPersonas.newcomer, 'no-profile-yet', otherPersonas.admin, otherPersonas.resident]) {
      expectError(await f.expectNothingWritten(() => scan(openid, { code })), 'FORBIDDEN');
    }
    // And 幸福里's people cannot check in to 东湖's events.
    const donghu = await makeEvent(f, { openid: otherPersonas.admin, communityId: OTHER });
    expectError(
      await f.expectNothingWritten(() => scan(demoPersonas.admin, { code: codeFor(f, donghu.id) })),
      'FORBIDDEN',
      'checkin.not-in-community',
    );
    expectOk(await scan(otherPersonas.resident, { code: codeFor(f, donghu.id) }), CheckInResult);
  });

  test('refuses an empty code or an unknown field as VALIDATION, and an anonymous caller as UNAUTHENTICATED', async () => {
    const code = codeFor(f, event.id);
    expectError(
      await f.expectNothingWritten(() => scan(demoPersonas.member, { code: '' })),
      'VALIDATION',
      'input.invalid',
    );
    expectError(
      await f.expectNothingWritten(() => scan(demoPersonas.member, { code, userId: 'user-admin' })),
      'VALIDATION',
      'input.invalid',
    );
    expectError(await f.expectNothingWritten(() => scan(null, { code })), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});
