/**
 * Issue #12 in the checkin area: an event's schedule stays inside its bounds; nobody records
 * their own attendance; attendance of a past event is recorded only within the set number of
 * days; an organiser's rights end with their role (the event passes to the community's admins);
 * and a registration whose member role was revoked has ended, so its lock no longer blocks
 * registering again. Every refusal writes nothing.
 */
import {
  Attendance,
  AttendancePage,
  CheckInResult,
  CheckinEvent,
  EventPage,
  LiveCode,
  MyRegistrationsResult,
  Registration,
  RegistrationPage,
} from '../../types/checkin';
import { saveDemoRules } from '../points/helpers';
import { roleId } from '../../cloudfunctions/_shared/documents';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { codeFor, declarePartyMembers, expectError, expectOk, makeEvent, patch, recordMember } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, demoPersonas.resident, demoPersonas.newcomer);
}, 20_000);
afterAll(async () => {
  await f.stop();
});

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const checkin = (openid: string | null, action: string, data: object) => f.call(openid, 'checkin', action, data);

/** The admin sets the community's integrity limits through points.updateRules (the other rules as default). */
async function setLimits(limits: { maxActivityHours?: number; attendanceCorrectionDays?: number }) {
  expect((await saveDemoRules(f, limits)).ok).toBe(true);
}

const eventInput = (start: Date, end: Date) => ({
  communityId: DEMO,
  title: '十二月主题党日',
  kind: 'party_day',
  place: '社区党群服务中心',
  startAt: start.toISOString(),
  endAt: end.toISOString(),
});

describe('schedule bounds on createEvent', () => {
  test('refuses an event in year 9999 or dated 1990 as VALIDATION naming startAt, writing nothing', async () => {
    const cases: Array<[Date, string]> = [
      // years outside 2000–2100 are no dates at all (types/time.ts), refused by the input schema
      [new Date('9999-06-01T01:00:00Z'), 'input.invalid'],
      [new Date('1990-06-01T01:00:00Z'), 'input.invalid'],
      [new Date('2099-06-01T01:00:00Z'), 'schedule.too-far-ahead'],
      [new Date('2015-06-01T01:00:00Z'), 'schedule.before-community'],
      [new Date(Date.now() - 2 * DAY), 'schedule.in-the-past'],
    ];
    for (const [start, reason] of cases) {
      const body = await f.expectNothingWritten(() =>
        checkin(demoPersonas.leader, 'createEvent', eventInput(start, new Date(start.getTime() + HOUR))),
      );
      expect(expectError(body, 'VALIDATION', reason).fields).toHaveProperty('startAt');
    }
  });

  test('refuses an event longer than 12 hours; the limit follows the community setting', async () => {
    const start = new Date(Date.now() + DAY);
    const long = eventInput(start, new Date(start.getTime() + 13 * HOUR));
    const body = await f.expectNothingWritten(() => checkin(demoPersonas.admin, 'createEvent', long));
    expect(expectError(body, 'VALIDATION', 'schedule.too-long').fields).toHaveProperty('endAt');
    await setLimits({ maxActivityHours: 14 });
    try {
      expectOk(await checkin(demoPersonas.admin, 'createEvent', long), CheckinEvent);
    } finally {
      await setLimits({ maxActivityHours: 12 });
    }
  });
});

