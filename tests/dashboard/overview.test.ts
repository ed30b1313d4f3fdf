/**
 * dashboard.overview: every figure checked against a hand-computed data set (tests/dashboard/
 * seed.ts, in 东湖社区), the drill-down, the street view, permissions, and that a call issues the
 * same number of database requests whatever the amount of data.
 */
import { Overview } from '../../types/dashboard';
import { expectError, expectOk } from '../account/helpers';
import { aCheckin, aHistoryStep, aLedgerEntry, aSignup, aTimelineStep, aTopic, aWish } from '../support/factories';
import { DEMO, OTHER, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import { rebuild, foldAll, proxyAuditEntry, expectMedianNear } from './rollups';
import { CURRENT, D, H, RANGE, oct, seedDonghu } from './seed';

const f = fileFixture(seedDonghu);
beforeAll(() => foldAll(f));

const overview = (openid: string | null, data: object = {}) =>
  f.call(openid, 'dashboard', 'overview', { communityId: OTHER, ...RANGE, ...data });

test('every figure of 东湖 matches the hand count', async () => {
  const o = expectOk(await overview(otherPersonas.admin), Overview);
  expect(o.communityIds).toEqual([OTHER]);
  expect(o.scopeLabel).toBe('东湖社区');
  // Registrations in the range: r1 approved, r2 pending, r3 rejected; backlog r2 + r4 (older).
  expect(o.registrations.byStatus).toEqual([
    { key: 'pending', count: 1 },
    { key: 'approved', count: 1 },
    { key: 'rejected', count: 1 },
    { key: 'withdrawn', count: 0 },
  ]);
  expect(o.registrations.pending).toBe(2);
  expect(o.registrations.oldestPendingAt).toBe(new Date(oct(1).getTime() - 30 * D).toISOString());
  // Check-ins this quarter: 甲 u1,u2 of u1,u2,u3; 乙 nobody of u4 (last quarter only).
  expect(o.checkins.quarter).toBe(CURRENT);
  expect(o.checkins.units).toEqual([
    { workUnitId: 'wu-a', workUnitName: '甲单位', members: 3, checkedIn: 2, rate: 2 / 3 },
    { workUnitId: 'wu-b', workUnitName: '乙单位', members: 1, checkedIn: 0, rate: 0 },
  ]);
  // Wishes posted in the range: w1..w5, w7 (w6 is older).
  const states = Object.fromEntries(o.wishes.byState.map((s) => [s.state, s.count]));
  expect(states).toEqual({
    submitted: 1,
    published: 2,
    rejected: 0,
    claimed: 1,
    fulfilled: 0,
    confirmed: 2,
    withdrawn: 0,
    expired: 0,
  });
  // Publish→first claim: 10, 2, 6, 4 hours → median (4+6)/2; → confirm: 50, 30 → 40 (each
  // within the histograms' bound: ADR 0042 "Medians").
  expectMedianNear(o.wishes.medianHoursToClaim, 5);
  expectMedianNear(o.wishes.medianHoursToConfirm, 40);
  // Oldest on the wall now: w6, published 30 days before Oct 1 (not limited to the range).
  const w6At = new Date(oct(1).getTime() - 30 * D);
  expect(o.wishes.oldestUnclaimed).toEqual({
    id: 'w6',
    title: '心愿w6',
    publishedAt: w6At.toISOString(),
    ageDays: expect.any(Number),
  });
  expect(
    Math.abs(o.wishes.oldestUnclaimed!.ageDays - Math.floor((Date.now() - w6At.getTime()) / D)),
  ).toBeLessThanOrEqual(1);
  // Volunteer hours: Oct 2 + 1.5 (act-1, 助老); Nov 3 (act-2, 环境, Nov 1 01:00 CST); s4 no-show, s5 December.
  expect(o.volunteer).toEqual({
    totalHours: 6.5,
    byMonth: [
      { month: '2026-10', hours: 3.5 },
      { month: '2026-11', hours: 3 },
    ],
    byCategory: [
      { category: 'elderly', hours: 3.5 },
      { category: 'environment', hours: 3 },
    ],
  });
  // Topics now: vote, collect, ended; collect lasted 3 and 5 days, review 1 and 3.
  const steps = Object.fromEntries(o.topics.byStep.map((s) => [s.step, s.count]));
  expect(steps).toMatchObject({ collect: 1, review: 0, vote: 1, ended: 1, archived: 0 });
  expect(o.topics.avgDaysPerStep).toEqual([
    { step: 'collect', days: 4, samples: 2 },
    { step: 'review', days: 2, samples: 2 },
  ]);
  // Points in the range: u1 15, u2 25, u3 −2, u4 120, u5 3 (its 50 is before the range).
  expect(o.points.buckets.map((b) => [b.label, b.members])).toEqual([
    ['负分', 1],
    ['0–9分', 1],
    ['10–19分', 1],
    ['20–49分', 1],
    ['50–99分', 0],
    ['100分及以上', 1],
  ]);
});

test('a narrower range narrows the ranged figures', async () => {
  const o = expectOk(await overview(otherPersonas.admin, { from: '2026-10-01', to: '2026-10-03' }), Overview);
  // Wishes w1 (Oct 2), w2 (Oct 3) and w3 (submitted Oct 3 23:00): claims 10h, 2h, 6h.
  expect(o.wishes.byState.filter((s) => s.count > 0)).toEqual([
    { state: 'published', count: 1 },
    { state: 'claimed', count: 1 },
    { state: 'confirmed', count: 1 },
  ]);
  expectMedianNear(o.wishes.medianHoursToClaim, 6);
  expectMedianNear(o.wishes.medianHoursToConfirm, 50);
  expect(o.volunteer.totalHours).toBe(0);
  expect(o.registrations.byStatus.find((s) => s.key === 'approved')!.count).toBe(1);
  expect(o.registrations.pending).toBe(2);
});

test('whole quarters and months are read as their totals documents: the same figures as day by day', async () => {
  // Q4 whole (the quarter's totals document, its months' volunteer hours from the months'
  // totals) against October and November whole (their totals) and December day by day, to the
  // 30th (the seed has nothing on Dec 31): every figure equal, in every view (the street's too),
  // volunteer hours by month too.
  for (const extra of [
    {},
    { estateId: 'estate-dh' },
    { buildingId: 'bld-dh-2' },
    { gridId: 'none' },
    { street: true },
  ]) {
    const quarter = expectOk(
      await overview(otherPersonas.admin, { from: '2026-10-01', to: '2026-12-31', ...extra }),
      Overview,
    );
    const months = expectOk(
      await overview(otherPersonas.admin, { from: '2026-10-01', to: '2026-12-30', ...extra }),
      Overview,
    );
    expect({ ...quarter, to: '' }).toEqual({ ...months, to: '' });
  }
  const q4 = expectOk(await overview(otherPersonas.admin, { from: '2026-10-01', to: '2026-12-31' }), Overview);
  expect(q4.volunteer.byMonth.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12']);
});

test('drill-down to a building narrows wishes, registrations and topics', async () => {
  const o = expectOk(await overview(otherPersonas.admin, { buildingId: 'bld-dh-2' }), Overview);
  expect(o.scopeLabel).toBe('东湖社区 · 2号楼');
  expect(o.wishes.byState.filter((s) => s.count > 0)).toEqual([{ state: 'published', count: 1 }]);
  expect(o.wishes.medianHoursToClaim).toBeNull();
  expect(o.wishes.oldestUnclaimed?.id).toBe('w7');
  expect(o.registrations.byStatus.filter((s) => s.count > 0)).toEqual([{ key: 'rejected', count: 1 }]);
  expect(o.registrations.pending).toBe(0);
  expect(o.topics.byStep.filter((s) => s.count > 0)).toEqual([{ step: 'collect', count: 1 }]);
  // Estate level: everything of 东湖花园.
  const estate = expectOk(await overview(otherPersonas.admin, { estateId: 'estate-dh' }), Overview);
  expectMedianNear(estate.wishes.medianHoursToClaim, 5);
  expect(estate.registrations.pending).toBe(2);
  expect(estate.scopeLabel).toBe('东湖社区 · 东湖花园');
});

test('drill-down to a grid: its buildings, and 未划分网格 for the buildings without one, in at most six requests', async () => {
  // 2号楼 joins grid 东湖一网格; 1号楼 stays without a grid. A grid's figures are its buildings'
  // as they are now: the move shows at once, with no fold or rebuild.
  f.insert('grids', [
    { _id: 'grid-dh-1', communityId: OTHER, name: '东湖一网格', createdAt: oct(1), updatedAt: oct(1) },
  ]);
  f.update('buildings', 'bld-dh-2', { gridId: 'grid-dh-1' });
  const { result, requests } = await f.requestsOf(() => overview(otherPersonas.admin, { gridId: 'grid-dh-1' }));
  const grid = expectOk(result, Overview);
  const building = expectOk(await overview(otherPersonas.admin, { buildingId: 'bld-dh-2' }), Overview);
  expect(requests).toBeLessThanOrEqual(6);
  expect(grid.scopeLabel).toBe('东湖社区 · 东湖一网格');
  // The same figures, but for 代办, counted per grid and not per building.
  expect(building.proxyActs).toBeNull();
  expect({ ...grid, scopeLabel: '', proxyActs: null }).toEqual({ ...building, scopeLabel: '' });
  const none = expectOk(await overview(otherPersonas.admin, { gridId: 'none' }), Overview);
  const one = expectOk(await overview(otherPersonas.admin, { buildingId: 'bld-dh-1' }), Overview);
  expect(none.scopeLabel).toBe('东湖社区 · 未划分网格');
  expect(none.wishes).toEqual(one.wishes);
  expect(none.topics).toEqual(one.topics);
  // A grid of another community (or none such) is NOT_FOUND; a grid and a building together, invalid.
  expectError(await overview(otherPersonas.admin, { gridId: 'grid-xx' }), 'NOT_FOUND', 'dashboard.scope-not-found');
  expectError(
    await overview(otherPersonas.admin, { gridId: 'grid-dh-1', buildingId: 'bld-dh-2' }),
    'VALIDATION',
    'input.invalid',
  );
  // Moved back out: 东湖一网格 is empty again, 未划分网格 has both buildings.
  f.update('buildings', 'bld-dh-2', { gridId: null });
  const emptied = expectOk(await overview(otherPersonas.admin, { gridId: 'grid-dh-1' }), Overview);
  expect(emptied.wishes.byState.every((s) => s.count === 0)).toBe(true);
  const all = expectOk(await overview(otherPersonas.admin, {}), Overview);
  expect((await overview(otherPersonas.admin, { gridId: 'none' })).data.wishes).toEqual(all.wishes);
});

test('代办 acts count for the community and per grid (未划分网格 for entries without one), by act, in the range only', async () => {
  f.insert('grids', [
    { _id: 'grid-dh-9', communityId: OTHER, name: '东湖九网格', createdAt: oct(1), updatedAt: oct(1) },
  ]);
  const entry = proxyAuditEntry({ communityId: OTHER, actorId: 'user-gw', actorName: '网格员', residentId: 'user-r' });
  f.insert('audit_log', [
    entry('p1', 'proxy.postWish', 'grid-dh-9', oct(3)),
    entry('p2', 'proxy.castBallot', 'grid-dh-9', oct(5)),
    entry('p3', 'proxy.postWish', null, oct(7)),
    entry('p4', 'proxy.signUp', 'grid-dh-9', new Date(oct(1).getTime() - 40 * D)),
    // A consent is recorded with a `proxy.` action too, but it is no act.
    entry('p5', 'proxy.recordConsent', 'grid-dh-9', oct(3)),
  ]);
  await rebuild(f, otherPersonas.admin, OTHER);
  const counts = (o: Overview) =>
    o.proxyActs && { total: o.proxyActs.total, ...Object.fromEntries(o.proxyActs.byAct.map((a) => [a.act, a.count])) };
  const zero = { post_wish: 0, confirm_wish: 0, sign_up: 0, post_opinion: 0, cast_ballot: 0 };
  const community = expectOk(await overview(otherPersonas.admin), Overview);
  expect(counts(community)).toEqual({ ...zero, total: 3, post_wish: 2, cast_ballot: 1 });
  const { result, requests } = await f.requestsOf(() => overview(otherPersonas.admin, { gridId: 'grid-dh-9' }));
  expect(requests).toBeLessThanOrEqual(6);
  expect(counts(expectOk(result, Overview))).toEqual({ ...zero, total: 2, post_wish: 1, cast_ballot: 1 });
  const none = expectOk(await overview(otherPersonas.admin, { gridId: 'none' }), Overview);
  expect(counts(none)).toEqual({ ...zero, total: 1, post_wish: 1 });
  const estate = expectOk(await overview(otherPersonas.admin, { estateId: 'estate-dh' }), Overview);
  expect(estate.proxyActs).toBeNull();
  // Not counted any more: the other tests' figures stay as seeded.
  for (const id of ['p1', 'p2', 'p3', 'p4', 'p5']) {
    for (const d of f.find('audit_log', { targetId: id }))
      f.update('audit_log', d._id as string, { action: 'test.done' });
  }
  await rebuild(f, otherPersonas.admin, OTHER);
});

test('the street view sums both communities, for an admin of either', async () => {
  const mine = expectOk(await overview(otherPersonas.admin), Overview);
  const demo = expectOk(await overview(demoPersonas.admin, { communityId: DEMO }), Overview);
  const street = expectOk(await overview(demoPersonas.admin, { communityId: DEMO, street: true }), Overview);
  expect(street.communityIds).toEqual([DEMO, OTHER].sort());
  expect(street.registrations.pending).toBe(mine.registrations.pending + demo.registrations.pending);
  expect(street.checkins.units.length).toBe(mine.checkins.units.length + demo.checkins.units.length);
  expect(street.volunteer.totalHours).toBe(6.5);
  expectMedianNear(street.wishes.medianHoursToClaim, 5);
  const same = expectOk(await overview(otherPersonas.admin, { street: true }), Overview);
  expect(same).toEqual(street);
});

test('refusals: anonymous, non-admins, the other community, bad input, unknown places', async () => {
  expectError(await overview(null), 'UNAUTHENTICATED', 'auth.no-identity');
  for (const openid of [demoPersonas.resident, demoPersonas.member, demoPersonas.leader, otherPersonas.resident]) {
    expectError(await overview(openid), 'FORBIDDEN', 'auth.not-admin');
  }
  expectError(await overview(demoPersonas.admin), 'FORBIDDEN', 'auth.not-admin');
  expectError(await overview(otherPersonas.admin, { communityId: DEMO }), 'FORBIDDEN', 'auth.not-admin');
  expectError(
    await overview(otherPersonas.admin, { from: '2026-12-01', to: '2026-11-01' }),
    'VALIDATION',
    'input.invalid',
  );
  expectError(await overview(otherPersonas.admin, { from: '2026/10/01' }), 'VALIDATION', 'input.invalid');
  expectError(
    await overview(otherPersonas.admin, { street: true, estateId: 'estate-dh' }),
    'VALIDATION',
    'input.invalid',
  );
  expectError(
    await overview(otherPersonas.admin, { buildingId: 'bld-xfl-1' }),
    'NOT_FOUND',
    'dashboard.scope-not-found',
  );
  expectError(await overview(otherPersonas.admin, { estateId: 'nope' }), 'NOT_FOUND', 'dashboard.scope-not-found');
});

test('a fixed number of database requests, whatever the amount of data', async () => {
  const requests = async (data: object = {}) => {
    const before = f.server.db.stats().requests;
    expectOk(await overview(otherPersonas.admin, data), Overview);
    return f.server.db.stats().requests - before;
  };
  const small = await requests();
  const smallBuilding = await requests({ buildingId: 'bld-dh-1' });
  // Ten times the data: wishes, ledger entries, check-ins, sign-ups, topics.
  const many = Array.from({ length: 60 }, (_, i) => i);
  f.insert(
    'point_ledger',
    many.map((i) =>
      aLedgerEntry({
        _id: `bulk-l${i}`,
        userId: `bulk-u${i}`,
        amount: i,
        sourceId: '',
        explanation: '',
        quarter: CURRENT,
        createdAt: oct(3),
      }),
    ),
  );
  f.insert(
    'checkins',
    many.map((i) => aCheckin({ eventId: 'bulk-e', userId: `bulk-u${i}`, quarter: CURRENT, checkedInAt: oct(3) })),
  );
  f.insert(
    'signups',
    many.map((i) =>
      aSignup({
        _id: `bulk-s${i}`,
        activityId: 'act-1',
        userId: `bulk-u${i}`,
        state: 'completed',
        hours: 1,
        endAt: oct(15),
      }),
    ),
  );
  f.insert(
    'wishes',
    many.map((i) =>
      aWish({
        _id: `bulk-w${i}`,
        title: 'x',
        timeline: [
          aTimelineStep({ at: oct(3), from: 'submitted', to: 'published' }),
          aTimelineStep({ at: oct(3, i), from: 'published', to: 'claimed' }),
        ],
      }),
    ),
  );
  f.insert(
    'topics',
    many.map((i) =>
      aTopic({
        _id: `bulk-t${i}`,
        step: 'review',
        history: [
          aHistoryStep({ at: oct(3), to: 'collect' }),
          aHistoryStep({ at: oct(3, i + 1), from: 'collect', to: 'review' }),
        ],
      }),
    ),
  );
  await rebuild(f, otherPersonas.admin, OTHER);
  expect(await requests()).toBe(small);
  expect(await requests({ buildingId: 'bld-dh-1' })).toBe(smallBuilding);
  // 1 caller + 1 community (with the building) + 1 roll-up read + 1 units + 1 oldest wish's title.
  expect(small).toBeLessThanOrEqual(6);
  expect(smallBuilding).toBeLessThanOrEqual(6);
  const o = expectOk(await overview(otherPersonas.admin), Overview);
  expect(o.volunteer.totalHours).toBe(66.5);
  expect(o.wishes.medianHoursToClaim).toBeGreaterThan(0);
  void H;
});
