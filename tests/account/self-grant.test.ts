/**
 * Nobody grants a role to themself (issue #12), by any verb that grants one: account.grantRole
 * for every kind, approving one's own binding (resident role), making oneself a work unit's
 * liaison. And rights end with the role: a revoked leader's review queue closes at once, and the
 * audit entry of the revocation says what passed to the admins. Every refusal writes nothing.
 */
import { BindingRequest, BindingRequestPage, Role } from '../../types/account';
import { anEvent } from '../support/factories';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const grant = (openid: string, data: Record<string, unknown>) =>
  f.call(openid, 'account', 'grantRole', { communityId: DEMO, ...data });

describe('account.grantRole to oneself', () => {
  test.each([
    ['Party member', { kind: 'member', memberType: 'retired' }],
    ['in-office Party member', { kind: 'member', memberType: 'in_office', workUnitId: 'wu-tax' }],
    ['building leader', { kind: 'building_leader', buildingId: 'bld-xfl-1' }],
    ['estate Party secretary', { kind: 'estate_leader', estateId: 'estate-xfl' }],
    ['owners chair', { kind: 'council_member', councilId: 'council-xingfuli-owners', position: 'chair' }],
    ['deliberation chair', { kind: 'council_member', councilId: 'council-xingfuli-deliberation', position: 'chair' }],
    ['supervisory member', { kind: 'council_member', councilId: 'council-xingfuli-supervisory', position: 'member' }],
    ['admin (again)', { kind: 'admin' }],
  ])('refuses an admin who grants themself a %s as FORBIDDEN role.self-grant and writes nothing', async (_l, data) => {
    const reply = await f.expectNothingWritten(() => grant(demoPersonas.admin, { userId: 'user-admin', ...data }));
    expectError(reply, 'FORBIDDEN', 'role.self-grant');
  });

  test('refuses a street viewer for oneself: to a community admin it is street level only, to a street admin self-grant', async () => {
    const asAdmin = await f.expectNothingWritten(() =>
      grant(demoPersonas.admin, { userId: 'user-admin', kind: 'street_viewer' }),
    );
    expectError(asAdmin, 'FORBIDDEN', 'role.street-level-only');
    const asStreetAdmin = await f.expectNothingWritten(() =>
      grant(demoPersonas.streetAdmin, { userId: 'user-street-admin', kind: 'street_viewer' }),
    );
    expectError(asStreetAdmin, 'FORBIDDEN', 'role.self-grant');
  });

  test('the same grant to someone else is fine', async () => {
    expectOk(
      await grant(demoPersonas.admin, { userId: 'user-resident', kind: 'building_leader', buildingId: 'bld-xfl-3' }),
      Role,
    );
  });
});

describe('other verbs that grant a role', () => {
  test('refuses an admin who approves their own binding request (a resident role) and writes nothing', async () => {
    const requested = expectOk(
      await f.call(demoPersonas.admin, 'account', 'requestBinding', { householdId: 'hh-xfl-3-502', relation: 'owner' }),
      BindingRequest,
    );
    const reply = await f.expectNothingWritten(() =>
      f.call(demoPersonas.admin, 'account', 'decideBinding', { requestId: requested.id, decision: 'approve' }),
    );
    expectError(reply, 'FORBIDDEN', 'binding.self-decide');
    // An estate Party secretary on a household of their own estate, too.
    const theirs = expectOk(
      await f.call(demoPersonas.estateLeader, 'account', 'requestBinding', {
        householdId: 'hh-xfl-2-502',
        relation: 'family',
      }),
      BindingRequest,
    );
    const own = await f.expectNothingWritten(() =>
      f.call(demoPersonas.estateLeader, 'account', 'decideBinding', { requestId: theirs.id, decision: 'approve' }),
    );
    expectError(own, 'FORBIDDEN', 'binding.self-decide');
  });

  test("refuses an admin who makes themself a work unit's liaison and writes nothing", async () => {
    const data = {
      communityId: DEMO,
      name: '区图书馆',
      partyOrgName: '区图书馆党支部',
      contactPhone: '0571-88000009',
      liaisonUserId: 'user-admin',
    };
    const reply = await f.expectNothingWritten(() => f.call(demoPersonas.admin, 'org', 'saveWorkUnit', data));
    expectError(reply, 'FORBIDDEN', 'role.self-grant');
    const existing = await f.expectNothingWritten(() =>
      f.call(demoPersonas.admin, 'org', 'saveWorkUnit', {
        ...data,
        workUnitId: 'wu-hospital',
        name: '区人民医院',
        partyOrgName: '区人民医院党委',
      }),
    );
    expectError(existing, 'FORBIDDEN', 'role.self-grant');
  });
});

describe('rights end with the role', () => {
  test("a revoked building leader's review queue closes at once; the audit says what passed to the admins", async () => {
    const pending = expectOk(
      await f.call(demoPersonas.newcomer, 'account', 'requestBinding', {
        householdId: 'hh-xfl-1-501',
        relation: 'tenant',
      }),
      BindingRequest,
    );
    const queue = expectOk(
      await f.call(demoPersonas.leader, 'account', 'listBindingRequests', { communityId: DEMO, status: 'pending' }),
      BindingRequestPage,
    );
    expect(queue.items.map((b) => b.id)).toContain(pending.id);
    // An event the leader organises, still to come.
    const now = Date.now();
    f.insert('events', [
      anEvent({
        _id: 'event-leader-upcoming',
        communityId: DEMO,
        title: '楼道清洁日',
        kind: 'volunteer',
        place: '1号楼',
        startAt: new Date(now + 86_400_000),
        endAt: new Date(now + 90_000_000),
        checkinOpensAt: new Date(now + 84_000_000),
        organiserId: 'user-leader',
        organiserName: '陈志强',
        createdAt: new Date(now),
      }),
    ]);

    const roleId = 'building_leader:user-leader:bld-xfl-1';
    expectOk(await f.call(demoPersonas.admin, 'account', 'revokeRole', { roleId, reason: '换届调整' }), Role);
    for (const [action, data] of [
      ['listBindingRequests', { communityId: DEMO }],
      ['decideBinding', { requestId: pending.id, decision: 'approve' }],
    ] as const) {
      const reply = await f.expectNothingWritten(() => f.call(demoPersonas.leader, 'account', action, data));
      expectError(reply, 'FORBIDDEN');
    }
    const audit = f.find('audit_log', { targetId: roleId, action: 'account.revokeRole' })[0]!;
    expect(audit.summary).toBe(
      '撤销 陈志强 的楼栋党小组长身份（幸福里小区 · 1号楼）：换届调整。其楼栋党小组长的议题主持、绑定审核和活动组织权限即时终止；其组织的1场签到活动、0个志愿活动移交社区管理员管理',
    );
    expect(audit.after).toMatchObject({
      role: null,
      passedToAdmins: { events: [{ id: 'event-leader-upcoming', title: '楼道清洁日' }], activities: [] },
    });
  });
});
