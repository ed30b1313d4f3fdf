/**
 * Names copied onto other documents (a role's scope, a wish's or binding request's household,
 * a registration's household and work unit, a topic's scope) follow a rename: the rename marks
 * the renamed document in its own write, and the `relabel` job rewrites every copy, bounded per
 * run and resuming from its saved cursor.
 */
import { DEMO, demoPersonas, fileFixture } from '../support/fixtures';
import { resetCrashPointsAfterEach } from '../support/crash-points';

const f = fileFixture();
resetCrashPointsAfterEach();

const admin = demoPersonas.admin;
const one = (collection: string, id: string) => f.find(collection, { _id: id })[0]!;
const relabel = () => f.server.functions.fireTimer('org', 'relabel') as Promise<{ ok: boolean; data: any }>;
/** The admin renames 幸福里小区's building 3 (its Party group's name kept). */
const renameBuilding3 = (name: string) =>
  f.call(admin, 'org', 'saveBuilding', {
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-3',
    name,
    partyGroupName: '第三党小组',
  });

/** Copies with a stale label, as a wish, a binding request, a registration and a topic would hold them. */
function seedCopies(householdId: string, estateId: string, buildingId: string, n = 1, stale = '旧标签') {
  const at = new Date('2026-11-02T02:00:00Z');
  f.insert(
    'wishes',
    Array.from({ length: n }, (_, i) => ({
      _id: `relabel-wish-${householdId}-${String(i).padStart(3, '0')}`,
      communityId: DEMO,
      estateId,
      buildingId,
      householdId,
      householdLabel: stale,
      state: 'published',
      createdAt: at,
    })),
  );
  f.insert('binding_requests', [
    { _id: `relabel-br-${householdId}`, communityId: DEMO, estateId, buildingId, householdId, householdLabel: stale },
  ]);
  f.insert('registrations', [
    {
      _id: `relabel-reg-${householdId}`,
      communityId: DEMO,
      householdId,
      householdLabel: stale,
      workUnitId: 'wu-tax',
      workUnitName: stale,
      partyOrgName: stale,
      status: 'pending',
    },
  ]);
  f.insert('topics', [
    { _id: `relabel-topic-${buildingId}`, communityId: DEMO, estateId, buildingId, scopeLabel: stale, step: 'collect' },
  ]);
}

test('renaming an estate marks it in the same write, and the job makes every copy of its name follow', async () => {
  seedCopies('hh-xfl-1-101', 'estate-xfl', 'bld-xfl-1');
  const reply = await f.call(admin, 'org', 'saveEstate', {
    communityId: DEMO,
    estateId: 'estate-xfl',
    name: '幸福里新村',
    partyBranchName: '幸福里小区党支部',
  });
  expect(reply.ok).toBe(true);
  expect(one('estates', 'estate-xfl')).toMatchObject({ name: '幸福里新村', relabelPending: true, relabelRev: 1 });

  const run = await relabel();
  expect(run).toMatchObject({ ok: true, data: { done: 1, more: false } });
  expect(run.data.updated).toBeGreaterThan(4);
  expect(one('estates', 'estate-xfl')).toMatchObject({ relabelPending: false, relabelCursor: null });

  const roles = f.find('roles', { estateId: 'estate-xfl' });
  expect(roles.length).toBeGreaterThan(2);
  for (const role of roles.filter((r) => ['resident', 'building_leader', 'estate_leader'].includes(r.kind))) {
    expect(role.scopeLabel).toMatch(/^幸福里新村/);
  }
  expect(
    one(
      'roles',
      `estate_leader:${f.find('roles', { kind: 'estate_leader', estateId: 'estate-xfl' })[0]!.userId}:estate-xfl`,
    ).scopeLabel,
  ).toBe('幸福里新村');
  expect(one('wishes', 'relabel-wish-hh-xfl-1-101-000').householdLabel).toBe('幸福里新村 · 1号楼 · 1-101');
  expect(one('binding_requests', 'relabel-br-hh-xfl-1-101').householdLabel).toBe('幸福里新村 · 1号楼 · 1-101');
  expect(one('registrations', 'relabel-reg-hh-xfl-1-101')).toMatchObject({
    householdLabel: '幸福里新村 · 1号楼 · 1-101',
    workUnitName: '市税务局第三分局',
  });
  expect(one('topics', 'relabel-topic-bld-xfl-1').scopeLabel).toBe('幸福里新村 · 1号楼');

  // A second run finds nothing to do and writes nothing.
  await f.expectNothingWritten(async () =>
    expect(await relabel()).toMatchObject({ ok: true, data: { done: 0, updated: 0 } }),
  );
});

test('a rename that does not change the name (only the branch) leaves no mark', async () => {
  const before = one('estates', 'estate-hxjy');
  await f.call(admin, 'org', 'saveEstate', {
    communityId: DEMO,
    estateId: 'estate-hxjy',
    name: before.name,
    partyBranchName: '和谐家园第一党支部',
  });
  expect(one('estates', 'estate-hxjy').relabelPending).toBeUndefined();
});

