/**
 * Activities: publish (admin; liaison for own unit), edit (quota raise promotes), cancel (told,
 * audited), list/get, sign-up audiences and the deadline edge, roster export — with refused
 * roles, bad input and scope (东湖 vs 幸福里) writing nothing.
 */
import { Activity, ActivityPage, ExportFile, SignupResult } from '../../types/volunteer';
import { DEMO, OTHER, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import { expectError, expectOk, publish } from './helpers';

const f = fileFixture();
const call = (openid: string | null, action: string, data: object) => f.call(openid, 'volunteer', action, data);

test('publish: admin any audience; liaison only for own unit; others refused; bad input refused', async () => {
  const a = await publish(f, { audience: 'members' });
  expect(a).toMatchObject({ audience: 'members', organiserName: '王红梅', confirmedCount: 0, mySignup: null });
  const l = await publish(f, { openid: demoPersonas.liaison, audience: 'everyone' });
  expect(l).toMatchObject({ audience: 'work_unit', workUnitId: 'wu-tax' });
  await f.expectNothingWritten(async () => {
    expectError(
      await call(demoPersonas.liaison, 'publish', { ...base(), audience: 'work_unit', workUnitId: 'wu-school' }),
      'FORBIDDEN',
      'activity.not-own-unit',
    );
    expectError(await call(demoPersonas.member, 'publish', base()), 'FORBIDDEN', 'activity.not-publisher');
    expectError(await call(otherPersonas.admin, 'publish', base()), 'FORBIDDEN', 'activity.not-publisher');
    expectError(await call(null, 'publish', base()), 'UNAUTHENTICATED', 'auth.no-identity');
    expectError(await call(demoPersonas.admin, 'publish', { ...base(), title: 'x' }), 'VALIDATION', 'input.invalid');
    const b = base();
    expectError(await call(demoPersonas.admin, 'publish', { ...b, endAt: b.startAt }), 'VALIDATION', 'input.invalid');
  });
});

function base() {
  const start = Date.now() + 86_400_000;
  return {
    communityId: DEMO,
    title: '社区环境整治',
    category: 'environment',
    description: '清理楼道杂物，美化环境',
    place: '幸福里小区',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 3_600_000).toISOString(),
    signupDeadline: new Date(start - 3_600_000).toISOString(),
    quota: 5,
    pointsPerHour: 5,
    audience: 'everyone',
  };
}

test('signUp audiences: members only for members, work unit only for its in-office members', async () => {
  const members = await publish(f, { audience: 'members' });
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.resident, 'signUp', { activityId: members.id })),
    'FORBIDDEN',
    'signup.not-audience',
  );
  expectOk(await call(demoPersonas.member, 'signUp', { activityId: members.id }), SignupResult);
  const unit = await publish(f, { audience: 'work_unit', workUnitId: 'wu-hospital' });
  expectError(await call(demoPersonas.member, 'signUp', { activityId: unit.id }), 'FORBIDDEN', 'signup.not-audience');
  expectError(
    await call(otherPersonas.admin, 'signUp', { activityId: members.id }),
    'FORBIDDEN',
    'signup.not-audience',
  );
  expectError(await call(null, 'signUp', { activityId: members.id }), 'UNAUTHENTICATED', 'auth.no-identity');
  expectError(await call(demoPersonas.member, 'signUp', { activityId: '' }), 'VALIDATION', 'input.invalid');
  expectError(await call(demoPersonas.member, 'signUp', { activityId: 'act-none' }), 'NOT_FOUND', 'activity.not-found');
});

test('deadline edge: accepted just before, refused (and cancelling refused) just after', async () => {
  const a = await publish(f, { deadlineIn: 2.5 / 60 });
  expectOk(await call(demoPersonas.member, 'signUp', { activityId: a.id }), SignupResult);
  await new Promise((r) => setTimeout(r, Date.parse(a.signupDeadline) - Date.now() + 1000));
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.liaison, 'signUp', { activityId: a.id })),
    'PRECONDITION_FAILED',
    'signup.after-deadline',
  );
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.member, 'cancelSignup', { activityId: a.id })),
    'PRECONDITION_FAILED',
    'signup.after-deadline',
  );
}, 10_000);

test('overlapping confirmed sign-ups warn, the sign-up still succeeds', async () => {
  const a = await publish(f, { startIn: 3000, minutes: 120 });
  const b = await publish(f, { startIn: 3060, minutes: 120, title: '助学辅导' });
  expect(
    expectOk(await call(demoPersonas.resident, 'signUp', { activityId: a.id }), SignupResult).overlapWarning,
  ).toBeNull();
  const r = expectOk(await call(demoPersonas.resident, 'signUp', { activityId: b.id }), SignupResult);
  expect(r).toMatchObject({ state: 'confirmed' });
  expect(r.overlapWarning).toMatch(/关爱空巢老人.*重叠/);
});

