/**
 * Binding a person to a household: requesting, withdrawing, listing and deciding requests.
 * Who may see and decide a request follows the building: admins of the community, and the
 * building's own leaders (building leader, or the estate's Party secretary).
 */
import { BindingRequest, BindingRequestPage, MeResult } from '../../types/account';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk, fullPhonesIn, openidOfRoleHolder } from './helpers';

let f: Fixture;
/** Leads 和谐家园 (estate-hxjy), where the newcomer's demo request is (3号楼). */
const hxjySecretary = openidOfRoleHolder((r) => r.kind === 'estate_leader' && r.estateId === 'estate-hxjy');
/** Leads 和谐家园 2号楼 only. */
const hxjy2Leader = openidOfRoleHolder((r) => r.kind === 'building_leader' && r.buildingId === 'bld-hxjy-2');

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const request = (openid: string | null, householdId: string, relation = 'family') =>
  f.call(openid, 'account', 'requestBinding', { householdId, relation });

describe('account.requestBinding', () => {
  test('records a pending request with the household label and holds the one-pending lock', async () => {
    const req = expectOk(await request(demoPersonas.resident, 'hh-xfl-2-101'), BindingRequest);
    expect(req).toMatchObject({
      userId: 'user-resident',
      userName: '张秀英',
      userPhone: '13810000006',
      communityId: DEMO,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-2',
      householdId: 'hh-xfl-2-101',
      householdLabel: '幸福里小区 · 2号楼 · 2-101',
      relation: 'family',
      status: 'pending',
      reason: null,
      decidedByName: null,
      decidedAt: null,
    });
    expect(f.find('locks', { _id: 'binding:user-resident:hh-xfl-2-101' })).toEqual([
      expect.objectContaining({ holder: req.id }),
    ]);
  });

  test('refuses a second pending request for the same household as CONFLICT, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() => request(demoPersonas.resident, 'hh-xfl-2-101', 'tenant'));
    expectError(body, 'CONFLICT', 'binding.already-pending');
  });

  test('lets only one of several racing identical requests through', async () => {
    const bodies = await Promise.all(Array.from({ length: 6 }, () => request(demoPersonas.liaison, 'hh-xfl-3-101')));
    expect(bodies.filter((b) => b.ok)).toHaveLength(1);
    for (const b of bodies.filter((x) => !x.ok)) expectError(b, 'CONFLICT', 'binding.already-pending');
    expect(f.find('binding_requests', { userId: 'user-liaison', householdId: 'hh-xfl-3-101' })).toHaveLength(1);
  });

  test('refuses a request for a household the person already lives in as PRECONDITION_FAILED', async () => {
    const body = await f.expectNothingWritten(() => request(demoPersonas.resident, 'hh-xfl-1-102'));
    expectError(body, 'PRECONDITION_FAILED', 'binding.already-bound');
  });

  test('asks a caller without a profile to create one first, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() => request('no-profile-yet', 'hh-xfl-2-101'));
    expectError(body, 'PRECONDITION_FAILED', 'account.no-profile');
  });

  test('answers an unknown household with NOT_FOUND, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() => request(demoPersonas.resident, 'hh-nowhere'));
    expectError(body, 'NOT_FOUND', 'household.not-found');
  });

  test('refuses an unknown relation or a userId in the input as VALIDATION, and writes nothing', async () => {
    const bad = await f.expectNothingWritten(() => request(demoPersonas.resident, 'hh-xfl-2-102', 'friend'));
    expect(expectError(bad, 'VALIDATION', 'input.invalid').fields).toHaveProperty('relation');
    const smuggled = await f.expectNothingWritten(() =>
      f.call(demoPersonas.resident, 'account', 'requestBinding', {
        householdId: 'hh-xfl-2-102',
        relation: 'owner',
        userId: 'user-admin',
      }),
    );
    expectError(smuggled, 'VALIDATION', 'input.invalid');
  });

  test('refuses an anonymous caller as UNAUTHENTICATED, and writes nothing', async () => {
    expectError(
      await f.expectNothingWritten(() => request(null, 'hh-xfl-2-101')),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });
});