describe('no self-crediting', () => {
  test('refuses a building leader recording their own attendance, writing nothing; the admin may record them', async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader });
    const own = { eventId: event.id, userId: 'user-leader', reason: '本人参加了' };
    const body = await f.expectNothingWritten(() => checkin(demoPersonas.leader, 'recordAttendance', own));
    expectError(body, 'FORBIDDEN', 'attendance.self-credit');
    // nor at an event dated in 1990 (moved there in the database: creating one is refused)
    const old = await makeEvent(f, { openid: demoPersonas.leader });
    patch(f, 'events', old.id, {
      startAt: new Date('1990-07-01T01:00:00Z'),
      endAt: new Date('1990-07-01T03:00:00Z'),
      checkinOpensAt: new Date('1990-07-01T00:30:00Z'),
    });
    expectError(
      await f.expectNothingWritten(() => checkin(demoPersonas.leader, 'recordAttendance', { ...own, eventId: old.id })),
      'FORBIDDEN',
      'attendance.self-credit',
    );
    expectError(
      await f.expectNothingWritten(() => checkin(demoPersonas.admin, 'recordAttendance', { ...own, eventId: old.id })),
      'PRECONDITION_FAILED',
      'attendance.correction-closed',
    );
    // the organiser cannot scan their own code either; the admin records them instead
    const self = await f.expectNothingWritten(() =>
      checkin(demoPersonas.leader, 'checkIn', { code: codeFor(f, event.id) }),
    );
    expectError(self, 'FORBIDDEN', 'attendance.self-credit');
    expectOk(await checkin(demoPersonas.admin, 'recordAttendance', own), Attendance);
    expectOk(await checkin(demoPersonas.member, 'checkIn', { code: codeFor(f, event.id) }), CheckInResult);
  });

  test('refuses an admin recording their own attendance', async () => {
    const event = await makeEvent(f);
    const body = await f.expectNothingWritten(() =>
      checkin(demoPersonas.admin, 'recordAttendance', { eventId: event.id, userId: 'user-admin', reason: '我也到了' }),
    );
    expectError(body, 'FORBIDDEN', 'attendance.self-credit');
  });
});

describe('recording attendance of a past event', () => {
  test('an event that ended 8 days ago is refused, 6 days ago accepted, and the setting honoured', async () => {
    const eightDays = await makeEvent(f, { startIn: -8 * 24 * 60 - 60, minutes: 60 });
    const sixDays = await makeEvent(f, { startIn: -6 * 24 * 60 - 60, minutes: 60 });
    const input = (eventId: string) => ({ eventId, userId: 'user-member', reason: '会后补录' });
    const body = await f.expectNothingWritten(() =>
      checkin(demoPersonas.admin, 'recordAttendance', input(eightDays.id)),
    );
    expectError(body, 'PRECONDITION_FAILED', 'attendance.correction-closed');
    expectOk(await checkin(demoPersonas.admin, 'recordAttendance', input(sixDays.id)), Attendance);
    await setLimits({ attendanceCorrectionDays: 10 });
    try {
      expectOk(await checkin(demoPersonas.admin, 'recordAttendance', input(eightDays.id)), Attendance);
      await setLimits({ attendanceCorrectionDays: 0 });
      const yesterday = await makeEvent(f, { startIn: -26 * 60, minutes: 60 });
      expectError(
        await f.expectNothingWritten(() => checkin(demoPersonas.admin, 'recordAttendance', input(yesterday.id))),
        'PRECONDITION_FAILED',
        'attendance.correction-closed',
      );
    } finally {
      await setLimits({ attendanceCorrectionDays: 7 });
    }
  });
});

