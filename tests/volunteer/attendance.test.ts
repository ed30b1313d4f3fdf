/**
 * On site: check-in and check-out with the activity's rotating codes, hours and points once,
 * refusals (expired, forged, other activity, wrong direction, not confirmed, outside the window)
 * writing nothing; the close-attendance job run twice; corrections with reversal.
 */
import { AttendanceResult, LiveCode, Roster, RosterEntry, SignupResult } from '../../types/volunteer';
import { newQrSecret, signCode } from '../../cloudfunctions/_shared/qr';
import { DEMO, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import { MIN, balanceOf, codeFor, expectError, expectOk, patch, publish } from './helpers';

const f = fileFixture();

const call = (openid: string | null, action: string, data: object) => f.call(openid, 'volunteer', action, data);

/** An activity with sign-ups taken, then moved so that it runs [now − startedAgo, now + endsIn]. */
async function running(signers: string[], startedAgo = 90, endsIn = 60, quota = 10) {
  const a = await publish(f, { quota, pointsPerHour: 4 });
  for (const p of signers) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  const startAt = new Date(Date.now() - startedAgo * MIN);
  const endAt = new Date(Date.now() + endsIn * MIN);
  patch(f, 'activities', a.id, { startAt, endAt, signupDeadline: new Date(startAt.getTime() - MIN) });
  return a;
}

test('check-in and check-out: hours are the overlap rounded down, points credited once', async () => {
  const a = await running([demoPersonas.member]);
  const live = expectOk(await call(demoPersonas.admin, 'liveCode', { activityId: a.id, direction: 'in' }), LiveCode);
  const inn = expectOk(
    await call(demoPersonas.member, 'scan', { code: live.code, activityId: a.id }),
    AttendanceResult,
  );
  expect(inn).toMatchObject({ state: 'checked_in', pointsAwarded: 0, checkedOutAt: null });
  // repeated check-in scans are idempotent
  const again = await f.expectNothingWritten(() => call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'in') }));
  expect(expectOk(again, AttendanceResult).checkedInAt).toBe(inn.checkedInAt);
  // pretend the check-in happened 70 minutes ago (the activity started 90 minutes ago)
  patch(f, 'signups', `${a.id}:user-member`, { checkedInAt: new Date(Date.now() - 70 * MIN) });
  const before = balanceOf(f, DEMO, 'user-member');
  const out = expectOk(await call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'out') }), AttendanceResult);
  expect(out).toMatchObject({ state: 'completed', hours: 1, pointsAwarded: 4 });
  expect(f.find('point_ledger', { _id: `volunteer:${a.id}:user-member` })).toEqual([
    expect.objectContaining({ amount: 4, hours: 1, reason: 'volunteer_hours', sourceId: a.id }),
  ]);
  expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 4);
  const repeat = await Promise.all(
    [1, 2, 3].map(() => call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'out') })),
  );
  for (const r of repeat) expect(expectOk(r, AttendanceResult)).toMatchObject({ hours: 1, pointsAwarded: 0 });
  expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 4);
});

/** 李建国's check-out scan completes his hour and credits its 4 points; a repeat scan credits nothing: one ledger entry. */
async function expectOneHourCreditedOnceByCheckOut(activityId: string, before: number): Promise<void> {
  const retried = expectOk(
    await call(demoPersonas.member, 'scan', { code: codeFor(f, activityId, 'out') }),
    AttendanceResult,
  );
  expect(retried).toMatchObject({ state: 'completed', hours: 1, pointsAwarded: 4 });
  const again = expectOk(
    await call(demoPersonas.member, 'scan', { code: codeFor(f, activityId, 'out') }),
    AttendanceResult,
  );
  expect(again.pointsAwarded).toBe(0);
  expect(f.find('point_ledger', { _id: `volunteer:${activityId}:user-member` })).toHaveLength(1);
  expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 4);
}

test('a check-out that dies before its commit leaves neither the move nor the credit; its retry checks out once', async () => {
  const a = await running([demoPersonas.member]);
  expectOk(await call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'in') }), AttendanceResult);
  patch(f, 'signups', `${a.id}:user-member`, { checkedInAt: new Date(Date.now() - 70 * MIN) });
  const before = balanceOf(f, DEMO, 'user-member');
  process.env.HONGSE_CRASH_AT = 'volunteer.scan.before-commit';
  try {
    expectError(
      await call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'out') }),
      'INTERNAL',
      'internal.unexpected',
    );
  } finally {
    delete process.env.HONGSE_CRASH_AT;
  }
  expect(f.find('signups', { _id: `${a.id}:user-member` })[0]).toMatchObject({ state: 'checked_in', hours: 0 });
  expect(f.find('point_ledger', { _id: `volunteer:${a.id}:user-member` })).toHaveLength(0);
  expect(balanceOf(f, DEMO, 'user-member')).toBe(before);
  await expectOneHourCreditedOnceByCheckOut(a.id, before);
});

