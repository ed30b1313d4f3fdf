/**
 * Database requests per call of the check-in area's writes (issue #13 part 4,
 * docs/adr/0017-requests-per-call.md), counted by the emulator: the same whatever the data size.
 * A check-in writes the act and its points atomically (ADR 0015): the event with its community's
 * rules and the caller with their roles 1 (one aggregation), the transaction 5 (start, check-in, entry, balance,
 * commit; a member's first credit in the community creates the balance, one more), and the
 * counter's raise 1. A hand record reads the person with their roles in that same aggregation and
 * adds its audit entry inside the transaction: 8.
 */
import { CheckInResult, Registration, UnitRegistration } from '../../types/checkin';
import { onMeteredCall, type MeteredCall } from '../../emulator/host/request-meter';
import { DEMO, OTHER, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { insertDocs } from '../deliberation/helpers';
import { codeFor, declarePartyMembers, expectOk, makeEvent, patch } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  declarePartyMembers(f, demoPersonas.resident);
});
afterAll(() => f.stop());

const requestsOf = (call: () => Promise<unknown>) => f.okRequestsOf(call);

/** `n` earlier check-ins of other people on the event (test set-up only). */
function earlierCheckins(eventId: string, n: number): void {
  insertDocs(
    f,
    'checkins',
    Array.from({ length: n }, (_, i) => ({
      _id: `${eventId}:user-earlier-${i}`,
      eventId,
      eventTitle: '先来的人',
      communityId: DEMO,
      userId: `user-earlier-${i}`,
      userName: `先来的人${i}`,
      method: 'qr',
      reason: null,
      recordedBy: null,
      quarter: '2026Q4',
      checkedInAt: new Date(),
    })),
  );
  patch(f, 'events', eventId, { checkedInCount: n });
}

test('a check-in of a member who holds points costs at most seven database requests, however many checked in before', async () => {
  const warm = await makeEvent(f, { openid: demoPersonas.leader, title: '热身' });
  expectOk(await f.call(demoPersonas.member, 'checkin', 'checkIn', { code: codeFor(f, warm.id) }), CheckInResult);
  const event = await makeEvent(f, { openid: demoPersonas.leader });
  earlierCheckins(event.id, 40);
  const code = codeFor(f, event.id);
  const n = await requestsOf(() => f.call(demoPersonas.member, 'checkin', 'checkIn', { code }));
  console.log(`[requests] checkIn ${n}`);
  expect(n).toBeLessThanOrEqual(7);
  expect(f.find('events', { _id: event.id })[0]!.checkedInCount).toBe(41);
});

test("a member's first check-in in the community (which creates their balance) costs at most eight", async () => {
  insertDocs(f, 'users', [
    {
      _id: 'user-first-credit',
      openid: 'demo-first-credit',
      name: '初来的人',
      phone: '13800000001',
      createdAt: new Date(),
    },
  ]);
  insertDocs(f, 'roles', [
    { _id: `resident:user-first-credit:${DEMO}`, userId: 'user-first-credit', kind: 'resident', communityId: DEMO },
  ]);
  const event = await makeEvent(f, { openid: demoPersonas.leader, title: '第一次' });
  earlierCheckins(event.id, 40);
  const code = codeFor(f, event.id);
  const n = await requestsOf(() => f.call('demo-first-credit', 'checkin', 'checkIn', { code }));
  console.log(`[requests] checkIn (first credit) ${n}`);
  expect(n).toBeLessThanOrEqual(8);
  expect(f.find('point_balances', { _id: `${DEMO}:user-first-credit` })).toHaveLength(1);
});

test("a hand record costs at most eight database requests, its audit entry written in the record's transaction", async () => {
  const event = await makeEvent(f, { title: '补录的党日' });
  earlierCheckins(event.id, 35);
  const n = await requestsOf(() =>
    f.call(demoPersonas.admin, 'checkin', 'recordAttendance', {
      eventId: event.id,
      userId: 'user-member',
      reason: '手机没电无法扫码',
    }),
  );
  console.log(`[requests] recordAttendance ${n}`);
  expect(n).toBeLessThanOrEqual(8);
  expect(f.find('audit_log', { _id: `checkin:${event.id}:user-member` })).toHaveLength(1);
});