describe('rights end with the role', () => {
  test('after the leader role is revoked, the former organiser is refused and the admins manage the event', async () => {
    const event = await makeEvent(f, { openid: demoPersonas.leader, title: '楼栋议事会' });
    expectOk(await checkin(demoPersonas.leader, 'liveCode', { eventId: event.id }), LiveCode);
    const leaderRole = roleId('building_leader', 'user-leader', 'bld-xfl-1');
    expect(f.find('roles', { _id: leaderRole })).toHaveLength(1);
    const revoked = await f.call(demoPersonas.admin, 'account', 'revokeRole', { roleId: leaderRole, reason: '换届' });
    expect(revoked.ok).toBe(true);

    const attempts: Array<[string, object]> = [
      ['liveCode', { eventId: event.id }],
      ['listAttendance', { eventId: event.id }],
      ['recordAttendance', { eventId: event.id, userId: 'user-member', reason: '手机没电' }],
      ['cancelEvent', { eventId: event.id, reason: '不办了' }],
    ];
    for (const [action, data] of attempts) {
      const body = await f.expectNothingWritten(() => checkin(demoPersonas.leader, action, data));
      expectError(body, 'FORBIDDEN', 'event.not-manager');
    }
    // nor may they create a new one
    expectError(
      await f.expectNothingWritten(() =>
        checkin(
          demoPersonas.leader,
          'createEvent',
          eventInput(new Date(Date.now() + DAY), new Date(Date.now() + DAY + HOUR)),
        ),
      ),
      'FORBIDDEN',
      'event.not-organiser',
    );

    const listed = expectOk(
      await checkin(demoPersonas.member, 'listEvents', { communityId: DEMO, limit: 50 }),
      EventPage,
    );
    expect(listed.items.find((e) => e.id === event.id)).toMatchObject({
      organiserName: event.organiserName,
      managedByAdmins: true,
    });
    expectOk(await checkin(demoPersonas.admin, 'liveCode', { eventId: event.id }), LiveCode);
    await recordMember(f, event.id);
    expect(
      expectOk(await checkin(demoPersonas.admin, 'listAttendance', { eventId: event.id }), AttendancePage).items,
    ).toHaveLength(1);
    const cancelled = expectOk(
      await checkin(demoPersonas.admin, 'cancelEvent', { eventId: event.id, reason: '不办了' }),
      CheckinEvent,
    );
    expect(cancelled).toMatchObject({ cancelled: true, managedByAdmins: true });
  });
});

describe('registration lock vs revokeRole', () => {
  const input = {
    communityId: DEMO,
    workUnitId: 'wu-hospital',
    householdId: 'hh-xfl-1-102',
    skills: ['量血压'],
    intentions: ['elderly'],
  };

  test('after the member role is revoked the registration has ended, its lock is released and the person registers again', async () => {
    const reg = expectOk(await checkin(demoPersonas.resident, 'registerMember', input), Registration);
    expectOk(
      await checkin(demoPersonas.admin, 'decideRegistration', { registrationId: reg.id, decision: 'approve' }),
      Registration,
    );
    // while the role exists, a second registration is refused and writes nothing
    expectError(
      await f.expectNothingWritten(() => checkin(demoPersonas.resident, 'registerMember', input)),
      'CONFLICT',
      'registration.already-open',
    );
    const memberRole = roleId('member', 'user-resident', DEMO);
    expect(
      (await f.call(demoPersonas.admin, 'account', 'revokeRole', { roleId: memberRole, reason: '组织关系转出' })).ok,
    ).toBe(true);
    // the approval is older than a minute (an approval still writing its role is left alone)
    patch(f, 'registrations', reg.id, { decidedAt: new Date(Date.now() - 5 * MIN) });

    const mine = expectOk(await checkin(demoPersonas.resident, 'myRegistrations', {}), MyRegistrationsResult);
    expect(mine.items.find((r) => r.id === reg.id)?.status).toBe('ended');
    const again = expectOk(await checkin(demoPersonas.resident, 'registerMember', input), Registration);
    expect(again.status).toBe('pending');
    expect(f.find('registrations', { _id: reg.id })[0]).toMatchObject({ status: 'ended' });
    expect(f.find('locks', { _id: `registration:user-resident:${DEMO}` })[0]).toMatchObject({ holder: again.id });
    const listed = expectOk(
      await checkin(demoPersonas.admin, 'listRegistrations', { communityId: DEMO, limit: 50 }),
      RegistrationPage,
    );
    expect(listed.items.find((r) => r.id === reg.id)?.status).toBe('ended');
  });

  test('a registration approved moments ago is not ended while its role is being written', async () => {
    const reg = expectOk(
      await checkin(demoPersonas.newcomer, 'registerMember', { ...input, householdId: 'hh-xfl-1-101' }),
      Registration,
    );
    patch(f, 'registrations', reg.id, { status: 'approved', decidedAt: new Date(), decidedBy: 'user-admin' });
    expectError(
      await f.expectNothingWritten(() =>
        checkin(demoPersonas.newcomer, 'registerMember', { ...input, householdId: 'hh-xfl-1-101' }),
      ),
      'CONFLICT',
      'registration.already-open',
    );
  });
});