test('renaming a building and changing a room relabel the copies of that building and that household', async () => {
  seedCopies('hh-hxjy-2-201', 'estate-hxjy', 'bld-hxjy-2');
  expect(
    (
      await f.call(admin, 'org', 'saveBuilding', {
        estateId: 'estate-hxjy',
        buildingId: 'bld-hxjy-2',
        name: '二号楼',
        partyGroupName: '第二党小组',
      })
    ).ok,
  ).toBe(true);
  const household = one('households', 'hh-hxjy-2-201');
  expect(
    (
      await f.call(admin, 'org', 'saveHousehold', {
        buildingId: 'bld-hxjy-2',
        householdId: 'hh-hxjy-2-201',
        room: '2-201A',
        floorArea: household.floorArea,
        isPartyCenter: household.isPartyCenter,
      })
    ).ok,
  ).toBe(true);
  expect(await relabel()).toMatchObject({ ok: true, data: { done: 2, more: false } });
  expect(one('wishes', 'relabel-wish-hh-hxjy-2-201-000').householdLabel).toBe('和谐家园 · 二号楼 · 2-201A');
  expect(one('topics', 'relabel-topic-bld-hxjy-2').scopeLabel).toBe('和谐家园 · 二号楼');
  const leader = f.find('roles', { kind: 'building_leader', buildingId: 'bld-hxjy-2' })[0]!;
  expect(leader.scopeLabel).toBe('和谐家园 · 二号楼');
  for (const role of f.find('roles', { kind: 'resident', householdId: 'hh-hxjy-2-201' })) {
    expect(role.scopeLabel).toBe('和谐家园 · 二号楼 · 2-201A');
  }
});

test('renaming a work unit and the community relabel in-office members, registrations and admins', async () => {
  const unit = one('work_units', 'wu-tax');
  expect(
    (
      await f.call(admin, 'org', 'saveWorkUnit', {
        communityId: DEMO,
        workUnitId: 'wu-tax',
        name: '市税务局第三税务分局',
        partyOrgName: unit.partyOrgName,
        contactPhone: unit.contactPhone,
        liaisonUserId: unit.liaisonUserId,
      })
    ).ok,
  ).toBe(true);
  const community = one('communities', DEMO);
  expect(
    (
      await f.call(admin, 'org', 'updateCommunity', {
        communityId: DEMO,
        name: '幸福里街坊',
        address: community.address,
      })
    ).ok,
  ).toBe(true);
  expect(await relabel()).toMatchObject({ ok: true, data: { done: 2 } });
  expect(one('registrations', 'relabel-reg-hh-xfl-1-101').workUnitName).toBe('市税务局第三税务分局');
  const inOffice = f.find('roles', { kind: 'member', workUnitId: 'wu-tax' });
  expect(inOffice.length).toBeGreaterThan(0);
  for (const role of inOffice) expect(role.scopeLabel).toBe('在职党员 · 市税务局第三税务分局');
  for (const role of f.find('roles', { kind: 'admin', communityId: DEMO })) expect(role.scopeLabel).toBe('幸福里街坊');
});

test('a run cut off after a page resumes from its saved cursor and finishes the rest', async () => {
  seedCopies('hh-xfl-3-101', 'estate-xfl', 'bld-xfl-3', 150);
  await renameBuilding3('三号楼');

  // Crash after every saved page until the wishes' first page (100 of 150) is done.
  process.env.HONGSE_CRASH_AT = 'relabel.after-page';
  for (let i = 0; i < 10 && (one('buildings', 'bld-xfl-3').relabelCursor?.after ?? null) === null; i++) {
    expect((await relabel()).ok).toBe(false);
  }
  const cursor = one('buildings', 'bld-xfl-3').relabelCursor;
  expect(cursor.after).toBe('relabel-wish-hh-xfl-3-101-099');
  const wishes = () => f.find('wishes', { buildingId: 'bld-xfl-3', householdId: 'hh-xfl-3-101' });
  expect(wishes().filter((w) => w.householdLabel === '幸福里新村 · 三号楼 · 3-101')).toHaveLength(100);

  delete process.env.HONGSE_CRASH_AT;
  // The rest only: the other 50 wishes, then the topic and the registration.
  expect(await relabel()).toMatchObject({ ok: true, data: { done: 1, updated: 50 + 2 } });
  expect(wishes().every((w) => w.householdLabel === '幸福里新村 · 三号楼 · 3-101')).toBe(true);
  expect(one('buildings', 'bld-xfl-3')).toMatchObject({ relabelPending: false, relabelCursor: null });
});

test('a second rename during a run is not lost: the mark stays and the next run relabels again', async () => {
  await renameBuilding3('3栋');
  process.env.HONGSE_CRASH_AT = 'relabel.after-page';
  expect((await relabel()).ok).toBe(false);
  delete process.env.HONGSE_CRASH_AT;
  await renameBuilding3('叁号楼');
  expect(one('buildings', 'bld-xfl-3')).toMatchObject({ relabelPending: true, relabelCursor: null, relabelRev: 3 });
  expect(await relabel()).toMatchObject({ ok: true, data: { done: 1, more: false } });
  expect(
    f.find('wishes', { buildingId: 'bld-xfl-3' }).every((w) => w.householdLabel === '幸福里新村 · 叁号楼 · 3-101'),
  ).toBe(true);
});
