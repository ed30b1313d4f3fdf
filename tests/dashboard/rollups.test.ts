/**
 * Roll-up = recount (issue #18, docs/adr/0042-roll-ups.md): after the demo's year of acts, after
 * each kind of act done through the real actions (报到 and its decision, a wish's moves, sign-up and
 * attendance, a check-in, a ballot, points), and after acts and folds that died at their crash
 * points, the roll-ups the fold job keeps equal a recount from the documents (rebuildRollups
 * reports no difference). A rebuild reports, and repairs, a roll-up that was tampered with.
 */
import { localNow, moveLocalClock } from '../../emulator/host/clock';
import { SETTLE_MS } from '../../cloudfunctions/dashboard/src/rollup-fold';
import { Registration } from '../../types/checkin';
import { Overview, RebuildRollupsReport } from '../../types/dashboard';
import { expectError, expectOk } from '../account/helpers';
import { declarePartyMembers } from '../checkin/helpers';
import { resetCrashPointsAfterEach } from '../support/crash-points';
import { DEMO, OTHER, demoPersonas, fileFixture, otherPersonas } from '../support/fixtures';
import { cstDay } from '../../types/time';
import { WishDetail } from '../../types/wish';
import { ProxyConsent } from '../../types/proxy';
import { wishInput } from '../wish/helpers';
import { foldAll, rebuild, removeDoc } from './rollups';
import { CURRENT } from './seed';
import { seedDonghu } from './seed';
import { Role } from '../../types/account';

const f = fileFixture(seedDonghu, (fx) => declarePartyMembers(fx, demoPersonas.resident));
resetCrashPointsAfterEach({ quiet: true });

/** Folds, then recounts: every figure the job keeps equals the recount (in 幸福里 and 东湖). */
async function expectRollupsEqualRecount() {
  await foldAll(f);
  const reports = [];
  for (const [admin, communityId] of [
    [demoPersonas.admin, DEMO],
    [otherPersonas.admin, OTHER],
  ] as const) {
    const report = await rebuild(f, admin, communityId);
    expect(report.repaired).toEqual([]);
    expect(report.differences).toBe(0);
    reports.push(report);
  }
  return reports;
}

const registerInput = {
  communityId: DEMO,
  workUnitId: 'wu-hospital',
  householdId: 'hh-xfl-1-102',
  intentions: ['elderly'],
};
const register = async () =>
  expectOk(await f.call(demoPersonas.resident, 'checkin', 'registerMember', registerInput), Registration);
const decide = (registrationId: string, data: object) =>
  f.call(demoPersonas.admin, 'checkin', 'decideRegistration', { registrationId, ...data });
const withdraw = async (registrationId: string) =>
  expectOk(
    await f.call(demoPersonas.resident, 'checkin', 'withdrawRegistration', { registrationId, reason: '工作调动' }),
    Registration,
  );

test('after the seeded documents of every kind are folded, the roll-ups equal the recount', async () => {
  const [, other] = await expectRollupsEqualRecount();
  expect(other!.checked).toBeGreaterThan(20);
  const ids = f.find('rollups', { communityId: OTHER }).map((d) => d._id as string);
  expect(ids).toContain(`community:${OTHER}:now`);
  expect(ids.some((id) => /:\d{4}-\d\d$/.test(id))).toBe(true);
  expect(ids.some((id) => /:\d{4}Q\d$/.test(id))).toBe(true);
  expect(ids.some((id) => /:\d{4}Q\d-total$/.test(id))).toBe(true);
});

test('a registration, its decision that died in its transaction and the decision again: roll-up = recount after each', async () => {
  const reg = await register();
  await expectRollupsEqualRecount();
  process.env.HONGSE_CRASH_AT = 'checkin.decideRegistration.in-transaction';
  expectError(await decide(reg.id, { decision: 'approve' }), 'INTERNAL', 'internal.unexpected');
  delete process.env.HONGSE_CRASH_AT;
  await expectRollupsEqualRecount();
  expectOk(await decide(reg.id, { decision: 'approve' }), Registration);
  // The approval's points (the ledger) and the pending count moved: still equal.
  await expectRollupsEqualRecount();
  const now = f.find('rollups', { _id: `community:${DEMO}:now` })[0]!;
  expect(JSON.stringify(now['c']?.['ro'] ?? {})).not.toContain(reg.id);
  // The withdrawal removes the member role too.
  await withdraw(reg.id);
  await expectRollupsEqualRecount();
});

