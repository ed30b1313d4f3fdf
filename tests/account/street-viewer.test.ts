/**
 * account.grantRole / revokeRole for 街道工作人员 (street_viewer): it reaches beyond one
 * community, so only a street admin (街道管理员, set up by the platform) of the community's street
 * grants and revokes it — a community admin is refused, as is another street's admin; no street
 * is ever taken from the client; the community is the role's home (listed and audited there); a
 * second grant for the same person and street is CONFLICT; refusals write nothing. (What the role
 * may read: tests/dashboard/street-viewer.)
 */
import { MeResult, PersonPage, Role } from '../../types/account';
import { TopicPage } from '../../types/deliberation';
import { WishPage } from '../../types/wish';
import {
  DEMO,
  FAR,
  FAR_STREET,
  OTHER,
  demoPersonas,
  farPersonas,
  otherPersonas,
  twoStreetsFixture,
} from '../support/fixtures';
import { aRoleView } from '../support/factories';
import { expectError, expectOk } from './helpers';

const f = twoStreetsFixture();

const HEPING = 'street-heping';
const grant = (openid: string | null, data: object) => f.call(openid, 'account', 'grantRole', data);
const revoke = (openid: string | null, data: object) => f.call(openid, 'account', 'revokeRole', data);
const viewerOf = (userId: string, communityId: string) => ({ userId, communityId, kind: 'street_viewer' });

test('the demo 街道 cadre holds a street viewer role for 和平街道, at home in 幸福里', async () => {
  const me = expectOk(await f.call(demoPersonas.street, 'account', 'me'), MeResult);
  expect(me.profile?.name).toBe('刘志强');
  expect(me.roles).toEqual([
    expect.objectContaining({
      id: `street_viewer:user-street:${HEPING}`,
      kind: 'street_viewer',
      communityId: DEMO,
      streetId: HEPING,
      scopeLabel: '和平街道',
    }),
  ]);
  // The home community's admin sees the role in the people list, filterable by its kind.
  const page = expectOk(
    await f.call(demoPersonas.admin, 'account', 'listPeople', { communityId: DEMO, roleKind: 'street_viewer' }),
    PersonPage,
  );
  expect(page.items.map((p) => [p.name, p.roles.map((r) => r.kind)])).toEqual([['刘志强', ['street_viewer']]]);
});

test('a community admin asking for a street viewer is FORBIDDEN (street level only) and writes nothing', async () => {
  for (const [openid, communityId] of [
    [demoPersonas.admin, DEMO],
    [otherPersonas.admin, OTHER],
    [farPersonas.admin, FAR],
  ] as const) {
    const body = await f.expectNothingWritten(() => grant(openid, viewerOf('user-resident', communityId)));
    expectError(body, 'FORBIDDEN', 'role.street-level-only');
  }
  // Also for themself.
  const own = await f.expectNothingWritten(() => grant(demoPersonas.admin, viewerOf('user-admin', DEMO)));
  expectError(own, 'FORBIDDEN', 'role.street-level-only');
});

test('the street admin grants a street viewer for a community of their street, audited at that community', async () => {
  const role = expectOk(await grant(demoPersonas.streetAdmin, viewerOf('user-resident', DEMO)), Role);
  // Scoped by its street only: every other scope field is null.
  expect(role).toEqual(
    aRoleView({
      id: `street_viewer:user-resident:${HEPING}`,
      userId: 'user-resident',
      kind: 'street_viewer',
      communityId: DEMO,
      streetId: HEPING,
      scopeLabel: '和平街道',
      grantedAt: expect.any(String),
    }),
  );
  expect(f.find('roles', { _id: role.id })).toEqual([
    expect.objectContaining({ streetId: HEPING, communityId: DEMO, grantedBy: 'user-street-admin' }),
  ]);
  expect(f.find('audit_log', { targetId: role.id })).toEqual([
    expect.objectContaining({
      communityId: DEMO,
      actorId: 'user-street-admin',
      action: 'account.grantRole',
      targetKind: 'role',
      summary: '授予 张秀英 街道工作人员（和平街道）',
      before: null,
      after: expect.objectContaining({ id: role.id, streetId: HEPING }),
    }),
  ]);
});

test('a second grant for the same person and street is CONFLICT — from either community of the street', async () => {
  for (const communityId of [DEMO, OTHER]) {
    const body = await f.expectNothingWritten(() =>
      grant(demoPersonas.streetAdmin, viewerOf('user-resident', communityId)),
    );
    expectError(body, 'CONFLICT', 'role.already-granted');
  }
});

test("another street's admin grants for their own street, never for 和平's", async () => {
  const far = expectOk(await grant(farPersonas.streetAdmin, viewerOf('user-far-person', FAR)), Role);
  expect(far).toMatchObject({
    id: `street_viewer:user-far-person:${FAR_STREET}`,
    communityId: FAR,
    streetId: FAR_STREET,
    scopeLabel: '阳光街道',
  });
  for (const communityId of [DEMO, OTHER]) {
    const foreign = await f.expectNothingWritten(() =>
      grant(farPersonas.streetAdmin, viewerOf('user-far-person', communityId)),
    );
    expectError(foreign, 'FORBIDDEN', 'role.other-street');
  }
  // And 和平's street admin cannot grant in 阳光.
  const back = await f.expectNothingWritten(() => grant(demoPersonas.streetAdmin, viewerOf('user-member', FAR)));
  expectError(back, 'FORBIDDEN', 'role.other-street');
});