test("approving a work unit's application costs at most eight database requests (the applicant is told, owed in the decision's write: ADR 0031), however many units the community has", async () => {
  // 40 registered units in the community, and units of the same name in another community.
  insertDocs(
    f,
    'work_units',
    Array.from({ length: 40 }, (_, i) => ({
      _id: `wu-count-${i}`,
      communityId: i < 30 ? DEMO : OTHER,
      name: i < 30 ? `单位${i}` : '区档案馆',
      partyOrgName: `单位${i}党支部`,
      contactPhone: '13912345678',
      liaisonUserId: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    })),
  );
  const application = expectOk(
    await f.call(demoPersonas.resident, 'checkin', 'registerWorkUnit', {
      communityId: DEMO,
      name: '区档案馆',
      partyOrgName: '区档案馆党支部',
      contactPhone: '13912345678',
    }),
    UnitRegistration,
  );
  const n = await requestsOf(() =>
    f.call(demoPersonas.admin, 'checkin', 'decideUnitRegistration', {
      unitRegistrationId: application.id,
      decision: 'approve',
    }),
  );
  console.log(`[requests] decideUnitRegistration ${n}`);
  expect(n).toBeLessThanOrEqual(8);
  const unit = f.find('work_units', { communityId: DEMO, name: '区档案馆' });
  expect(unit).toHaveLength(1);
  expect(f.find('roles', { _id: `liaison:user-resident:${unit[0]!._id}` })).toHaveLength(1);
  expect(f.find('audit_log', { targetId: application.id })).toHaveLength(1);
  expect(f.find('locks', { holder: application.id })).toEqual([]);
});

test("approving a registration costs at most eight database requests, its credit, audit entry and the debt of the applicant's message in one transaction, however many registrations the community has", async () => {
  // Still over the budget of 6 (docs/adr/0017, "Still over budget"): the decision, the role and
  // its re-check, the credit's transaction with the audit entry. This keeps it from growing.
  insertDocs(
    f,
    'registrations',
    Array.from({ length: 30 }, (_, i) => ({
      _id: `reg-count-${i}`,
      userId: `user-earlier-${i}`,
      userName: `先来的人${i}`,
      communityId: DEMO,
      workUnitId: 'wu-hospital',
      workUnitName: '区人民医院',
      partyOrgName: '区人民医院党委',
      householdId: 'hh-xfl-1-101',
      householdLabel: '幸福里小区 · 1号楼 · 101',
      skills: [],
      intentions: [],
      status: 'pending',
      reason: null,
      decidedBy: null,
      createdAt: new Date(),
      decidedAt: null,
      withdrawnAt: null,
    })),
  );
  const reg = expectOk(
    await f.call(demoPersonas.resident, 'checkin', 'registerMember', {
      communityId: DEMO,
      workUnitId: 'wu-hospital',
      householdId: 'hh-xfl-1-102',
      intentions: ['elderly'],
    }),
    Registration,
  );
  const n = await requestsOf(() =>
    f.call(demoPersonas.admin, 'checkin', 'decideRegistration', { registrationId: reg.id, decision: 'approve' }),
  );
  console.log(`[requests] decideRegistration ${n}`);
  expect(n).toBeLessThanOrEqual(8);
  expect(f.find('roles', { _id: `member:user-resident:${DEMO}` })).toHaveLength(1);
  expect(f.find('point_ledger', { _id: `registration:${reg.id}` })).toHaveLength(1);
  expect(f.find('audit_log', { targetId: reg.id })).toHaveLength(1);
});

