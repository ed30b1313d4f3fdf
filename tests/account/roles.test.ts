/**
 * account.grantRole and account.revokeRole: admins grant and revoke scoped roles in their own
 * community only, every change audited.
 */
import { Role } from '../../types/account';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectRefusedIn } from '../support/refusals';
import { expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const grant = (openid: string | null, data: object) => f.call(openid, 'account', 'grantRole', data);
const revoke = (openid: string | null, data: object) => f.call(openid, 'account', 'revokeRole', data);
/** A grant or revocation that must be refused with `code` and `reason`, writing nothing; the error. */
const refusedGrant = (openid: string | null, data: object, code: string, reason: string) =>
  expectRefusedIn(f, 'account', openid, 'grantRole', data, code, reason).then((body) => body.error);
const refusedRevoke = (openid: string | null, data: object, code: string, reason: string) =>
  expectRefusedIn(f, 'account', openid, 'revokeRole', data, code, reason);
/** The input granting `userId` the building leader role of `buildingId` in `communityId`. */
const buildingLeader = (userId: string, communityId: string, buildingId: string) => ({
  userId,
  communityId,
  kind: 'building_leader',
  buildingId,
});

describe('account.grantRole', () => {
  test('grants a building leader role scoped to the building and its estate, and audits it', async () => {
    const role = expectOk(await grant(demoPersonas.admin, buildingLeader('user-resident', DEMO, 'bld-xfl-2')), Role);
    expect(role).toMatchObject({
      id: 'building_leader:user-resident:bld-xfl-2',
      userId: 'user-resident',
      kind: 'building_leader',
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-2',
      householdId: null,
      scopeLabel: '幸福里小区 · 2号楼',
    });
    expect(f.find('roles', { _id: role.id })).toHaveLength(1);
    expect(f.find('audit_log', { targetId: role.id })).toEqual([
      expect.objectContaining({
        communityId: DEMO,
        actorId: 'user-admin',
        actorName: '王红梅',
        action: 'account.grantRole',
        targetKind: 'role',
        summary: '授予 张秀英 楼栋党小组长（幸福里小区 · 2号楼）',
        before: null,
        after: expect.objectContaining({ id: role.id, kind: 'building_leader' }),
      }),
    ]);
  });

  test('refuses a role the person already holds as CONFLICT, and writes nothing', async () => {
    const held = buildingLeader('user-resident', DEMO, 'bld-xfl-2');
    await refusedGrant(demoPersonas.admin, held, 'CONFLICT', 'role.already-granted');
  });

  test('grants an in-office Party member with their work unit, and a council seat with its position', async () => {
    const member = expectOk(
      await grant(demoPersonas.admin, {
        userId: 'user-supervisor',
        communityId: DEMO,
        kind: 'member',
        memberType: 'in_office',
        workUnitId: 'wu-hospital',
      }),
      Role,
    );
    expect(member).toMatchObject({
      id: `member:user-supervisor:${DEMO}`,
      memberType: 'in_office',
      workUnitId: 'wu-hospital',
      scopeLabel: '在职党员 · 区人民医院',
    });
    const seat = expectOk(
      await grant(demoPersonas.admin, {
        userId: 'user-newcomer',
        communityId: DEMO,
        kind: 'council_member',
        councilId: 'council-xingfuli-owners',
        position: 'member',
      }),
      Role,
    );
    expect(seat).toMatchObject({ councilKind: 'owners', position: 'member', scopeLabel: '幸福里社区业主委员会成员' });
  });

  test('refuses a resident, a building leader and a liaison as FORBIDDEN, and writes nothing', async () => {
    for (const openid of [demoPersonas.resident, demoPersonas.leader, demoPersonas.liaison, 'no-profile-yet']) {
      await refusedGrant(
        openid,
        { userId: 'user-member', communityId: DEMO, kind: 'admin' },
        'FORBIDDEN',
        'auth.not-admin',
      );
    }
  });

  test('refuses the 东湖 admin a 幸福里 building even when passing their own community, and writes nothing', async () => {
    const foreign = buildingLeader('user-other-resident', OTHER, 'bld-xfl-1');
    await refusedGrant(otherPersonas.admin, foreign, 'FORBIDDEN', 'scope.foreign');
    for (const [kind, scope] of [
      ['estate_leader', { estateId: 'estate-xfl' }],
      ['council_member', { councilId: 'council-xingfuli-owners', position: 'chair' }],
      ['member', { memberType: 'in_office', workUnitId: 'wu-tax' }],
    ] as const) {
      const data = { userId: 'user-other-resident', communityId: OTHER, kind, ...scope };
      await refusedGrant(otherPersonas.admin, data, 'FORBIDDEN', 'scope.foreign');
    }
    const direct = { userId: 'user-member', communityId: DEMO, kind: 'admin' };
    await refusedGrant(otherPersonas.admin, direct, 'FORBIDDEN', 'auth.not-admin');
  });

  test('refuses the 幸福里 admin anything in 东湖, and writes nothing', async () => {
    const donghu = buildingLeader('user-resident', OTHER, 'bld-dh-1');
    await refusedGrant(demoPersonas.admin, donghu, 'FORBIDDEN', 'auth.not-admin');
  });

  test('answers an unknown person or building with NOT_FOUND, and writes nothing', async () => {
    const nobody = { userId: 'user-nobody', communityId: DEMO, kind: 'admin' };
    await refusedGrant(demoPersonas.admin, nobody, 'NOT_FOUND', 'user.not-found');
    const noBuilding = buildingLeader('user-member', DEMO, 'bld-x');
    await refusedGrant(demoPersonas.admin, noBuilding, 'NOT_FOUND', 'scope.not-found');
  });

  test('refuses a resident role, a missing scope or a missing work unit as VALIDATION, and writes nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ kind: 'resident', householdId: 'hh-xfl-1-101' }, 'kind'],
      [{ kind: 'building_leader' }, 'buildingId'],
      [{ kind: 'council_member', councilId: 'council-xingfuli-owners' }, 'position'],
      [{ kind: 'member', memberType: 'in_office' }, 'workUnitId'],
    ];
    for (const [data, field] of cases) {
      const input = { userId: 'user-member', communityId: DEMO, ...data };
      const error = await refusedGrant(demoPersonas.admin, input, 'VALIDATION', 'input.invalid');
      expect(error.fields).toHaveProperty(field);
    }
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(
      await grant(null, { userId: 'user-member', communityId: DEMO, kind: 'admin' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('account.revokeRole', () => {
  test('revokes a role with a reason, deleting it and keeping the before in the audit log', async () => {
    const roleId = 'building_leader:user-resident:bld-xfl-2';
    const role = expectOk(await revoke(demoPersonas.admin, { roleId, reason: '换届调整' }), Role);
    expect(role).toMatchObject({ id: roleId, kind: 'building_leader', buildingId: 'bld-xfl-2' });
    expect(f.find('roles', { _id: roleId })).toEqual([]);
    const entries = f.find('audit_log', { targetId: roleId, action: 'account.revokeRole' });
    expect(entries).toEqual([
      expect.objectContaining({
        summary:
          '撤销 张秀英 的楼栋党小组长身份（幸福里小区 · 2号楼）：换届调整。其楼栋党小组长的议题主持、绑定审核和活动组织权限即时终止',
        before: expect.objectContaining({ id: roleId }),
        after: {
          role: null,
          reason: '换届调整',
          endedPowers: '楼栋党小组长的议题主持、绑定审核和活动组织权限',
          passedToAdmins: { events: [], activities: [] },
        },
      }),
    ]);
  });

  test('unbinds a resident from a household by revoking their resident role', async () => {
    const roleId = 'resident:user-member:hh-xfl-1-302';
    expectOk(await revoke(demoPersonas.admin, { roleId, reason: '已搬离本小区' }), Role);
    expect(f.find('roles', { _id: roleId })).toEqual([]);
  });

  test("lets one admin revoke another admin's role, but never their own", async () => {
    const granted = expectOk(
      await grant(demoPersonas.admin, { userId: 'user-council-chair', communityId: DEMO, kind: 'admin' }),
      Role,
    );
    const own = { roleId: granted.id, reason: '不再担任' };
    await refusedRevoke(demoPersonas.councilChair, own, 'PRECONDITION_FAILED', 'role.self-admin');
    expectOk(
      await revoke(demoPersonas.councilChair, { roleId: 'admin:user-admin:comm-xingfuli', reason: '测试' }),
      Role,
    );
    expectOk(await grant(demoPersonas.councilChair, { userId: 'user-admin', communityId: DEMO, kind: 'admin' }), Role);
    expectOk(await revoke(demoPersonas.admin, { roleId: granted.id, reason: '不再担任' }), Role);
  });

  test('refuses a liaison role, which follows its work unit, as PRECONDITION_FAILED', async () => {
    const liaison = { roleId: 'liaison:user-liaison:wu-tax', reason: '更换联络员' };
    await refusedRevoke(demoPersonas.admin, liaison, 'PRECONDITION_FAILED', 'role.liaison-via-work-unit');
  });

  test('refuses a leader, a resident and the other community’s admin as FORBIDDEN, and writes nothing', async () => {
    for (const openid of [demoPersonas.leader, demoPersonas.resident, otherPersonas.admin]) {
      const data = { roleId: 'resident:user-resident:hh-xfl-1-102', reason: '恶意撤销' };
      await refusedRevoke(openid, data, 'FORBIDDEN', 'auth.not-admin');
    }
    const donghu = { roleId: 'resident:user-other-resident:hh-dh-1-101', reason: '越权撤销' };
    await refusedRevoke(demoPersonas.admin, donghu, 'FORBIDDEN', 'auth.not-admin');
  });

  test('answers an unknown role with NOT_FOUND for an admin and FORBIDDEN for anyone else', async () => {
    expectError(
      await revoke(demoPersonas.admin, { roleId: 'admin:nobody:x', reason: '测试一下' }),
      'NOT_FOUND',
      'role.not-found',
    );
    expectError(
      await revoke(demoPersonas.resident, { roleId: 'admin:nobody:x', reason: '测试一下' }),
      'FORBIDDEN',
      'auth.not-admin',
    );
  });

  test('refuses a missing or one-character reason as VALIDATION, and writes nothing', async () => {
    for (const data of [
      { roleId: 'resident:user-resident:hh-xfl-1-102' },
      { roleId: 'resident:user-resident:hh-xfl-1-102', reason: '错' },
    ]) {
      const body = await f.expectNothingWritten(() => revoke(demoPersonas.admin, data));
      expect(expectError(body, 'VALIDATION', 'input.invalid').fields).toHaveProperty('reason');
    }
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(
      await revoke(null, { roleId: 'resident:user-resident:hh-xfl-1-102', reason: '测试一下' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});