describe('account.withdrawBinding', () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = expectOk(await request(demoPersonas.member, 'hh-xfl-2-102'), BindingRequest).id;
  });

  test("refuses someone else's request as FORBIDDEN, even for an admin, and writes nothing", async () => {
    for (const openid of [demoPersonas.resident, demoPersonas.admin]) {
      const body = await f.expectNothingWritten(() => f.call(openid, 'account', 'withdrawBinding', { requestId }));
      expectError(body, 'FORBIDDEN', 'binding.not-yours');
    }
  });

  test('withdraws the own pending request and releases the lock, so the person may ask again', async () => {
    const req = expectOk(
      await f.call(demoPersonas.member, 'account', 'withdrawBinding', { requestId }),
      BindingRequest,
    );
    expect(req).toMatchObject({ id: requestId, status: 'withdrawn', userPhone: '13810000004' });
    expect(f.find('locks', { _id: 'binding:user-member:hh-xfl-2-102' })).toEqual([]);
    const again = expectOk(await request(demoPersonas.member, 'hh-xfl-2-102'), BindingRequest);
    expect(again.id).not.toBe(requestId);
    expectOk(await f.call(demoPersonas.member, 'account', 'withdrawBinding', { requestId: again.id }), BindingRequest);
  });

  test('refuses a request that is no longer pending as PRECONDITION_FAILED naming its status', async () => {
    const body = await f.expectNothingWritten(() =>
      f.call(demoPersonas.member, 'account', 'withdrawBinding', { requestId }),
    );
    expect(expectError(body, 'PRECONDITION_FAILED', 'binding.not-pending').message).toContain('已撤回');
  });

  test('answers an unknown request with NOT_FOUND and an empty id with VALIDATION', async () => {
    const missing = await f.expectNothingWritten(() =>
      f.call(demoPersonas.member, 'account', 'withdrawBinding', { requestId: 'bind-nope' }),
    );
    expectError(missing, 'NOT_FOUND', 'binding.not-found');
    const empty = await f.expectNothingWritten(() =>
      f.call(demoPersonas.member, 'account', 'withdrawBinding', { requestId: ' ' }),
    );
    expectError(empty, 'VALIDATION', 'input.invalid');
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await f.call(null, 'account', 'withdrawBinding', { requestId }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('account.listBindingRequests', () => {
  const list = (openid: string | null, data: object) => f.call(openid, 'account', 'listBindingRequests', data);

  test('shows an admin every request of the community, newest first, with names and phones in full', async () => {
    const page = expectOk(await list(demoPersonas.admin, { communityId: DEMO }), BindingRequestPage);
    expect(page.items.length).toBeGreaterThanOrEqual(4);
    const times = page.items.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.items.at(-1)).toMatchObject({ id: 'bind-demo-newcomer', userName: '马晓东', userPhone: '13810000009' });
    expect(page.nextCursor).toBeNull();
  });

  test('filters by status and pages with a cursor until nextCursor is null', async () => {
    const first = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, status: 'pending', limit: 2 }),
      BindingRequestPage,
    );
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, status: 'pending', limit: 2, cursor: first.nextCursor! }),
      BindingRequestPage,
    );
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.every((r) => r.status === 'pending')).toBe(true);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(all.map((r) => r.id)).toContain('bind-demo-newcomer');
  });

  test("shows an estate's Party secretary only its own estate's requests, names in full and phones masked", async () => {
    const page = expectOk(await list(hxjySecretary, { communityId: DEMO }), BindingRequestPage);
    expect(page.items.map((r) => r.id)).toEqual(['bind-demo-newcomer']);
    expect(page.items[0]).toMatchObject({ userName: '马晓东', userPhone: '138****0009' });
    expect(fullPhonesIn(page)).toEqual([]);
  });

  test("shows a building leader only their building's requests, names in full and phones masked", async () => {
    expectOk(await request(demoPersonas.councilChair, 'hh-xfl-1-202', 'family'), BindingRequest);
    const xfl1 = expectOk(await list(demoPersonas.leader, { communityId: DEMO }), BindingRequestPage);
    expect(xfl1.items.map((r) => [r.householdId, r.userName, r.userPhone])).toEqual([
      ['hh-xfl-1-202', '赵德明', '138****0007'],
    ]);
    expect(fullPhonesIn(xfl1)).toEqual([]);
    const other = expectOk(await list(hxjy2Leader, { communityId: DEMO }), BindingRequestPage);
    expect(other.items).toEqual([]);
  });

  test('refuses a resident, a Party member and a council chair as FORBIDDEN', async () => {
    for (const openid of [demoPersonas.resident, demoPersonas.member, demoPersonas.councilChair, 'no-profile-yet']) {
      expectError(await list(openid, { communityId: DEMO }), 'FORBIDDEN', 'binding.not-reviewer');
    }
  });

  test("refuses each community's admin the other community as FORBIDDEN", async () => {
    expectError(await list(otherPersonas.admin, { communityId: DEMO }), 'FORBIDDEN', 'binding.not-reviewer');
    expectError(await list(demoPersonas.admin, { communityId: OTHER }), 'FORBIDDEN', 'binding.not-reviewer');
    const own = expectOk(await list(otherPersonas.admin, { communityId: OTHER }), BindingRequestPage);
    expect(own.items).toEqual([]);
  });

  test('refuses a bad status or limit as VALIDATION and an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await list(demoPersonas.admin, { communityId: DEMO, status: 'lost' }), 'VALIDATION', 'input.invalid');
    expectError(await list(demoPersonas.admin, { communityId: DEMO, limit: 500 }), 'VALIDATION', 'input.invalid');
    expectError(await list(null, { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('account.decideBinding', () => {
  const decide = (openid: string | null, data: object) => f.call(openid, 'account', 'decideBinding', data);

  test('refuses a leader of another building, an admin of another community, and a resident as FORBIDDEN', async () => {
    for (const openid of [hxjy2Leader, demoPersonas.leader, otherPersonas.admin, demoPersonas.resident]) {
      const body = await f.expectNothingWritten(() =>
        decide(openid, { requestId: 'bind-demo-newcomer', decision: 'approve' }),
      );
      expectError(body, 'FORBIDDEN', 'binding.not-decider');
    }
  });

  test('refuses a rejection without a reason as VALIDATION, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { requestId: 'bind-demo-newcomer', decision: 'reject' }),
    );
    expect(expectError(body, 'VALIDATION', 'input.invalid').fields).toHaveProperty('reason');
    const unknown = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { requestId: 'bind-demo-newcomer', decision: 'maybe' }),
    );
    expectError(unknown, 'VALIDATION', 'input.invalid');
  });

  test('approves as the estate secretary: the resident role with the household scope, the lock released, audited', async () => {
    const decided = expectOk(
      await decide(hxjySecretary, { requestId: 'bind-demo-newcomer', decision: 'approve' }),
      BindingRequest,
    );
    expect(decided).toMatchObject({ status: 'approved', reason: null, userName: '马晓东', userPhone: '138****0009' });
    expect(decided.decidedAt).not.toBeNull();
    expect(f.find('roles', { _id: 'resident:user-newcomer:hh-hxjy-3-502' })).toEqual([
      expect.objectContaining({
        kind: 'resident',
        communityId: DEMO,
        estateId: 'estate-hxjy',
        buildingId: 'bld-hxjy-3',
        householdId: 'hh-hxjy-3-502',
        scopeLabel: '和谐家园 · 3号楼 · 3-502',
      }),
    ]);
    expect(f.find('locks', { _id: 'binding:user-newcomer:hh-hxjy-3-502' })).toEqual([]);
    const audit = f.find('audit_log', { targetId: 'bind-demo-newcomer' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      communityId: DEMO,
      action: 'account.decideBinding',
      summary: '通过 马晓东 绑定 和谐家园 · 3号楼 · 3-502 的申请',
      before: { status: 'pending' },
      after: { status: 'approved', roleId: 'resident:user-newcomer:hh-hxjy-3-502' },
    });
    const me = expectOk(await f.call(demoPersonas.newcomer, 'account', 'me'), MeResult);
    expect(me.roles.map((r) => r.id)).toEqual(['resident:user-newcomer:hh-hxjy-3-502']);
    expect(me.bindings[0]).toMatchObject({ status: 'approved', decidedByName: expect.any(String) });
  });

  test('refuses to decide a request again as PRECONDITION_FAILED naming its status, and writes nothing', async () => {
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { requestId: 'bind-demo-newcomer', decision: 'reject', reason: '信息有误' }),
    );
    expect(expectError(body, 'PRECONDITION_FAILED', 'binding.not-pending').message).toContain('已通过');
  });

  test('rejects with a reason as the admin, who sees the phone in full; no role is granted', async () => {
    const { id } = expectOk(await request(demoPersonas.supervisor, 'hh-xfl-1-402', 'tenant'), BindingRequest);
    const decided = expectOk(
      await decide(demoPersonas.admin, { requestId: id, decision: 'reject', reason: '房号填写错误' }),
      BindingRequest,
    );
    expect(decided).toMatchObject({
      status: 'rejected',
      reason: '房号填写错误',
      decidedByName: '王红梅',
      userName: '周淑珍',
      userPhone: '13810000008',
    });
    expect(f.find('roles', { _id: 'resident:user-supervisor:hh-xfl-1-402' })).toEqual([]);
    expect(f.find('locks', { _id: 'binding:user-supervisor:hh-xfl-1-402' })).toEqual([]);
    expect(f.find('audit_log', { targetId: id })[0]).toMatchObject({
      summary: '驳回 周淑珍 绑定 幸福里小区 · 1号楼 · 1-402 的申请：房号填写错误',
      after: { status: 'rejected', reason: '房号填写错误' },
    });
  });

  test('refuses a leader deciding their own request as FORBIDDEN', async () => {
    const { id } = expectOk(await request(demoPersonas.leader, 'hh-xfl-1-502'), BindingRequest);
    const body = await f.expectNothingWritten(() =>
      decide(demoPersonas.leader, { requestId: id, decision: 'approve' }),
    );
    expectError(body, 'FORBIDDEN', 'binding.self-decide');
  });

  test('answers an unknown request with NOT_FOUND and an anonymous caller with UNAUTHENTICATED', async () => {
    const missing = await f.expectNothingWritten(() =>
      decide(demoPersonas.admin, { requestId: 'bind-nope', decision: 'approve' }),
    );
    expectError(missing, 'NOT_FOUND', 'binding.not-found');
    expectError(
      await decide(null, { requestId: 'bind-demo-newcomer', decision: 'approve' }),
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });

  test('makes exactly one decision when ten deciders race on one request', async () => {
    const { id } = expectOk(await request(demoPersonas.councilChair, 'hh-xfl-1-401', 'owner'), BindingRequest);
    const deciders = [demoPersonas.admin, demoPersonas.leader, demoPersonas.estateLeader];
    const bodies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        decide(
          deciders[i % deciders.length]!,
          i % 2 === 0
            ? { requestId: id, decision: 'approve' }
            : { requestId: id, decision: 'reject', reason: '并发驳回' },
        ),
      ),
    );
    const winners = bodies.filter((b) => b.ok);
    expect(winners).toHaveLength(1);
    for (const b of bodies.filter((x) => !x.ok)) expectError(b, 'PRECONDITION_FAILED', 'binding.not-pending');
    const stored = f.find('binding_requests', { _id: id })[0]!;
    expect(stored.status).toBe(winners[0].data.status);
    expect(f.find('audit_log', { targetId: id })).toHaveLength(1);
    expect(f.find('roles', { _id: 'resident:user-council-chair:hh-xfl-1-401' })).toHaveLength(
      stored.status === 'approved' ? 1 : 0,
    );
  });
});