test("a hand record of a person's first credit in the community costs at most eight too, and two at once both count", async () => {
  const person = (id: string) => {
    insertDocs(f, 'users', [
      { _id: id, openid: `openid-${id}`, name: '新来的人', phone: '13800000002', createdAt: new Date() },
    ]);
    insertDocs(f, 'roles', [{ _id: `resident:${id}:${DEMO}`, userId: id, kind: 'resident', communityId: DEMO }]);
  };
  const record = (eventId: string, userId: string) =>
    f.call(demoPersonas.admin, 'checkin', 'recordAttendance', { eventId, userId, reason: '手机没电无法扫码' });
  person('user-hand-first');
  const event = await makeEvent(f, { title: '补录的第一次' });
  earlierCheckins(event.id, 35);
  const n = await requestsOf(() => record(event.id, 'user-hand-first'));
  console.log(`[requests] recordAttendance (first credit) ${n}`);
  expect(n).toBeLessThanOrEqual(8);
  expect(f.find('point_balances', { _id: `${DEMO}:user-hand-first` })).toHaveLength(1);

  // Both read "no balance yet"; the second add of the balance collides and its record runs again.
  person('user-hand-race');
  const [a, b] = [await makeEvent(f, { title: '补录甲' }), await makeEvent(f, { title: '补录乙' })];
  const bodies = await Promise.all([record(a.id, 'user-hand-race'), record(b.id, 'user-hand-race')]);
  for (const body of bodies) expect(body).toMatchObject({ ok: true });
  const entries = f.find('point_ledger', { userId: 'user-hand-race', communityId: DEMO });
  expect(entries).toHaveLength(2);
  const balance = f.find('point_balances', { _id: `${DEMO}:user-hand-race` });
  expect(balance).toHaveLength(1);
  expect(balance[0]!.balance).toBe(entries.reduce((sum, e) => sum + (e.amount as number), 0));
  expect(f.find('checkins', { userId: 'user-hand-race' })).toHaveLength(2);
  expect(f.find('audit_log', { action: 'checkin.recordAttendance', targetId: `${a.id}:user-hand-race` })).toHaveLength(
    1,
  );
});

test('a withdrawal that loses the race to an approval costs at most eight database requests: it withdraws the approved registration without reading it again', async () => {
  const reg = f.find('registrations', { userId: 'user-resident', communityId: DEMO, status: 'approved' })[0] as
    { _id: string } | undefined;
  if (!reg) throw new Error('the resident has no approved registration (the approval test above makes one)');
  // The withdrawal reads the registration still pending; the approval (its status, role, credit
  // and audit entry — made above) commits just before the withdrawal's transaction starts.
  f.update('registrations', reg._id, { status: 'pending' });
  const db = f.server.db;
  const handle = db.handle.bind(db);
  let decided = false;
  db.handle = (body) => {
    if (!decided && body.action === 'database.startTransaction') {
      decided = true;
      f.update('registrations', reg._id, { status: 'approved' });
    }
    return handle(body);
  };
  // Counted by the request meter (the call's own requests; the simulated approval's write is not).
  const calls: MeteredCall[] = [];
  const unsubscribe = onMeteredCall((call) => calls.push(call));
  try {
    const withdrawn = await f.call(demoPersonas.resident, 'checkin', 'withdrawRegistration', {
      registrationId: reg._id,
      reason: '工作调动',
    });
    expect(expectOk(withdrawn, Registration).status).toBe('withdrawn');
  } finally {
    unsubscribe();
    db.handle = handle;
  }
  expect(decided).toBe(true);
  const [call] = calls.filter((c) => c.action === 'withdrawRegistration');
  console.log(`[requests] withdrawRegistration after a lost race ${call?.requests}`);
  expect(call?.requests).toBeLessThanOrEqual(8);
  expect(f.find('registrations', { _id: reg._id })[0]!.status).toBe('withdrawn');
  expect(f.find('roles', { _id: `member:user-resident:${DEMO}` })).toHaveLength(0);
  expect(
    f
      .find('audit_log', { targetId: reg._id })
      .map((a) => a.action as string)
      .sort(),
  ).toEqual(['checkin.decideRegistration', 'checkin.withdrawRegistration']);
});
