/**
 * Issue #12 in the volunteer area: an activity's schedule stays inside its bounds (length per the
 * community's setting, not before the community existed, not years ahead, not in the past);
 * hand-written times stay inside the activity and never in the future; credited hours never
 * exceed the activity's length; nobody credits their own hours; corrections close a set number
 * of days after the end; and an organiser's rights end with their role. Every refusal writes
 * nothing.
 */
import { EJSON } from 'bson';
import {
  Activity,
  ActivityPage,
  AttendanceResult,
  LiveCode,
  Roster,
  RosterEntry,
  SignupResult,
} from '../../types/volunteer';
import { saveDemoRules } from '../points/helpers';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { MIN, balanceOf, codeFor, expectError, expectOk, patch, publish } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const call = (openid: string | null, action: string, data: object) => f.call(openid, 'volunteer', action, data);

/** The admin sets the community's integrity limits through points.updateRules (the other rules as default). */
async function setLimits(limits: { maxActivityHours?: number; attendanceCorrectionDays?: number }) {
  expect((await saveDemoRules(f, limits)).ok).toBe(true);
}

function publishInput(start: Date, end: Date) {
  return {
    communityId: DEMO,
    title: '社区环境整治',
    category: 'environment',
    description: '清理楼道杂物、绿化带垃圾',
    place: '幸福里小区',
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    signupDeadline: new Date(Math.min(start.getTime(), Date.now() + HOUR)).toISOString(),
    quota: 5,
    pointsPerHour: 4,
    audience: 'everyone',
  };
}

/** An activity with the given sign-ups confirmed, moved to run [now − startedAgo, now + endsIn] (minutes). */
async function withSignups(
  signers: string[],
  startedAgo: number,
  endsIn: number,
  opts: Parameters<typeof publish>[1] = {},
) {
  const a = await publish(f, { quota: 10, pointsPerHour: 4, ...opts });
  for (const p of signers) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  const startAt = new Date(Date.now() - startedAgo * MIN);
  const endAt = new Date(Date.now() + endsIn * MIN);
  patch(f, 'activities', a.id, { startAt, endAt, signupDeadline: new Date(startAt.getTime() - MIN) });
  return { ...a, startAt: startAt.toISOString(), endAt: endAt.toISOString() };
}

function removeDoc(collection: string, id: string): void {
  const reply = f.server.db.handle({
    action: 'database.removeDocument',
    collectionName: collection,
    query: EJSON.stringify({ _id: id }, { relaxed: false }),
    multi: false,
  }) as { code?: string; message?: string };
  if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
}