test('a street admin cannot make themself a street viewer, nor grant any community role', async () => {
  const own = await f.expectNothingWritten(() => grant(demoPersonas.streetAdmin, viewerOf('user-street-admin', DEMO)));
  expectError(own, 'FORBIDDEN', 'role.self-grant');
  const admin = await f.expectNothingWritten(() =>
    grant(demoPersonas.streetAdmin, { userId: 'user-resident', communityId: DEMO, kind: 'admin' }),
  );
  expectError(admin, 'FORBIDDEN', 'auth.not-admin');
});

test('a street admin role is never granted in the app (VALIDATION) nor revoked there (FORBIDDEN)', async () => {
  const body = await f.expectNothingWritten(() =>
    grant(demoPersonas.admin, { userId: 'user-resident', communityId: DEMO, kind: 'street_admin' }),
  );
  expectError(body, 'VALIDATION', 'input.invalid');
  for (const openid of [demoPersonas.admin, demoPersonas.streetAdmin]) {
    const revoked = await f.expectNothingWritten(() =>
      revoke(openid, { roleId: `street_admin:user-street-admin:${HEPING}`, reason: '越权撤销' }),
    );
    expectError(revoked, 'FORBIDDEN', 'role.platform-only');
  }
});

test('refuses people who are no street admin (a street viewer too) as FORBIDDEN and anonymous callers, and writes nothing', async () => {
  for (const openid of [demoPersonas.street, demoPersonas.resident, demoPersonas.leader, 'no-profile-yet']) {
    const body = await f.expectNothingWritten(() => grant(openid, viewerOf('user-member', DEMO)));
    expectError(body, 'FORBIDDEN', 'role.street-level-only');
  }
  expectError(await grant(null, viewerOf('user-member', DEMO)), 'UNAUTHENTICATED', 'auth.no-identity');
});

test('refuses a client-given street as VALIDATION and an unknown person as NOT_FOUND, and writes nothing', async () => {
  for (const extra of [{ streetId: FAR_STREET }, { streetId: HEPING }]) {
    const body = await f.expectNothingWritten(() =>
      grant(demoPersonas.streetAdmin, { ...viewerOf('user-member', DEMO), ...extra }),
    );
    expectError(body, 'VALIDATION', 'input.invalid');
  }
  const nobody = await f.expectNothingWritten(() => grant(demoPersonas.streetAdmin, viewerOf('user-nobody', DEMO)));
  expectError(nobody, 'NOT_FOUND', 'user.not-found');
});

test("the street admin sees the people of their street's communities (phones masked) to choose from; not other streets", async () => {
  const page = expectOk(
    await f.call(demoPersonas.streetAdmin, 'account', 'listPeople', { communityId: DEMO, query: '张秀英' }),
    PersonPage,
  );
  expect(page.items.map((p) => p.name)).toEqual(['张秀英']);
  expect(page.items[0]!.phone).toMatch(/\*\*\*\*/);
  const far = await f.expectNothingWritten(() =>
    f.call(demoPersonas.streetAdmin, 'account', 'listPeople', { communityId: FAR }),
  );
  expectError(far, 'FORBIDDEN', 'people.not-allowed');
});

test("revoking: a street admin of the viewer's street only, audited; the role is gone", async () => {
  const roleId = `street_viewer:user-resident:${HEPING}`;
  for (const [openid, reason] of [
    [demoPersonas.admin, 'role.street-level-only'],
    [otherPersonas.admin, 'role.street-level-only'],
    [demoPersonas.street, 'role.street-level-only'],
    [farPersonas.streetAdmin, 'role.other-street'],
  ] as const) {
    const body = await f.expectNothingWritten(() => revoke(openid, { roleId, reason: '越权撤销' }));
    expectError(body, 'FORBIDDEN', reason);
  }
  const revoked = expectOk(await revoke(demoPersonas.streetAdmin, { roleId, reason: '岗位调整' }), Role);
  expect(revoked).toMatchObject({ id: roleId, streetId: HEPING });
  expect(f.find('roles', { _id: roleId })).toEqual([]);
  expect(f.find('audit_log', { targetId: roleId, action: 'account.revokeRole' })).toEqual([
    expect.objectContaining({
      communityId: DEMO,
      actorId: 'user-street-admin',
      summary: '撤销 张秀英 的街道工作人员身份（和平街道）：岗位调整。其街道数据看板的查看权限即时终止',
      after: expect.objectContaining({ role: null, endedPowers: '街道数据看板的查看权限' }),
    }),
  ]);
  // Granted again afterwards: a fresh role, no conflict left behind.
  expectOk(await grant(demoPersonas.streetAdmin, viewerOf('user-resident', DEMO)), Role);
});

test("a street viewer is not one of the home community's people: its wall, topics, activities, events and points stay closed", async () => {
  const viewer = demoPersonas.street;
  const closed = [
    ['wish', 'wall', 'wish.not-in-community'],
    ['deliberation', 'list', 'topic.not-in-community'],
    ['volunteer', 'list', 'volunteer.not-in-community'],
    ['checkin', 'listEvents', 'checkin.not-in-community'],
    ['points', 'myPoints', 'points.not-in-community'],
  ] as const;
  await f.expectNothingWritten(async () => {
    for (const [area, action, reason] of closed) {
      expectError(await f.call(viewer, area, action, { communityId: DEMO }), 'FORBIDDEN', reason);
    }
  });
  // The same calls succeed for one of the community's people.
  expectOk(await f.call(demoPersonas.resident, 'wish', 'wall', { communityId: DEMO }), WishPage);
  expectOk(await f.call(demoPersonas.resident, 'deliberation', 'list', { communityId: DEMO }), TopicPage);
});