test('a check-out the former two-write design completed without its credit is credited once by a later check-out scan', async () => {
  const a = await running([demoPersonas.member]);
  const at = new Date(Date.now() - 10 * MIN);
  patch(f, 'signups', `${a.id}:user-member`, {
    state: 'completed',
    checkedInAt: new Date(at.getTime() - 60 * MIN),
    checkedOutAt: at,
    hours: 1,
    points: 4,
    creditVersion: 1,
  });
  const before = balanceOf(f, DEMO, 'user-member');
  await expectOneHourCreditedOnceByCheckOut(a.id, before);
});

test('refuses expired, forged, other-activity, wrong-direction and unconfirmed scans, writing nothing', async () => {
  const a = await running([demoPersonas.liaison]);
  const b = await running([]);
  const cases: Array<[string, object, string]> = [
    [demoPersonas.liaison, { code: codeFor(f, a.id, 'in', -120) }, 'qr.expired'],
    [demoPersonas.liaison, { code: signCode(newQrSecret(), 'activity-in', a.id, new Date()).code }, 'qr.forged'],
    [demoPersonas.liaison, { code: codeFor(f, b.id, 'in'), activityId: a.id }, 'qr.wrong-activity'],
    [demoPersonas.liaison, { code: 'hello' }, 'qr.malformed'],
    [demoPersonas.liaison, { code: signCode(newQrSecret(), 'event', a.id, new Date()).code }, 'qr.malformed'],
    [demoPersonas.liaison, { code: codeFor(f, a.id, 'out') }, 'attendance.not-checked-in'],
    [demoPersonas.resident, { code: codeFor(f, a.id, 'in') }, 'attendance.not-confirmed'],
  ];
  for (const [who, data, reason] of cases) {
    expectError(await f.expectNothingWritten(() => call(who, 'scan', data)), 'PRECONDITION_FAILED', reason);
  }
  expectError(await call(null, 'scan', { code: codeFor(f, a.id, 'in') }), 'UNAUTHENTICATED', 'auth.no-identity');
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.liaison, 'scan', { code: '' })),
    'VALIDATION',
    'input.invalid',
  );
  // outside the window: an activity starting in two hours
  const later = await running([demoPersonas.councilChair], -120, 240);
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.councilChair, 'scan', { code: codeFor(f, later.id, 'in') })),
    'PRECONDITION_FAILED',
    'attendance.outside-window',
  );
});

test('liveCode: organiser or admin only; the other community refused', async () => {
  const a = await running([]);
  expectError(
    await call(demoPersonas.member, 'liveCode', { activityId: a.id, direction: 'in' }),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await call(otherPersonas.admin, 'liveCode', { activityId: a.id, direction: 'out' }),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await call(null, 'liveCode', { activityId: a.id, direction: 'in' }),
    'UNAUTHENTICATED',
    'auth.no-identity',
  );
  expectError(
    await call(demoPersonas.admin, 'liveCode', { activityId: a.id, direction: 'sideways' }),
    'VALIDATION',
    'input.invalid',
  );
});