describe('schedule bounds on publish', () => {
  test('refuses an activity in year 9999, or ending in year 9999, as VALIDATION naming the field, writing nothing', async () => {
    const far = new Date('9999-12-31T01:00:00Z');
    const ahead = await f.expectNothingWritten(() =>
      call(demoPersonas.admin, 'publish', publishInput(far, new Date(far.getTime() + 2 * HOUR))),
    );
    // Year 9999 is not a date the app accepts at all (types/time.ts: years 2000–2100).
    expect(expectError(ahead, 'VALIDATION', 'input.invalid').fields).toHaveProperty('startAt');
    const tomorrow = new Date(Date.now() + DAY);
    const endless = await f.expectNothingWritten(() =>
      call(demoPersonas.admin, 'publish', publishInput(tomorrow, far)),
    );
    expect(expectError(endless, 'VALIDATION', 'input.invalid').fields).toHaveProperty('endAt');
    const in2099 = new Date('2099-06-01T01:00:00Z');
    const longRun = await f.expectNothingWritten(() =>
      call(demoPersonas.admin, 'publish', publishInput(tomorrow, in2099)),
    );
    expect(expectError(longRun, 'VALIDATION', 'schedule.too-long').fields).toHaveProperty('endAt');
    const aheadIn2099 = await f.expectNothingWritten(() =>
      call(demoPersonas.admin, 'publish', publishInput(in2099, new Date(in2099.getTime() + 2 * HOUR))),
    );
    expect(expectError(aheadIn2099, 'VALIDATION', 'schedule.too-far-ahead').fields).toHaveProperty('startAt');
    const in400Days = new Date(Date.now() + 400 * DAY);
    expectError(
      await f.expectNothingWritten(() =>
        call(demoPersonas.admin, 'publish', publishInput(in400Days, new Date(in400Days.getTime() + HOUR))),
      ),
      'VALIDATION',
      'schedule.too-far-ahead',
    );
  });

  test('refuses an activity longer than 12 hours; the limit follows the community setting', async () => {
    const start = new Date(Date.now() + DAY);
    const thirteen = publishInput(start, new Date(start.getTime() + 13 * HOUR));
    const body = await f.expectNothingWritten(() => call(demoPersonas.admin, 'publish', thirteen));
    expect(expectError(body, 'VALIDATION', 'schedule.too-long').message).toContain('12小时');
    expectOk(
      await call(demoPersonas.admin, 'publish', publishInput(start, new Date(start.getTime() + 12 * HOUR))),
      Activity,
    );
    await setLimits({ maxActivityHours: 14 });
    try {
      expectOk(await call(demoPersonas.admin, 'publish', thirteen), Activity);
      await setLimits({ maxActivityHours: 2 });
      expectError(
        await f.expectNothingWritten(() =>
          call(demoPersonas.admin, 'publish', publishInput(start, new Date(start.getTime() + 3 * HOUR))),
        ),
        'VALIDATION',
        'schedule.too-long',
      );
    } finally {
      await setLimits({ maxActivityHours: 12 });
    }
  });

  test('refuses an activity starting before the community existed', async () => {
    const [community] = f.find('communities', { _id: DEMO });
    patch(f, 'communities', DEMO, { createdAt: new Date(Date.now() + 2 * DAY) });
    try {
      const start = new Date(Date.now() + DAY);
      const body = await f.expectNothingWritten(() =>
        call(demoPersonas.admin, 'publish', publishInput(start, new Date(start.getTime() + 2 * HOUR))),
      );
      expect(expectError(body, 'VALIDATION', 'schedule.before-community').fields).toHaveProperty('startAt');
    } finally {
      patch(f, 'communities', DEMO, { createdAt: community!.createdAt });
    }
  });

  test('refuses a new activity that started hours ago (a small grace for one under way)', async () => {
    const ago = new Date(Date.now() - 3 * HOUR);
    const body = await f.expectNothingWritten(() =>
      call(demoPersonas.admin, 'publish', publishInput(ago, new Date(ago.getTime() + 4 * HOUR))),
    );
    expect(expectError(body, 'VALIDATION', 'schedule.in-the-past').fields).toHaveProperty('startAt');
    const justNow = new Date(Date.now() - 10 * MIN);
    expectOk(
      await call(demoPersonas.admin, 'publish', publishInput(justNow, new Date(justNow.getTime() + HOUR))),
      Activity,
    );
  });
});

describe('no self-crediting', () => {
  test('refuses an organiser who marks their own sign-up completed, writing nothing; another manager may', async () => {
    // The liaison organises for their unit and serves at it; the admin serves at their own.
    const unit = await withSignups([demoPersonas.liaison, demoPersonas.member], 90, 60, {
      openid: demoPersonas.liaison,
      audience: 'work_unit',
      workUnitId: 'wu-tax',
    });
    const input = {
      activityId: unit.id,
      userId: 'user-liaison',
      state: 'completed',
      checkedInAt: unit.startAt,
      checkedOutAt: new Date(Date.parse(unit.startAt) + 60 * MIN).toISOString(),
      reason: '组织者本人全程参加',
    };
    const self = await f.expectNothingWritten(() => call(demoPersonas.liaison, 'correctAttendance', input));
    expectError(self, 'FORBIDDEN', 'attendance.self-credit');
    expectError(
      await f.expectNothingWritten(() =>
        call(demoPersonas.liaison, 'correctAttendance', { ...input, state: 'no_show', reason: '改成未到' }),
      ),
      'FORBIDDEN',
      'attendance.self-credit',
    );
    // the admin credits the liaison; the liaison may still correct the member
    expect(expectOk(await call(demoPersonas.admin, 'correctAttendance', input), RosterEntry).hours).toBe(1);
    expectOk(
      await call(demoPersonas.liaison, 'correctAttendance', { ...input, userId: 'user-member', reason: '现场登记' }),
      RosterEntry,
    );

    const own = await withSignups([demoPersonas.admin], 90, 60);
    expectError(
      await f.expectNothingWritten(() =>
        call(demoPersonas.admin, 'correctAttendance', { ...input, activityId: own.id, userId: 'user-admin' }),
      ),
      'FORBIDDEN',
      'attendance.self-credit',
    );
  });

  test('refuses an organiser scanning their own activity’s code; a volunteer’s own scan is fine', async () => {
    const a = await withSignups([demoPersonas.admin, demoPersonas.member], 30, 60);
    const live = expectOk(await call(demoPersonas.admin, 'liveCode', { activityId: a.id, direction: 'in' }), LiveCode);
    expectError(
      await f.expectNothingWritten(() => call(demoPersonas.admin, 'scan', { code: live.code })),
      'FORBIDDEN',
      'attendance.self-credit',
    );
    expectOk(await call(demoPersonas.member, 'scan', { code: live.code }), AttendanceResult);
  });
});

