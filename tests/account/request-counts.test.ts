/**
 * Database requests per call (issue #13, part 4): a write of the account area costs at most six
 * requests, a read at most four, however much data surrounds it (many requests waiting, a person
 * organising many events and activities, many people in the community).
 */
import { BindingRequest, BindingRequestPage, PersonPage, Role } from '../../types/account';
import { aBindingRequest, anEvent, aUser } from '../support/factories';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectOk } from './helpers';
import { onMeteredCall, type MeteredCall } from '../../emulator/host/request-meter';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

/** The database requests `fn` sends (the in-process server's counter). */
const requestsOf = <T>(fn: () => Promise<T>) => f.requestsOf(fn);
/** The database requests of a grant by `openid`, with its reply. */
const grantCost = (openid: string, data: object) => requestsOf(() => f.call(openid, 'account', 'grantRole', data));

const DAY = 86_400_000;

/** 40 people, each with a pending request for a household of 幸福里 1号楼..3号楼. */
function manyPendingRequests(): void {
  const now = new Date();
  const people = Array.from({ length: 40 }, (_, i) => `rc-user-${i}`);
  f.insert(
    'users',
    people.map((id, i) =>
      aUser({ _id: id, openid: `rc-openid-${i}`, name: `申请人${i}`, phone: `1391000${String(i).padStart(4, '0')}` }),
    ),
  );
  f.insert(
    'binding_requests',
    people.map((id, i) =>
      aBindingRequest({
        _id: `rc-bind-${i}`,
        userId: id,
        userName: `申请人${i}`,
        communityId: DEMO,
        estateId: 'estate-xfl',
        buildingId: 'bld-xfl-1',
        householdId: 'hh-xfl-1-102',
        householdLabel: '幸福里小区 · 1号楼 · 1-102',
        createdAt: new Date(now.getTime() - i * 1000),
      }),
    ),
  );
}

test("requesting a binding costs at most six database requests, rejecting six and approving seven (the caller and the request one read; the applicant is told, owed in the decision's write: ADR 0031), however many requests wait", async () => {
  manyPendingRequests();
  const asked = await requestsOf(() =>
    f.call(demoPersonas.newcomer, 'account', 'requestBinding', { householdId: 'hh-xfl-2-102', relation: 'tenant' }),
  );
  const id = expectOk(asked.result, BindingRequest).id;
  expect(asked.requests).toBeLessThanOrEqual(6);

  const approved = await requestsOf(() =>
    f.call(demoPersonas.admin, 'account', 'decideBinding', { requestId: id, decision: 'approve' }),
  );
  expect(expectOk(approved.result, BindingRequest).status).toBe('approved');
  expect(f.find('roles', { _id: 'resident:user-newcomer:hh-xfl-2-102' })).toHaveLength(1);
  expect(approved.requests).toBeLessThanOrEqual(7);

  const rejected = await requestsOf(() =>
    f.call(demoPersonas.admin, 'account', 'decideBinding', {
      requestId: 'rc-bind-7',
      decision: 'reject',
      reason: '信息不符',
    }),
  );
  expect(expectOk(rejected.result, BindingRequest).status).toBe('rejected');
  expect(rejected.requests).toBeLessThanOrEqual(6);

  const listed = await requestsOf(() =>
    f.call(demoPersonas.admin, 'account', 'listBindingRequests', { communityId: DEMO, status: 'pending' }),
  );
  expect(expectOk(listed.result, BindingRequestPage).items).toHaveLength(20);
  expect(listed.requests).toBeLessThanOrEqual(4);
});

test('of ten deciders racing on one request, the one whose decision holds costs at most seven database requests, even when a loser told the applicant first', async () => {
  const calls: MeteredCall[] = [];
  const stop = onMeteredCall((call) => {
    if (call.fn === 'account' && call.action === 'decideBinding') calls.push(call);
  });
  try {
    const deciders = [demoPersonas.admin, demoPersonas.leader, demoPersonas.estateLeader];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        f.call(
          deciders[i % deciders.length]!,
          'account',
          'decideBinding',
          i % 2 === 0
            ? { requestId: 'rc-bind-8', decision: 'approve' }
            : { requestId: 'rc-bind-8', decision: 'reject', reason: '并发驳回' },
        ),
      ),
    );
  } finally {
    stop();
  }
  const won = calls.filter((c) => c.ok);
  console.log(
    `[requests] decideBinding racing: ${calls.map((c) => `${c.ok ? 'won' : 'lost'} ${c.requests}`).join(', ')}`,
  );
  expect(won).toHaveLength(1);
  expect(won[0]!.requests).toBeLessThanOrEqual(7);
  expect(f.find('messages', { _id: 'binding:rc-bind-8:decided' })).toHaveLength(1);
  expect(f.find('binding_requests', { _id: 'rc-bind-8' })[0]!.owedTo ?? []).toEqual([]);
});

