/**
 * account.listAudit: a community's audit log, newest first, for its admins only.
 */
import { AuditPage, BindingRequest, Role } from '../../types/account';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  // Three audited changes in 幸福里, one in 东湖.
  const grant = { communityId: DEMO, kind: 'member', memberType: 'retired' };
  expectOk(await f.call(demoPersonas.admin, 'account', 'grantRole', { ...grant, userId: 'user-resident' }), Role);
  expectOk(
    await f.call(demoPersonas.admin, 'account', 'decideBinding', {
      requestId: 'bind-demo-newcomer',
      decision: 'approve',
    }),
    BindingRequest,
  );
  expectOk(
    await f.call(demoPersonas.admin, 'account', 'revokeRole', {
      roleId: `member:user-resident:${DEMO}`,
      reason: '登记错误',
    }),
    Role,
  );
  expectOk(
    await f.call(otherPersonas.admin, 'account', 'grantRole', {
      userId: 'user-other-resident',
      communityId: OTHER,
      kind: 'estate_leader',
      estateId: 'estate-dh',
    }),
    Role,
  );
});
afterAll(async () => {
  await f.stop();
});

const list = (openid: string | null, data: object) => f.call(openid, 'account', 'listAudit', data);

describe('account.listAudit', () => {
  test("shows an admin their community's entries, newest first, with ISO times and before/after", async () => {
    const page = expectOk(await list(demoPersonas.admin, { communityId: DEMO }), AuditPage);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((e) => e.action)).toEqual([
      'account.revokeRole',
      'account.decideBinding',
      'account.grantRole',
    ]);
    expect(page.items.every((e) => e.communityId === DEMO && e.actorName === '王红梅')).toBe(true);
    expect(page.items[0]).toMatchObject({
      targetKind: 'role',
      targetId: `member:user-resident:${DEMO}`,
      summary: '撤销 张秀英 的党员身份（退休党员）：登记错误。其党员报到与积分身份即时终止',
      after: expect.objectContaining({ role: null, reason: '登记错误' }),
      before: expect.objectContaining({ kind: 'member', memberType: 'retired' }),
    });
    expect(new Date(page.items[0]!.at).toISOString()).toBe(page.items[0]!.at);
  });

  test('pages with a cursor and filters by target kind', async () => {
    const first = expectOk(await list(demoPersonas.admin, { communityId: DEMO, limit: 2 }), AuditPage);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, limit: 2, cursor: first.nextCursor! }),
      AuditPage,
    );
    expect(rest.items.map((e) => e.action)).toEqual(['account.grantRole']);
    expect(rest.nextCursor).toBeNull();
    const bindings = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, targetKind: 'binding_request' }),
      AuditPage,
    );
    expect(bindings.items.map((e) => e.targetId)).toEqual(['bind-demo-newcomer']);
  });

  test("keeps each community's log to its own admins", async () => {
    const own = expectOk(await list(otherPersonas.admin, { communityId: OTHER }), AuditPage);
    expect(own.items.map((e) => e.summary)).toEqual(['授予 孔令辉 小区党支部书记（东湖花园）']);
    expectError(await list(otherPersonas.admin, { communityId: DEMO }), 'FORBIDDEN', 'auth.not-admin');
    expectError(await list(demoPersonas.admin, { communityId: OTHER }), 'FORBIDDEN', 'auth.not-admin');
  });

  test('refuses leaders, members, residents and callers without a profile as FORBIDDEN', async () => {
    for (const openid of [
      demoPersonas.leader,
      demoPersonas.estateLeader,
      demoPersonas.member,
      demoPersonas.resident,
      'no-profile-yet',
    ]) {
      expectError(await list(openid, { communityId: DEMO }), 'FORBIDDEN', 'auth.not-admin');
    }
  });

  test('refuses a malformed cursor or an over-long target kind as VALIDATION, and writes nothing', async () => {
    for (const data of [
      { communityId: DEMO, cursor: -1 },
      { communityId: DEMO, targetKind: 'x'.repeat(41) },
      { communityId: DEMO, cursor: '' },
    ]) {
      expectError(await f.expectNothingWritten(() => list(demoPersonas.admin, data)), 'VALIDATION', 'input.invalid');
    }
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await list(null, { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

/** An audit entry of 幸福里 written straight into the log. */
const entry = (id: string, actorId: string, action: string, at: string) => ({
  _id: id,
  communityId: DEMO,
  actorId,
  actorName: actorId === 'user-admin' ? '王红梅' : '赵志强',
  action,
  targetKind: 'wish',
  targetId: `target-${id}`,
  summary: `摘要${id}`,
  before: null,
  after: null,
  at: new Date(at),
});

describe('account.listAudit filters', () => {
  beforeAll(() => {
    f.insert('audit_log', [
      // 2026-01-10 00:30 in Shanghai is still 2026-01-09 in UTC: days are Shanghai days.
      entry('audit-f1', 'user-leader', 'wish.review', '2026-01-09T16:30:00Z'),
      entry('audit-f2', 'user-leader', 'checkin.decideRegistration', '2026-01-11T03:00:00Z'),
      entry('audit-f3', 'user-admin', 'wish.clearHold', '2026-01-12T15:59:00Z'),
      entry('audit-f4', 'user-admin', 'wish.review', '2026-01-12T16:00:00Z'),
    ]);
  });
  const ids = async (data: object) =>
    expectOk(await list(demoPersonas.admin, { communityId: DEMO, ...data }), AuditPage).items.map((e) => e.id);

  test('filters by the person who acted', async () => {
    expect(await ids({ actorId: 'user-leader' })).toEqual(['audit-f2', 'audit-f1']);
  });

  test('filters by kind: every action of that kind, and no other', async () => {
    expect(await ids({ kind: 'wish', from: '2026-01-01', to: '2026-01-31' })).toEqual([
      'audit-f4',
      'audit-f3',
      'audit-f1',
    ]);
    expect(await ids({ kind: 'checkin' })).toEqual(['audit-f2']);
  });

  test('filters by Asia/Shanghai days, both ends inclusive, and combines with the other filters', async () => {
    expect(await ids({ from: '2026-01-10', to: '2026-01-12' })).toEqual(['audit-f3', 'audit-f2', 'audit-f1']);
    expect(await ids({ kind: 'wish', from: '2026-01-13' })).toEqual(['audit-f4']);
    expect(await ids({ to: '2026-01-09' })).toEqual([]);
    expect(await ids({ actorId: 'user-admin', kind: 'wish', from: '2026-01-12', to: '2026-01-12' })).toEqual([
      'audit-f3',
    ]);
  });

  test('refuses an impossible day or an unknown kind as VALIDATION, and a non-admin filtering as FORBIDDEN', async () => {
    expectError(
      await list(demoPersonas.admin, { communityId: DEMO, from: '2026-02-30' }),
      'VALIDATION',
      'input.invalid',
    );
    expectError(await list(demoPersonas.admin, { communityId: DEMO, kind: 'secret' }), 'VALIDATION', 'input.invalid');
    expectError(
      await list(demoPersonas.leader, { communityId: DEMO, actorId: 'user-admin' }),
      'FORBIDDEN',
      'auth.not-admin',
    );
  });

  test('answers with every filter at once in at most 4 database requests', async () => {
    const requests = await f.okRequestsOf(() =>
      list(demoPersonas.admin, {
        communityId: DEMO,
        actorId: 'user-admin',
        kind: 'wish',
        from: '2026-01-01',
        to: '2026-01-31',
      }),
    );
    expect(requests).toBe(2);
  });
});

describe('account.listAudit and refused 代办 acts', () => {
  const at = (day: string) => `2026-02-${day}T02:00:00Z`;
  const ACT = 'audit-proxy.postWish:wish-refused';
  beforeAll(() => {
    f.insert('audit_log', [
      entry(ACT, 'user-gw', 'proxy.postWish', at('10')),
      entry('audit-proxy.postWish:wish-standing', 'user-gw', 'proxy.postWish', at('11')),
      // The admin's refusal of the first act, under its deterministic id (docs/adr/0044).
      entry(`audit-proxy.refuseAct:${ACT}`, 'user-admin', 'proxy.refuseAct', at('12')),
    ]);
  });
  const refusedOf = async (data: object) =>
    expectOk(await list(demoPersonas.admin, { communityId: DEMO, from: '2026-02-01', ...data }), AuditPage).items.map(
      (e) => [e.id, e.refused],
    );

  test('marks a refused act refused even when the filter hides the refusal, and only that act', async () => {
    // Only the proxy's entries: the admin's refusal is not among them, the act still says refused.
    expect(await refusedOf({ actorId: 'user-gw' })).toEqual([
      ['audit-proxy.postWish:wish-standing', false],
      [ACT, true],
    ]);
    // Days that end before the refusal was written.
    expect(await refusedOf({ to: '2026-02-10' })).toEqual([[ACT, true]]);
    // With the refusal listed: the refusal itself is no refused act.
    expect(await refusedOf({ kind: 'proxy' })).toEqual([
      [`audit-proxy.refuseAct:${ACT}`, false],
      ['audit-proxy.postWish:wish-standing', false],
      [ACT, true],
    ]);
  });

  test('reads the refusals in one more request, only when the page shows a 代办 act', async () => {
    expect(await f.okRequestsOf(() => list(demoPersonas.admin, { communityId: DEMO, actorId: 'user-gw' }))).toBe(3);
    expect(await f.okRequestsOf(() => list(demoPersonas.admin, { communityId: DEMO, to: '2026-01-31' }))).toBe(2);
  });
});