describe('hand-written times and hours', () => {
  test('refuses a correction with a check-out in the future, before the check-in, or outside the activity', async () => {
    const a = await withSignups([demoPersonas.member], 90, 60);
    const base = { activityId: a.id, userId: 'user-member', state: 'completed', reason: '补录考勤' };
    const start = Date.parse(a.startAt);
    const cases: Array<[object, string, string]> = [
      [
        { checkedInAt: a.startAt, checkedOutAt: new Date(Date.now() + 30 * MIN).toISOString() },
        'attendance.in-future',
        'checkedOutAt',
      ],
      [{ checkedInAt: a.startAt, checkedOutAt: '9999-01-01T00:00:00.000Z' }, 'input.invalid', 'checkedOutAt'],
      [{ checkedInAt: a.startAt, checkedOutAt: '2099-01-01T00:00:00.000Z' }, 'attendance.in-future', 'checkedOutAt'],
      [
        {
          checkedInAt: new Date(start + 60 * MIN).toISOString(),
          checkedOutAt: new Date(start + 30 * MIN).toISOString(),
        },
        'attendance.invalid-times',
        'checkedOutAt',
      ],
      [
        {
          checkedInAt: new Date(start - 3 * HOUR).toISOString(),
          checkedOutAt: new Date(start + 30 * MIN).toISOString(),
        },
        'attendance.outside-activity',
        'checkedInAt',
      ],
      [
        { checkedInAt: '1990-01-01T00:00:00.000Z', checkedOutAt: new Date(start + 30 * MIN).toISOString() },
        'input.invalid',
        'checkedInAt',
      ],
      [
        { checkedInAt: '2021-01-01T00:00:00.000Z', checkedOutAt: new Date(start + 30 * MIN).toISOString() },
        'attendance.outside-activity',
        'checkedInAt',
      ],
    ];
    for (const [times, reason, field] of cases) {
      const body = await f.expectNothingWritten(() =>
        call(demoPersonas.admin, 'correctAttendance', { ...base, ...times }),
      );
      expect(expectError(body, 'VALIDATION', reason).fields).toHaveProperty(field);
    }
  });

  test('credits never more hours than the activity lasts, whatever the correction or the stored length', async () => {
    // a 2-hour activity that ended 10 minutes ago; the widest correction allowed is 30 min either side
    const a = await withSignups([demoPersonas.member], 130, -10);
    const before = balanceOf(f, DEMO, 'user-member');
    const wide = expectOk(
      await call(demoPersonas.admin, 'correctAttendance', {
        activityId: a.id,
        userId: 'user-member',
        state: 'completed',
        checkedInAt: new Date(Date.parse(a.startAt) - 30 * MIN).toISOString(),
        checkedOutAt: new Date(Date.parse(a.endAt) + 9 * MIN).toISOString(),
        reason: '全程参加',
      }),
      RosterEntry,
    );
    expect(wide.hours).toBe(2);
    expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 8);

    // an activity stored before the bounds (20 hours long): its hours stop at the community's limit
    const legacy = await withSignups([demoPersonas.member], 20 * 60 - 5, 60);
    patch(f, 'signups', `${legacy.id}:user-member`, { state: 'checked_in', checkedInAt: new Date(legacy.startAt) });
    const out = expectOk(
      await call(demoPersonas.member, 'scan', { code: codeFor(f, legacy.id, 'out') }),
      AttendanceResult,
    );
    expect(out.hours).toBe(12);
    // the close-attendance job caps the same way
    const legacy2 = await withSignups([demoPersonas.member], 21 * 60, -10);
    patch(f, 'signups', `${legacy2.id}:user-member`, { state: 'checked_in', checkedInAt: new Date(legacy2.startAt) });
    await f.server.functions.fireTimer('volunteer', 'close-attendance');
    expect(f.find('signups', { _id: `${legacy2.id}:user-member` })[0]).toMatchObject({ state: 'completed', hours: 12 });
  });

  test('corrects attendance up to the set number of days after the end: 8 days ago refused, 6 accepted, setting honoured', async () => {
    const old = await withSignups([demoPersonas.member], 8 * 24 * 60 + 120, -8 * 24 * 60);
    const recent = await withSignups([demoPersonas.member], 6 * 24 * 60 + 120, -6 * 24 * 60);
    const input = (a: { id: string; startAt: string; endAt: string }) => ({
      activityId: a.id,
      userId: 'user-member',
      state: 'completed',
      checkedInAt: a.startAt,
      checkedOutAt: a.endAt,
      reason: '会后补录',
    });
    const body = await f.expectNothingWritten(() => call(demoPersonas.admin, 'correctAttendance', input(old)));
    expectError(body, 'PRECONDITION_FAILED', 'attendance.correction-closed');
    expect(expectOk(await call(demoPersonas.admin, 'correctAttendance', input(recent)), RosterEntry).hours).toBe(2);
    await setLimits({ attendanceCorrectionDays: 10 });
    try {
      expectOk(await call(demoPersonas.admin, 'correctAttendance', input(old)), RosterEntry);
    } finally {
      await setLimits({ attendanceCorrectionDays: 7 });
    }
  });
});