test('a decision that died after its commit is counted as committed, once', async () => {
  const reg = await register();
  await foldAll(f);
  process.env.HONGSE_CRASH_AT = 'checkin.decideRegistration.before-message';
  expectError(await decide(reg.id, { decision: 'reject', reason: '单位信息有误' }), 'INTERNAL', 'internal.unexpected');
  delete process.env.HONGSE_CRASH_AT;
  await expectRollupsEqualRecount();
});

test('documents changed behind the acts (a wish move, a topic step, corrected sign-up hours) fold to the recount', async () => {
  // The acts' clock: the local one (moved forward by each fold).
  const at = localNow();
  const wish = f.find('wishes', { communityId: OTHER })[0]!;
  f.update('wishes', wish._id as string, {
    state: 'closed',
    timeline: [
      ...(wish.timeline as object[]),
      { at, from: wish.state, to: 'closed', via: 'test', byId: null, byName: '测试', note: null },
    ],
    updatedAt: at,
  });
  const topic = f.find('topics', { communityId: OTHER })[0]!;
  f.update('topics', topic._id as string, { step: 'archived', updatedAt: at });
  const signup = f.find('signups', { communityId: OTHER, state: 'completed' })[0]!;
  f.update('signups', signup._id as string, { hours: 7.25, updatedAt: at });
  await expectRollupsEqualRecount();
});

test('a fold that dies before its marks writes nothing; one that dies before its cursor refolds without counting twice', async () => {
  const reg = await register();
  await foldAll(f);
  expectOk(await decide(reg.id, { decision: 'approve' }), Registration);
  process.env.HONGSE_CRASH_AT = 'rollups.fold.before-marks';
  await expect(foldAll(f)).rejects.toThrow();
  process.env.HONGSE_CRASH_AT = 'rollups.fold.before-cursor';
  await expect(foldAll(f)).rejects.toThrow();
  delete process.env.HONGSE_CRASH_AT;
  await expectRollupsEqualRecount();
  await withdraw(reg.id);
  await expectRollupsEqualRecount();
});

test('代办 acts fold per grid and act (a consent is no act): roll-up = recount', async () => {
  // 吴晓燕, the seeded 网格员 of 第一网格 (幸福里 1–2号楼), acts for 张秀英 of 1-102.
  const consent = expectOk(
    await f.call(demoPersonas.gridWorker, 'account', 'recordProxyConsent', {
      communityId: DEMO,
      householdId: 'hh-xfl-1-102',
      residentId: 'user-resident',
      scope: ['post_wish'],
      kind: 'verbal',
    }),
    ProxyConsent,
  );
  await expectRollupsEqualRecount();
  const wish = expectOk(
    await f.call(demoPersonas.gridWorker, 'wish', 'post', { ...wishInput(), proxy: { consentId: consent.id } }),
    WishDetail,
  );
  expect(f.find('audit_log', { _id: `audit-proxy.postWish:${wish.id}` })).toHaveLength(1);
  await expectRollupsEqualRecount();
  const now = localNow();
  const day = `d${cstDay(now).slice(8, 10)}`;
  const month = cstDay(now).slice(0, 7);
  const community = f.find('rollups', { _id: `community:${DEMO}:${month}` })[0]!;
  const grid = f.find('rollups', { _id: `grid:${DEMO}:grid-1:${month}-total` })[0]!;
  expect(community['c'][day]['px']).toEqual({ post_wish: 1 });
  expect(grid['g']['grid-1']['t']['px']).toEqual({ post_wish: 1 });
  // The consent's entry is audited with the grid too, but counts nowhere and leaves no mark.
  expect(f.find('rollup_marks', { _id: `audit_log:audit-proxy.recordConsent:${consent.id}` })).toEqual([]);
});