test('edit: raising the quota promotes in order; others refused; cancel tells everyone and is audited', async () => {
  const a = await publish(f, { quota: 1 });
  for (const p of [demoPersonas.member, demoPersonas.liaison, demoPersonas.resident]) {
    expectOk(await call(p, 'signUp', { activityId: a.id }), SignupResult);
  }
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.member, 'edit', { activityId: a.id, quota: 3 })),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await f.expectNothingWritten(() => call(otherPersonas.admin, 'edit', { activityId: a.id, quota: 3 })),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.admin, 'edit', { activityId: a.id, quota: 0 })),
    'VALIDATION',
    'input.invalid',
  );
  const edited = expectOk(
    await call(demoPersonas.admin, 'edit', { activityId: a.id, quota: 2, place: '新地点' }),
    Activity,
  );
  expect(edited).toMatchObject({ quota: 2, confirmedCount: 2, waitlistCount: 1, place: '新地点' });
  expect(f.find('signups', { _id: `${a.id}:user-liaison` })[0]!.state).toBe('confirmed');
  expect(f.find('signups', { _id: `${a.id}:user-resident` })[0]!.state).toBe('waitlisted');
  expectError(
    await call(demoPersonas.admin, 'edit', { activityId: a.id, quota: 1 }),
    'PRECONDITION_FAILED',
    'activity.quota-below-confirmed',
  );

  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.member, 'cancel', { activityId: a.id, reason: '天气原因' })),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(
    await f.expectNothingWritten(() => call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '' })),
    'VALIDATION',
    'input.invalid',
  );
  const cancelled = expectOk(
    await call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '天气原因' }),
    Activity,
  );
  expect(cancelled).toMatchObject({ cancelled: true, cancelReason: '天气原因' });
  const told = f.find('messages').filter((m) => String(m._id).startsWith(`volunteer-cancelled:${a.id}`));
  expect(told.map((m) => m.userId).sort()).toEqual(['user-liaison', 'user-member', 'user-resident']);
  expect(f.find('audit_log', { action: 'volunteer.cancel', targetId: a.id })).toHaveLength(1);
  expectError(
    await call(demoPersonas.admin, 'cancel', { activityId: a.id, reason: '再取消' }),
    'PRECONDITION_FAILED',
    'activity.cancelled',
  );
});

test('list, get, export: scoped to the community', async () => {
  const a = await publish(f, { title: '助医义诊' });
  expectOk(await call(demoPersonas.member, 'signUp', { activityId: a.id }), SignupResult);
  const upcoming = expectOk(await call(demoPersonas.member, 'list', { communityId: DEMO, limit: 50 }), ActivityPage);
  expect(upcoming.items.find((x) => x.id === a.id)?.mySignup).toEqual({
    state: 'confirmed',
    waitlistPosition: null,
    proxyName: null,
  });
  const mine = expectOk(await call(demoPersonas.member, 'list', { communityId: DEMO, when: 'mine' }), ActivityPage);
  expect(mine.items.some((x) => x.id === a.id)).toBe(true);
  const page = expectOk(await call(demoPersonas.member, 'list', { communityId: DEMO, limit: 1 }), ActivityPage);
  expect(page.items).toHaveLength(1);
  expect(page.nextCursor).toEqual(expect.any(String));
  expectError(
    await call(otherPersonas.admin, 'list', { communityId: DEMO }),
    'FORBIDDEN',
    'volunteer.not-in-community',
  );
  expectError(
    await call(demoPersonas.member, 'list', { communityId: DEMO, when: 'soon' }),
    'VALIDATION',
    'input.invalid',
  );
  expectOk(await call(otherPersonas.admin, 'list', { communityId: OTHER }), ActivityPage);
  expectError(await call(otherPersonas.admin, 'get', { activityId: a.id }), 'FORBIDDEN', 'volunteer.not-in-community');
  expectError(await call(null, 'get', { activityId: a.id }), 'UNAUTHENTICATED', 'auth.no-identity');

  const file = expectOk(await call(demoPersonas.admin, 'exportRoster', { activityId: a.id }), ExportFile);
  expect(file.rows).toBe(1);
  expect(file.fileName).toMatch(/\.xlsx$/);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('姓名');
  expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toMatch(/^\d{11}$/);
  expectError(
    await call(demoPersonas.member, 'exportRoster', { activityId: a.id }),
    'FORBIDDEN',
    'activity.not-manager',
  );
  expectError(await call(otherPersonas.admin, 'roster', { activityId: a.id }), 'FORBIDDEN', 'activity.not-manager');
  expectError(
    await call(otherPersonas.admin, 'myHours', { communityId: DEMO }),
    'FORBIDDEN',
    'volunteer.not-in-community',
  );
});