test('granting a building leader, a council member or a street viewer costs at most six database requests', async () => {
  const leader = await grantCost(demoPersonas.admin, {
    userId: 'rc-user-1',
    communityId: DEMO,
    kind: 'building_leader',
    buildingId: 'bld-xfl-2',
  });
  expect(expectOk(leader.result, Role).scopeLabel).toBe('幸福里小区 · 2号楼');
  expect(leader.requests).toBeLessThanOrEqual(6);

  const council = await grantCost(demoPersonas.admin, {
    userId: 'rc-user-2',
    communityId: DEMO,
    kind: 'council_member',
    councilId: 'council-xingfuli-owners',
    position: 'member',
  });
  expectOk(council.result, Role);
  expect(council.requests).toBeLessThanOrEqual(6);

  const viewer = await grantCost(demoPersonas.streetAdmin, {
    userId: 'rc-user-3',
    communityId: DEMO,
    kind: 'street_viewer',
  });
  expect(expectOk(viewer.result, Role).scopeLabel).toBe('和平街道');
  expect(viewer.requests).toBeLessThanOrEqual(6);
});

test('revoking an organiser costs at most six database requests however many events and activities pass to the admins', async () => {
  const now = Date.now();
  const live = (i: number) => new Date(now + (i + 1) * DAY);
  const long = (i: number) => new Date(now - (40 + i) * DAY);
  const event = (id: string, endAt: Date) =>
    anEvent({
      _id: id,
      communityId: DEMO,
      title: `活动${id}`,
      kind: 'volunteer',
      place: '1号楼',
      startAt: new Date(endAt.getTime() - 3_600_000),
      endAt,
      checkinOpensAt: new Date(endAt.getTime() - 7_200_000),
      organiserId: 'rc-user-1',
      organiserName: '申请人1',
      qrSecret: 'x',
      createdAt: new Date(now),
    });
  f.insert('events', [
    ...Array.from({ length: 30 }, (_, i) => event(`rc-ev-live-${String(i).padStart(2, '0')}`, live(i))),
    ...Array.from({ length: 30 }, (_, i) => event(`rc-ev-old-${i}`, long(i))),
  ]);
  f.insert(
    'activities',
    Array.from({ length: 30 }, (_, i) => ({
      ...event(`rc-act-${String(i).padStart(2, '0')}`, i < 20 ? live(i) : long(i)),
      cancelled: i === 0,
    })),
  );
  const revoked = await requestsOf(() =>
    f.call(demoPersonas.admin, 'account', 'revokeRole', {
      roleId: 'building_leader:rc-user-1:bld-xfl-2',
      reason: '换届',
    }),
  );
  expectOk(revoked.result, Role);
  expect(revoked.requests).toBeLessThanOrEqual(6);
  const audit = f.find('audit_log', {
    targetId: 'building_leader:rc-user-1:bld-xfl-2',
    action: 'account.revokeRole',
  })[0]!;
  const passed = audit.after.passedToAdmins as { events: Array<{ id: string }>; activities: Array<{ id: string }> };
  // The live ones only (ended less than the correction period ago, not cancelled), in id order.
  expect(passed.events.map((e) => e.id)).toEqual(
    Array.from({ length: 30 }, (_, i) => `rc-ev-live-${String(i).padStart(2, '0')}`),
  );
  expect(passed.activities.map((e) => e.id)).toEqual(
    Array.from({ length: 19 }, (_, i) => `rc-act-${String(i + 1).padStart(2, '0')}`),
  );
});

test('listing the people of a community costs at most four database requests', async () => {
  const listed = await requestsOf(() => f.call(demoPersonas.admin, 'account', 'listPeople', { communityId: DEMO }));
  expect(expectOk(listed.result, PersonPage).items.length).toBeGreaterThan(0);
  expect(listed.requests).toBeLessThanOrEqual(4);
});