test('close-attendance: open check-ins closed at the end (flagged, credited), no-shows recorded; twice = same', async () => {
  const a = await running([demoPersonas.member, demoPersonas.liaison], 90, 60);
  expectOk(await call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'in') }), AttendanceResult);
  // the activity ended 10 minutes ago; the member checked in 100 minutes ago, 2 hours before the end → ...
  const end = new Date(Date.now() - 10 * MIN);
  patch(f, 'activities', a.id, { startAt: new Date(end.getTime() - 120 * MIN), endAt: end });
  patch(f, 'signups', `${a.id}:user-member`, { checkedInAt: new Date(end.getTime() - 100 * MIN) });
  const before = balanceOf(f, DEMO, 'user-member');
  await f.server.functions.fireTimer('volunteer', 'close-attendance');
  const snapshot = JSON.stringify([f.find('signups', { activityId: a.id }), f.find('point_ledger')]);
  await f.server.functions.fireTimer('volunteer', 'close-attendance');
  expect(JSON.stringify([f.find('signups', { activityId: a.id }), f.find('point_ledger')])).toBe(snapshot);

  const roster = expectOk(await call(demoPersonas.admin, 'roster', { activityId: a.id }), Roster);
  const member = roster.entries.find((e) => e.userId === 'user-member')!;
  expect(member).toMatchObject({ state: 'completed', hours: 1.5, autoClosed: true, checkedOutAt: end.toISOString() });
  expect(member.phone).toMatch(/^\d{11}$/);
  expect(roster.entries.find((e) => e.userId === 'user-liaison')).toMatchObject({ state: 'no_show', hours: 0 });
  expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 6);

  // correction: the organiser says the member stayed 2 hours → reversal + v2, append-only
  const corrected = expectOk(
    await call(demoPersonas.admin, 'correctAttendance', {
      activityId: a.id,
      userId: 'user-member',
      state: 'completed',
      checkedInAt: new Date(end.getTime() - 120 * MIN).toISOString(),
      checkedOutAt: end.toISOString(),
      reason: '现场补签，实际全程参加',
    }),
    RosterEntry,
  );
  expect(corrected).toMatchObject({ hours: 2, autoClosed: false, correctedReason: '现场补签，实际全程参加' });
  expect(f.find('point_ledger', { _id: `reversal:volunteer:${a.id}:user-member` })).toEqual([
    expect.objectContaining({ amount: -6, hours: -1.5, reversesId: `volunteer:${a.id}:user-member` }),
  ]);
  expect(f.find('point_ledger', { _id: `volunteer:${a.id}:user-member:v2` })).toEqual([
    expect.objectContaining({ amount: 8, hours: 2 }),
  ]);
  expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 8);
  expect(f.find('audit_log', { action: 'volunteer.correctAttendance', targetId: `${a.id}:user-member` })).toHaveLength(
    1,
  );

  // refused: a member, the other community's admin; bad input writes nothing
  const input = { activityId: a.id, userId: 'user-liaison', state: 'completed', reason: '补录考勤' };
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.member, 'correctAttendance', input)),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await f.expectNothingWritten(() => call(otherPersonas.admin, 'correctAttendance', input)),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.admin, 'correctAttendance', { ...input, reason: '' })),
    'VALIDATION',
    'input.invalid',
  );
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.admin, 'correctAttendance', input)),
    'VALIDATION',
    'attendance.invalid-times',
  );

  const hours = await call(demoPersonas.member, 'myHours', { communityId: DEMO });
  expect(hours.ok).toBe(true);
  expect(hours.data.totalHours).toBeGreaterThanOrEqual(2);
  expect(hours.data.records.items.find((r: { activityId: string }) => r.activityId === a.id)).toMatchObject({
    hours: 2,
    points: 8,
    state: 'completed',
  });
}, 20_000);

describe('cancelling once attendance has opened (30 minutes before the start, before the deadline)', () => {
  /** An activity starting in 20 minutes (its deadline a minute before), quota 1: member holds it, resident waits. */
  const soon = () => running([demoPersonas.member, demoPersonas.resident], -20, 100, 1);
  const cancel = (openid: string, activityId: string) => call(openid, 'cancelSignup', { activityId });

  test('a checked-in volunteer cannot cancel: PRECONDITION_FAILED signup.attended, and nothing is written', async () => {
    const a = await soon();
    expectOk(await call(demoPersonas.member, 'scan', { code: codeFor(f, a.id, 'in') }), AttendanceResult);
    const body = await f.expectNothingWritten(() => cancel(demoPersonas.member, a.id));
    expectError(body, 'PRECONDITION_FAILED', 'signup.attended');
    expect(f.find('signups', { _id: `${a.id}:user-member` })[0]).toMatchObject({ state: 'checked_in' });
    expect(f.find('signups', { _id: `${a.id}:user-resident` })[0]).toMatchObject({ state: 'waitlisted' });
  });

  test('a place recorded by a correction (no-show) cannot be cancelled either', async () => {
    const a = await soon();
    expectOk(
      await call(demoPersonas.admin, 'correctAttendance', {
        activityId: a.id,
        userId: 'user-member',
        state: 'no_show',
        reason: '提前打电话说来不了',
      }),
      RosterEntry,
    );
    expectError(await cancel(demoPersonas.member, a.id), 'PRECONDITION_FAILED', 'signup.attended');
    expect(f.find('signups', { _id: `${a.id}:user-member` })[0]).toMatchObject({ state: 'no_show' });
  });

  test('a confirmed volunteer who has not checked in may still cancel, and the first waiting person is promoted', async () => {
    const a = await soon();
    expect(expectOk(await cancel(demoPersonas.member, a.id), SignupResult)).toMatchObject({ state: 'cancelled' });
    expect(f.find('signups', { _id: `${a.id}:user-member` })[0]).toMatchObject({ state: 'cancelled' });
    expect(f.find('signups', { _id: `${a.id}:user-resident` })[0]).toMatchObject({ state: 'confirmed' });
    expect(f.find('activities', { _id: a.id })[0]).toMatchObject({ holders: ['user-resident'], waitlistCount: 0 });
  });

  test('a waiting volunteer may cancel too', async () => {
    const a = await soon();
    expect(expectOk(await cancel(demoPersonas.resident, a.id), SignupResult)).toMatchObject({ state: 'cancelled' });
    expect(f.find('activities', { _id: a.id })[0]).toMatchObject({
      holders: ['user-member'],
      waitlistCount: 0,
      waitHead: 0,
      waitGone: [],
    });
  });
});