test("a refused 代办 act counts −1 on the act's day and grid, also when refused days later: roll-up = recount, by the fold and by a rebuild", async () => {
  const consentId = f.find('audit_log', { action: 'proxy.recordConsent', communityId: DEMO })[0]!['targetId'] as string;
  const px = () => {
    const month = cstDay(actDay).slice(0, 7);
    const day = `d${cstDay(actDay).slice(8, 10)}`;
    const community = f.find('rollups', { _id: `community:${DEMO}:${month}` })[0]!;
    const grid = f.find('rollups', { _id: `grid:${DEMO}:grid-1:${month}-total` })[0]!;
    return { day: community['c'][day]?.['px']?.['post_wish'] ?? 0, grid: grid['g']['grid-1']['t']['px']['post_wish'] };
  };
  const post = async () =>
    expectOk(
      await f.call(demoPersonas.gridWorker, 'wish', 'post', { ...wishInput(), proxy: { consentId } }),
      WishDetail,
    );
  const actDay = localNow();
  const [first, second] = [await post(), await post()];
  await expectRollupsEqualRecount();
  const before = px();
  // Two days later (another day, maybe another month): the act's day still loses it.
  moveLocalClock(2 * 24 * 3_600_000);
  const refuse = (wishId: string) =>
    f.call(demoPersonas.admin, 'wish', 'refuseProxyAct', {
      auditId: `audit-proxy.postWish:${wishId}`,
      reason: '未见居民本人签字',
    });
  expect((await refuse(first.id)).ok).toBe(true);
  await expectRollupsEqualRecount();
  expect(px()).toEqual({ day: before.day - 1, grid: before.grid - 1 });
  // The refusal's own day has no figure of it.
  const today = `d${cstDay(localNow()).slice(8, 10)}`;
  const refusalMonth = f.find('rollups', { _id: `community:${DEMO}:${cstDay(localNow()).slice(0, 7)}` })[0];
  expect(refusalMonth?.['c']?.[today]?.['px'] ?? {}).toEqual({});
  // A refusal the fold has not seen: the rebuild alone folds it (and reports it), then agrees.
  expect((await refuse(second.id)).ok).toBe(true);
  moveLocalClock(SETTLE_MS + 1_000);
  const repaired = await rebuild(f, demoPersonas.admin, DEMO);
  expect(repaired.repaired).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: expect.stringMatching(/^c\.d\d\d\.px\.post_wish$/), stored: 0, counted: -1 }),
    ]),
  );
  expect(px()).toEqual({ day: before.day - 2, grid: before.grid - 2 });
  await expectRollupsEqualRecount();
});

test('a rebuild reports a tampered figure, repairs it and audits it; only admins may rebuild', async () => {
  await foldAll(f);
  const id = `community:${DEMO}:now`;
  const doc = f.find('rollups', { _id: id })[0]!;
  f.update('rollups', id, { c: { ...(doc['c'] as object), rp: 999 } });
  const report = await rebuild(f, demoPersonas.admin, DEMO);
  expect(report.differences).toBe(1);
  expect(report.repaired).toEqual([expect.objectContaining({ id, path: 'c.rp', stored: 999 })]);
  expect(f.find('audit_log', { action: 'dashboard.rebuildRollups' }).length).toBeGreaterThan(0);
  expect((await rebuild(f, demoPersonas.admin, DEMO)).differences).toBe(0);
  expectError(
    await f.call(demoPersonas.member, 'dashboard', 'rebuildRollups', { communityId: DEMO }),
    'FORBIDDEN',
    'auth.not-admin',
  );
});

test('a rebuild pages: every call is a bounded page costing at most six database requests, until next is null', async () => {
  await foldAll(f);
  let after: string | undefined;
  let calls = 0;
  for (;;) {
    const input = after === undefined ? { communityId: DEMO } : { communityId: DEMO, after };
    const { result, requests } = await f.requestsOf(() =>
      f.call(demoPersonas.admin, 'dashboard', 'rebuildRollups', input),
    );
    const page = expectOk(result, RebuildRollupsReport);
    expect(page.differences).toBe(0);
    expect(requests).toBeLessThanOrEqual(6);
    calls += 1;
    if (page.next === null) break;
    after = page.next;
  }
  expect(calls).toBeGreaterThan(8);
  // A cursor it did not give starts over, changing nothing.
  const bad = expectOk(
    await f.call(demoPersonas.admin, 'dashboard', 'rebuildRollups', { communityId: DEMO, after: 'rollups' }),
    RebuildRollupsReport,
  );
  expect(bad.differences).toBe(0);
  expect(bad.next).not.toBeNull();
});