describe('rights end with the role', () => {
  test('after the liaison role is removed, the former organiser is refused everywhere and the admins manage it', async () => {
    const a = await withSignups([demoPersonas.member], 30, 90, {
      openid: demoPersonas.liaison,
      audience: 'work_unit',
      workUnitId: 'wu-tax',
    });
    patch(f, 'activities', a.id, { signupDeadline: new Date(Date.now() + 30 * MIN) });
    const liaisonRole = f.find('roles', { userId: 'user-liaison', kind: 'liaison' })[0]!;
    expectOk(await call(demoPersonas.liaison, 'roster', { activityId: a.id }), Roster);
    removeDoc('roles', liaisonRole._id as string);
    try {
      const attempts: Array<[string, object]> = [
        ['edit', { activityId: a.id, title: '改个名字' }],
        ['cancel', { activityId: a.id, reason: '不办了' }],
        ['liveCode', { activityId: a.id, direction: 'in' }],
        ['roster', { activityId: a.id }],
        ['exportRoster', { activityId: a.id }],
        ['correctAttendance', { activityId: a.id, userId: 'user-member', state: 'no_show', reason: '核实未到' }],
      ];
      for (const [action, data] of attempts) {
        const body = await f.expectNothingWritten(() => call(demoPersonas.liaison, action, data));
        expectError(body, 'FORBIDDEN', 'activity.not-manager');
      }
      // the activity shows it is now managed by the community's admins, who can do all of it
      const seen = expectOk(await call(demoPersonas.member, 'get', { activityId: a.id }), Activity);
      expect(seen).toMatchObject({ organiserName: a.organiserName, managedByAdmins: true });
      const listed = expectOk(await call(demoPersonas.member, 'list', { communityId: DEMO, limit: 50 }), ActivityPage);
      expect(listed.items.find((x) => x.id === a.id)?.managedByAdmins).toBe(true);
      const roster = expectOk(await call(demoPersonas.admin, 'roster', { activityId: a.id }), Roster);
      expect(roster.entries[0]!.phone).toMatch(/^\d{11}$/);
      expectOk(await call(demoPersonas.admin, 'liveCode', { activityId: a.id, direction: 'in' }), LiveCode);
      expect((await call(demoPersonas.admin, 'exportRoster', { activityId: a.id })).ok).toBe(true);
      expectOk(await call(demoPersonas.admin, 'edit', { activityId: a.id, title: '改个名字' }), Activity);
      expectOk(
        await call(demoPersonas.admin, 'correctAttendance', {
          activityId: a.id,
          userId: 'user-member',
          state: 'no_show',
          reason: '核实未到',
        }),
        RosterEntry,
      );
      expect(
        expectOk(await call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '不办了' }), Activity).cancelled,
      ).toBe(true);
    } finally {
      f.insert('roles', [liaisonRole]);
    }
    // while the role is held, the view says the organiser manages it
    const again = await publish(f, { openid: demoPersonas.liaison, audience: 'work_unit', workUnitId: 'wu-tax' });
    expect(again.managedByAdmins).toBe(false);
  });
});
