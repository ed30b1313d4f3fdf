/**
 * Checking in and out of a volunteer activity with its 6-digit spoken code (数字签到码, ADR
 * 0037-volunteer-spoken-code, after docs/adr/0036): the organiser's live code carries the digits
 * for the direction shown; typed on the activity's page they check the volunteer in (or out)
 * exactly as the QR does — once, credited once, only this activity, only inside the window; an
 * expired code is told apart from a wrong one; wrong codes are limited per person (shared with
 * events' codes) and per activity; the organiser cannot credit themselves with it; a crash after
 * an attempt was counted loses at most that attempt.
 */
import { AttendanceResult, LiveCode, SignupResult } from '../../types/volunteer';
import { spokenDigitsFor, spokenWindowOf } from '../../cloudfunctions/_shared/spoken-code';
import { GUESS_WINDOW_MS, PERSON_GUESS_LIMIT, SUBJECT_GUESS_LIMIT } from '../../cloudfunctions/_shared/guess-limit';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { DEMO, demoPersonas, fileFixture } from '../support/fixtures';
import { MIN, addResidents, balanceOf, expectError, expectOk, patch, publish, secretOf } from './helpers';

const f = fileFixture();
resetCrashPointsAfterEach({ quiet: true });

const call = (openid: string | null, action: string, data: object) => f.call(openid, 'volunteer', action, data);
const type = (openid: string, code: string, activityId?: string) =>
  call(openid, 'scan', { code, ...(activityId ? { activityId } : {}) });
const live = async (activityId: string, direction: 'in' | 'out' = 'in') =>
  expectOk(await call(demoPersonas.admin, 'liveCode', { activityId, direction }), LiveCode);
/** The activity's spoken code for a direction `back` windows ago (0: the one shown now). */
const spokenFor = (activityId: string, dir: 'in' | 'out' = 'in', back = 0) =>
  spokenDigitsFor(secretOf(f, activityId), `activity-${dir}.${activityId}`, spokenWindowOf(new Date()) - back);
/** Six digits that are none of the activity's codes (either direction) of the last ten windows or the next. */
function wrongFor(activityId: string, seed = 0): string {
  const taken = new Set(
    (['in', 'out'] as const).flatMap((dir) => Array.from({ length: 12 }, (_, i) => spokenFor(activityId, dir, i - 1))),
  );
  for (let n = 123456 + seed * 7919; ; n = (n + 104729) % 1_000_000) {
    const digits = String(n).padStart(6, '0');
    if (!taken.has(digits)) return digits;
  }
}
const counter = (id: string) => f.find('checkin_guesses', { _id: id })[0];
const signupOf = (activityId: string, userId: string) => f.find('signups', { _id: `${activityId}:${userId}` })[0];

/** An activity with these sign-ups, moved so that it runs [now − startedAgo, now + endsIn] minutes. */
async function running(signers: string[], startedAgo = 90, endsIn = 60) {
  const a = await publish(f, { quota: 10, pointsPerHour: 4 });
  for (const p of signers) expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  const startAt = new Date(Date.now() - startedAgo * MIN);
  const endAt = new Date(Date.now() + endsIn * MIN);
  patch(f, 'activities', a.id, { startAt, endAt, signupDeadline: new Date(startAt.getTime() - MIN) });
  return a;
}

describe('volunteer.liveCode', () => {
  test('shows six digits beside each QR, one for checking in and another for checking out', async () => {
    const a = await running([demoPersonas.member]);
    const inn = await live(a.id, 'in');
    const out = await live(a.id, 'out');
    expect(inn.spokenCode).toMatch(/^\d{6}$/);
    expect([spokenFor(a.id, 'in'), spokenFor(a.id, 'in', -1)]).toContain(inn.spokenCode);
    expect([spokenFor(a.id, 'out'), spokenFor(a.id, 'out', -1)]).toContain(out.spokenCode);
    expect(Date.parse(inn.spokenRefreshAt) - Date.now()).toBeLessThanOrEqual(2 * MIN);
    expect(Date.parse(inn.spokenRefreshAt) % 30_000).toBe(0);
  });
});