test('the last phase pages the roll-up documents by a cursor: with pages of two, tampered, missing and extra documents across the whole range are repaired', async () => {
  await foldAll(f);
  const ids = f
    .find('rollups', { communityId: DEMO })
    .map((d) => d._id as string)
    .sort();
  expect(ids.length).toBeGreaterThan(10);
  // The first document tampered, one in the middle removed, the last tampered, and one that no
  // recount has (sorting after every other) added.
  const [firstId, middleId, lastId] = [ids[0]!, ids[Math.floor(ids.length / 2)]!, ids[ids.length - 1]!];
  const middle = f.find('rollups', { _id: middleId })[0]!;
  for (const id of [firstId, lastId]) f.update('rollups', id, { extra: { n: 7 } });
  removeDoc(f, 'rollups', middleId);
  f.insert('rollups', [{ _id: `${lastId}~`, communityId: DEMO, period: 'x', c: { n: 1 } }]);
  const report = await rebuild(f, demoPersonas.admin, DEMO, { rollupsPage: 2 });
  const phase3 = report.cursors.filter((c) => c.startsWith('rollups:'));
  expect(phase3.length).toBeGreaterThanOrEqual(Math.floor(ids.length / 2) - 1);
  const repaired = report.repaired as Array<{ id: string; path: string }>;
  expect(repaired).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: firstId, path: 'extra.n', counted: 0 }),
      expect.objectContaining({ id: lastId, path: 'extra.n', counted: 0 }),
      expect.objectContaining({ id: middleId, stored: 0 }),
      expect.objectContaining({ id: `${lastId}~`, path: 'c.n', counted: 0 }),
    ]),
  );
  // The removed document is written again as it was counted.
  const { updatedAt: _was, ...before } = middle;
  const { updatedAt: _now, ...after } = f.find('rollups', { _id: middleId })[0]!;
  expect(after).toEqual(before);
  // Now clean, with small pages or the verb's own.
  expect((await rebuild(f, demoPersonas.admin, DEMO, { rollupsPage: 3 })).differences).toBe(0);
  expect((await rebuild(f, demoPersonas.admin, DEMO)).differences).toBe(0);
});

/** 东湖's work units' members (`c.mu`) and members checked in this quarter (`c.ca`), as rolled up. */
function unitFigures() {
  const now = f.find('rollups', { _id: `community:${OTHER}:now` })[0]!;
  const quarter = f.find('rollups', { _id: `community:${OTHER}:${CURRENT}` })[0]!;
  return { members: now['c']['mu'], checkedIn: quarter['c']['ca'] };
}
const memberRole = (userId: string) => `member:${userId}:${OTHER}`;
const revoke = (userId: string) =>
  f.call(otherPersonas.admin, 'account', 'revokeRole', { roleId: memberRole(userId), reason: '调离本社区' });