describe('volunteer.scan with the 6-digit code', () => {
  test('the right codes check in and out once: hours and points credited once, a repeat changes nothing', async () => {
    const a = await running([demoPersonas.member]);
    const { spokenCode } = await live(a.id, 'in');
    const inn = expectOk(await type(demoPersonas.member, spokenCode, a.id), AttendanceResult);
    expect(inn).toMatchObject({ state: 'checked_in', pointsAwarded: 0 });
    // Typed again (or concurrently): the same check-in, nothing written.
    const again = await f.expectNothingWritten(() => type(demoPersonas.member, spokenCode, a.id));
    expect(expectOk(again, AttendanceResult).checkedInAt).toBe(inn.checkedInAt);

    patch(f, 'signups', `${a.id}:user-member`, { checkedInAt: new Date(Date.now() - 70 * MIN) });
    const before = balanceOf(f, DEMO, 'user-member');
    const outCode = (await live(a.id, 'out')).spokenCode;
    const outs = await Promise.all([1, 2, 3].map(() => type(demoPersonas.member, outCode, a.id)));
    const results = outs.map((r) => expectOk(r, AttendanceResult));
    for (const r of results) expect(r).toMatchObject({ state: 'completed', hours: 1 });
    expect(results.reduce((sum, r) => sum + r.pointsAwarded, 0)).toBe(4);
    expect(f.find('point_ledger', { _id: `volunteer:${a.id}:user-member` })).toHaveLength(1);
    expect(balanceOf(f, DEMO, 'user-member')).toBe(before + 4);
    // Right codes cost no attempt.
    expect(counter('person:user-member')?.count ?? 0).toBe(0);
  });

  test('the previous window’s code still works (a slow typist); spaces are ignored', async () => {
    const a = await running([demoPersonas.member]);
    const code = spokenFor(a.id, 'in', 1);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(expectOk(await type(demoPersonas.member, spaced, a.id), AttendanceResult).state).toBe('checked_in');
  });

  test('a wrong code is refused, counted for the person and the activity, and writes nothing else', async () => {
    const [openid] = addResidents(f, 'vsc-wrong', 1);
    const a = await running([openid!]);
    const res = await type(openid!, wrongFor(a.id), a.id);
    expectError(res, 'PRECONDITION_FAILED', 'activity.code-wrong');
    expect(signupOf(a.id, 'user-vsc-wrong-0')).toMatchObject({ state: 'confirmed' });
    expect(counter('person:user-vsc-wrong-0')).toMatchObject({ count: 1 });
    expect(counter(`activity:${a.id}`)).toMatchObject({ count: 1 });
  });

  test('an expired code (a few windows old) is told apart from a wrong one and costs no attempt', async () => {
    const [openid] = addResidents(f, 'vsc-old', 1);
    const a = await running([openid!]);
    expectError(await type(openid!, spokenFor(a.id, 'in', 3), a.id), 'PRECONDITION_FAILED', 'activity.code-expired');
    expect(counter('person:user-vsc-old-0')).toMatchObject({ count: 0 });
    expect(signupOf(a.id, 'user-vsc-old-0')).toMatchObject({ state: 'confirmed' });
  });

  test("another activity's code is wrong here: digits are bound to the activity they are typed for", async () => {
    const [openid] = addResidents(f, 'vsc-other', 1);
    const here = await running([openid!]);
    const there = await running([openid!], 90, 60);
    const theirs = spokenFor(there.id, 'in');
    if (theirs === spokenFor(here.id, 'in') || theirs === spokenFor(here.id, 'out')) return; // 1 in 500,000
    expectError(await type(openid!, theirs, here.id), 'PRECONDITION_FAILED', 'activity.code-wrong');
    expect(signupOf(here.id, 'user-vsc-other-0')).toMatchObject({ state: 'confirmed' });
    expect(signupOf(there.id, 'user-vsc-other-0')).toMatchObject({ state: 'confirmed' });
    // Six digits without the activity they were typed for are refused before anything is read.
    expectError(
      await f.expectNothingWritten(() => type(openid!, theirs)),
      'PRECONDITION_FAILED',
      'activity.code-needs-activity',
    );
  });

  test('outside the time codes are shown, and without a confirmed sign-up, digits are refused without an attempt', async () => {
    const [openid, stranger] = addResidents(f, 'vsc-early', 2);
    const later = await running([openid!], -120, 180); // starts in two hours
    expectError(
      await f.expectNothingWritten(() => type(openid!, wrongFor(later.id), later.id)),
      'PRECONDITION_FAILED',
      'attendance.outside-window',
    );
    const now = await running([openid!]);
    expectError(
      await f.expectNothingWritten(() => type(stranger!, wrongFor(now.id), now.id)),
      'PRECONDITION_FAILED',
      'attendance.not-confirmed',
    );
  });

  test('five wrong codes in ten minutes stop the person (even a burst), the right code included; the limit lifts after', async () => {
    const [openid] = addResidents(f, 'vsc-limit', 1);
    const a = await running([openid!]);
    const burst = await Promise.all(
      Array.from({ length: PERSON_GUESS_LIMIT + 3 }, (_, i) => type(openid!, wrongFor(a.id, i + 1), a.id)),
    );
    const reasons = burst.map((r) => (r as { error?: { reason?: string } }).error?.reason);
    expect(reasons.filter((r) => r === 'activity.code-wrong')).toHaveLength(PERSON_GUESS_LIMIT);
    expect(reasons.filter((r) => r === 'activity.code-limited')).toHaveLength(3);
    expect(counter('person:user-vsc-limit-0')).toMatchObject({ count: PERSON_GUESS_LIMIT });
    // Now even the right code waits (the QR still works).
    expectError(await type(openid!, spokenFor(a.id), a.id), 'LIMIT_EXCEEDED', 'activity.code-limited');
    expect(signupOf(a.id, 'user-vsc-limit-0')).toMatchObject({ state: 'confirmed' });
    f.update('checkin_guesses', 'person:user-vsc-limit-0', {
      windowStart: new Date(Date.now() - GUESS_WINDOW_MS - 1000),
    });
    expect(expectOk(await type(openid!, spokenFor(a.id), a.id), AttendanceResult).state).toBe('checked_in');
  });

  test("the activity's own limit stops everyone's typed codes for it, without counting the person", async () => {
    const [openid] = addResidents(f, 'vsc-act', 1);
    const a = await running([openid!]);
    f.insert('checkin_guesses', [{ _id: `activity:${a.id}`, count: SUBJECT_GUESS_LIMIT, windowStart: new Date() }]);
    expectError(await type(openid!, spokenFor(a.id), a.id), 'LIMIT_EXCEEDED', 'activity.code-activity-limited');
    expect(counter('person:user-vsc-act-0')).toBeUndefined();
  });

  test('the person’s limit is shared with events’ codes: wrong codes for an event count here too', async () => {
    const [openid] = addResidents(f, 'vsc-shared', 1);
    const a = await running([openid!]);
    f.insert('checkin_guesses', [
      { _id: 'person:user-vsc-shared-0', count: PERSON_GUESS_LIMIT, windowStart: new Date() },
    ]);
    expectError(await type(openid!, wrongFor(a.id), a.id), 'LIMIT_EXCEEDED', 'activity.code-limited');
  });

  test('the organiser cannot credit themselves with the code they show; no attempt is spent', async () => {
    const a = await running([demoPersonas.admin]);
    const { spokenCode } = await live(a.id, 'in');
    expectError(
      await f.expectNothingWritten(() => type(demoPersonas.admin, spokenCode, a.id)),
      'FORBIDDEN',
      'attendance.self-credit',
    );
  });

  test('a check-in that dies after its attempt was counted records nothing; typing the code again checks in once', async () => {
    const [openid] = addResidents(f, 'vsc-crash', 1);
    const a = await running([openid!]);
    process.env.HONGSE_CRASH_AT = 'volunteer.code.after-reserve';
    expectError(await type(openid!, spokenFor(a.id), a.id), 'INTERNAL');
    delete process.env.HONGSE_CRASH_AT;
    expect(signupOf(a.id, 'user-vsc-crash-0')).toMatchObject({ state: 'confirmed' });
    expect(counter('person:user-vsc-crash-0')).toMatchObject({ count: 1 });
    expect(expectOk(await type(openid!, spokenFor(a.id), a.id), AttendanceResult).state).toBe('checked_in');
    // The crashed attempt stays counted (one of five); the right code's own was given back.
    expect(counter('person:user-vsc-crash-0')).toMatchObject({ count: 1 });
  });
});