test("the units' members fold as member roles are revoked (also when the revocation or the fold died) or given another unit", async () => {
  await expectRollupsEqualRecount();
  // u1–u3 in 甲单位 (u1, u2 checked in this quarter), u4 in 乙单位; u5 has no unit.
  expect(unitFigures()).toEqual({ members: { 'wu-a': 3, 'wu-b': 1 }, checkedIn: { 'wu-a': 2 } });
  // u2 revoked; the fold's first try dies before its marks, and leaves nothing.
  expectOk(await revoke('u2'), Role);
  expect(f.find('rollup_removals', { _id: `roles:${memberRole('u2')}` })).toHaveLength(1);
  process.env.HONGSE_CRASH_AT = 'rollups.fold.before-marks';
  await expect(foldAll(f)).rejects.toThrow();
  delete process.env.HONGSE_CRASH_AT;
  expect(unitFigures().members).toEqual({ 'wu-a': 3, 'wu-b': 1 });
  await expectRollupsEqualRecount();
  expect(unitFigures()).toEqual({ members: { 'wu-a': 2, 'wu-b': 1 }, checkedIn: { 'wu-a': 1 } });
  // u3's revocation dies after its note: the role stays, and still counts.
  process.env.HONGSE_CRASH_AT = 'account.revokeRole.before-remove';
  expectError(await revoke('u3'), 'INTERNAL', 'internal.unexpected');
  delete process.env.HONGSE_CRASH_AT;
  expect(f.find('roles', { _id: memberRole('u3') })).toHaveLength(1);
  await expectRollupsEqualRecount();
  expect(unitFigures().members).toEqual({ 'wu-a': 2, 'wu-b': 1 });
  // u1's role names 乙单位 now (written again, as a new approval writes it): their members and
  // this quarter's check-in move with it.
  f.update('roles', memberRole('u1'), { workUnitId: 'wu-b', grantedAt: localNow() });
  await expectRollupsEqualRecount();
  expect(unitFigures()).toEqual({ members: { 'wu-a': 1, 'wu-b': 2 }, checkedIn: { 'wu-b': 1 } });
  // The overview reads them: 甲单位 1 member, none checked in; 乙单位 2, one checked in.
  const view = expectOk(
    await f.call(otherPersonas.admin, 'dashboard', 'overview', {
      communityId: OTHER,
      from: '2026-10-01',
      to: '2026-11-30',
    }),
    Overview,
  );
  expect(view.checkins.units.map((u) => [u.workUnitId, u.members, u.checkedIn])).toEqual([
    ['wu-b', 2, 1],
    ['wu-a', 1, 0],
  ]);
});

test('documents removed behind the acts (a wish, a member role) stop counting at the next rebuild, which reports them', async () => {
  await expectRollupsEqualRecount();
  const members = unitFigures().members as Record<string, number>;
  removeDoc(f, 'wishes', 'w7');
  removeDoc(f, 'roles', memberRole('u4'));
  const report = await rebuild(f, otherPersonas.admin, OTHER);
  expect(report.repaired).toEqual(
    expect.arrayContaining([
      // As marked: the role's one member of 乙单位, and its check-in quarter.
      { id: `community:${OTHER}:now`, path: 'c.mu.wu-b', stored: 1, counted: 0 },
      { id: `community:${OTHER}:2026Q3`, path: 'c.ca.wu-b', stored: 1, counted: 0 },
      expect.objectContaining({ path: 'c.wo.w7', counted: 0 }),
    ]),
  );
  expect(unitFigures().members['wu-b'] ?? 0).toBe(members['wu-b']! - 1);
  await expectRollupsEqualRecount();
});

test("a present's oldest open wish and pending registration are stored beside its figures; a rebuild restores them", async () => {
  await expectRollupsEqualRecount();
  const id = `community:${OTHER}:now`;
  const stored = f.find('rollups', { _id: id })[0]!;
  // w6, published 30 days before Oct 1; r4, submitted then.
  expect(stored['oldest']).toEqual({
    wo: { id: 'w6', at: expect.any(Number) },
    ro: { id: 'r4', at: expect.any(Number) },
  });
  // As stored before the field existed: the figures equal, the field missing.
  f.update('rollups', id, { oldest: {} });
  expect((await rebuild(f, otherPersonas.admin, OTHER)).differences).toBe(0);
  expect(f.find('rollups', { _id: id })[0]!['oldest']).toEqual(stored['oldest']);
});

test("a building moved to another grid changes no roll-up (a grid's figures are its buildings'): roll-up = recount", async () => {
  f.insert('grids', [
    { _id: 'grid-dh-7', communityId: OTHER, name: '东湖七网格', createdAt: localNow(), updatedAt: localNow() },
  ]);
  f.update('buildings', 'bld-dh-2', { gridId: 'grid-dh-7', updatedAt: localNow() });
  await expectRollupsEqualRecount();
  // Grid documents hold 代办 acts only (none in 东湖 here).
  expect(f.find('rollups', { communityId: OTHER }).filter((d) => String(d._id).startsWith('grid:'))).toEqual([]);
  f.update('buildings', 'bld-dh-2', { gridId: null, updatedAt: localNow() });
  await expectRollupsEqualRecount();
});
