/**
 * Database requests per call (issue #13, part 4): a read of the org area costs at most four
 * requests, a write at most six, however large the organisation (many estates, buildings,
 * households and work units; an import of hundreds of rows).
 */
import { ListHouseholdsResult, OrgTree } from '../../types/org';
import { expectOk } from '../account/helpers';
import { aBuilding, aHousehold, anEstate, aRole, aWorkUnit } from '../support/factories';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { uploadImport } from './import-helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  growDemo();
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const admin = demoPersonas.admin;
const now = new Date('2026-11-01T02:00:00Z');

/** Six more estates of five buildings with 40 households each, and 30 more work units with liaisons. */
function growDemo(): void {
  const estates = Array.from({ length: 6 }, (_, e) => `rc-estate-${e}`);
  f.insert(
    'estates',
    estates.map((id, e) => anEstate({ _id: id, communityId: DEMO, name: `测试小区${e}` })),
  );
  const buildings = estates.flatMap((estateId, e) =>
    Array.from({ length: 5 }, (_, b) =>
      aBuilding({
        _id: `rc-bld-${e}-${b}`,
        communityId: DEMO,
        estateId,
        name: `${b + 1}号楼`,
        partyGroupName: `测试小区${e}${b + 1}号楼党小组`,
      }),
    ),
  );
  f.insert('buildings', buildings);
  f.insert(
    'households',
    buildings.flatMap((b) =>
      Array.from({ length: 40 }, (_, h) =>
        aHousehold({
          _id: `rc-hh-${b._id}-${h}`,
          communityId: DEMO,
          estateId: b.estateId,
          buildingId: b._id,
          room: `${Math.floor(h / 4) + 1}0${(h % 4) + 1}`,
          floorArea: 80,
        }),
      ),
    ),
  );
  f.insert(
    'work_units',
    Array.from({ length: 30 }, (_, i) =>
      aWorkUnit({
        _id: `rc-wu-${i}`,
        communityId: DEMO,
        name: `测试单位${i}`,
        partyOrgName: `测试单位${i}党支部`,
        contactPhone: '0571-88000000',
        liaisonUserId: 'user-member',
      }),
    ),
  );
}

const requestsOf = <T>(fn: () => Promise<T>) => f.requestsOf(fn);

test('reading the tree of a community with eight estates, 36 buildings and 34 work units costs at most four database requests', async () => {
  const { result, requests } = await requestsOf(() => f.call(admin, 'org', 'getTree', { communityId: DEMO }));
  const tree = expectOk(result, OrgTree);
  expect(tree.estates.length).toBeGreaterThanOrEqual(8);
  expect(tree.estates.find((e) => e.id === 'rc-estate-3')!.buildings.map((b) => b.householdCount)).toEqual([
    40, 40, 40, 40, 40,
  ]);
  expect(tree.workUnits.find((w) => w.id === 'rc-wu-7')!.liaisonName).toBeTruthy();
  expect(requests).toBeLessThanOrEqual(4);
});

test('listing the 40 households of a building costs at most four database requests', async () => {
  const { result, requests } = await requestsOf(() =>
    f.call(admin, 'org', 'listHouseholds', { buildingId: 'rc-bld-2-2' }),
  );
  expect(expectOk(result, ListHouseholdsResult).items).toHaveLength(40);
  expect(requests).toBeLessThanOrEqual(4);
});

test('deleting an estate, a building or a household with much around them costs at most six database requests', async () => {
  const refused = await requestsOf(() => f.call(admin, 'org', 'deleteNode', { kind: 'building', id: 'rc-bld-1-1' }));
  expect(refused.result).toMatchObject({ ok: false, error: { reason: 'org.building-not-empty' } });
  const household = await requestsOf(() =>
    f.call(admin, 'org', 'deleteNode', { kind: 'household', id: 'rc-hh-rc-bld-1-1-0' }),
  );
  expect(household.result).toMatchObject({ ok: true });
  expect(household.requests).toBeLessThanOrEqual(6);
  f.insert('estates', [anEstate({ _id: 'rc-empty', communityId: DEMO, name: '空小区', partyBranchName: '' })]);
  const estate = await requestsOf(() => f.call(admin, 'org', 'deleteNode', { kind: 'estate', id: 'rc-empty' }));
  expect(estate.result).toMatchObject({ ok: true });
  expect(estate.requests).toBeLessThanOrEqual(6);
});

test('moving a work unit’s liaison (old role deleted, new one created, three audit entries) costs at most six database requests', async () => {
  f.insert('roles', [
    aRole({
      kind: 'liaison',
      userId: 'user-member',
      communityId: DEMO,
      workUnitId: 'rc-wu-5',
      scopeLabel: '测试单位5',
      grantedBy: 'user-admin',
    }),
  ]);
  const moved = await requestsOf(() =>
    f.call(admin, 'org', 'saveWorkUnit', {
      workUnitId: 'rc-wu-5',
      communityId: DEMO,
      name: '测试单位五',
      partyOrgName: '测试单位五党支部',
      contactPhone: '0571-88000005',
      liaisonUserId: 'user-resident',
    }),
  );
  expect(moved.result).toMatchObject({ ok: true });
  expect(f.find('roles', { _id: 'liaison:user-member:rc-wu-5' })).toEqual([]);
  expect(f.find('roles', { _id: 'liaison:user-resident:rc-wu-5' })).toHaveLength(1);
  expect(f.find('audit_log', { action: 'org.saveWorkUnit' })).toHaveLength(3);
  expect(moved.requests).toBeLessThanOrEqual(6);
});

test('creating a building in a grid and renaming one into another grid (a grid check, a name check, audited) cost three database requests', async () => {
  const save = (data: object) =>
    requestsOf(() => f.call(admin, 'org', 'saveBuilding', { estateId: 'rc-estate-5', ...data }));
  const created = await save({ name: '6号楼', partyGroupName: '测试小区5 6号楼党小组', gridId: 'grid-1' });
  expect(created.result).toMatchObject({ ok: true });
  expect(created.requests).toBe(3);
  const renamed = await save({
    buildingId: 'rc-bld-5-0',
    name: '1号楼（东）',
    partyGroupName: '测试小区5 1号楼党小组',
    gridId: 'grid-2',
  });
  expect(renamed.result).toMatchObject({ ok: true });
  expect(f.find('buildings', { _id: 'rc-bld-5-0' })[0]).toMatchObject({ name: '1号楼（东）', gridId: 'grid-2' });
  expect(f.find('audit_log', { action: 'org.saveBuilding', targetId: 'rc-bld-5-0' })).toHaveLength(1);
  console.log(`[requests] saveBuilding new ${created.requests}, rename into a grid ${renamed.requests}`);
  expect(renamed.requests).toBe(3);
  // A name taken in the estate is still refused, writing nothing.
  const taken = await f.expectNothingWritten(() =>
    f.call(admin, 'org', 'saveBuilding', {
      buildingId: 'rc-bld-5-1',
      estateId: 'rc-estate-5',
      name: '6号楼',
      partyGroupName: '测试小区5 2号楼党小组',
    }),
  );
  expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'org.duplicate-building' } });
});

test('importing 600 rows (200 updated to one area and flag, 400 new) costs at most six database requests', async () => {
  const updated = Array.from({ length: 200 }, (_, i) => {
    const b = Math.floor(i / 40);
    const h = i % 40;
    return `测试小区0,${b + 1}号楼,${Math.floor(h / 4) + 1}0${(h % 4) + 1},99,是`;
  });
  const created = Array.from({ length: 400 }, (_, i) => `测试小区4,${(i % 5) + 1}号楼,N-${i},70,否`);
  const content = ['小区,楼栋,房号,建筑面积,党员中心户', ...updated, ...created].join('\n');
  const fileID = await uploadImport(content);
  const imported = await requestsOf(() => f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID }));
  expect(imported.result).toEqual({
    ok: true,
    data: { rows: 600, created: 400, updated: 200, errorCount: 0, errors: [], encoding: 'utf-8' },
  });
  expect(f.find('households', { _id: 'rc-hh-rc-bld-0-3-7' })[0]).toMatchObject({
    room: '204',
    floorArea: 99,
    isPartyCenter: true,
    createdAt: now,
  });
  // The caller with the community and the file's job (one read), the job (written before the
  // first household write), one update, one insert, the audit entry (the last).
  expect(imported.requests).toBeLessThanOrEqual(5);
});

test('an import with the 网格 column (new rooms, a new grid the buildings move into) costs at most six database requests, and the retry of one that crashed after its households at most five', async () => {
  const rows = (grid: string) =>
    Array.from({ length: 50 }, (_, i) => `测试小区3,${(i % 5) + 1}号楼,G-${i},75,否,${grid}`);
  const content = ['小区,楼栋,房号,建筑面积,党员中心户,网格', ...rows('东片网格')].join('\n');
  const imported = await requestsOf(async () =>
    f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID: await uploadImport(content) }),
  );
  expect(imported.result).toMatchObject({ ok: true, data: { rows: 50, created: 50, errorCount: 0 } });
  const east = f.find('grids', { communityId: DEMO, name: '东片网格' });
  expect(east).toHaveLength(1);
  expect(f.find('buildings', { estateId: 'rc-estate-3' }).map((b) => b.gridId)).toEqual(Array(5).fill(east[0]!._id));
  // The caller with the community, its places and the file's job (one read), the job, the
  // households, the grid, the buildings' move, the audit entry.
  console.log(`[requests] importHouseholds with a new grid ${imported.requests}`);
  expect(imported.requests).toBeLessThanOrEqual(6);

  const again = ['小区,楼栋,房号,建筑面积,党员中心户', ...rows('').map((r) => r.replace(/,$/, '').replace('G-', 'R-'))];
  const fileID = await uploadImport(again.join('\n'));
  await crashAt('org.import.after-insert', () =>
    f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID }),
  );
  const retried = await requestsOf(() => f.call(admin, 'org', 'importHouseholds', { communityId: DEMO, fileID }));
  expect(retried.result).toMatchObject({ ok: true, data: { rows: 50, created: 50 } });
  expect(
    f
      .find('audit_log', { action: 'org.importHouseholds' })
      .filter((a) => a.summary === '导入住户：新增50户，更新0户（共50行）'),
  ).toHaveLength(1);
  console.log(`[requests] importHouseholds retried after a crash ${retried.requests}`);
  expect(retried.requests).toBeLessThanOrEqual(5);
});

test('the grid desk (buildings, households, residents with phones, open wishes, topics) costs at most four database requests', async () => {
  const { result, requests } = await requestsOf(() =>
    f.call(demoPersonas.gridWorker, 'org', 'getGrid', { gridId: 'grid-1' }),
  );
  const desk = (result as { ok: boolean; data: { households: unknown[]; residents: Array<{ name: string }> } }).data;
  expect(desk.households).toHaveLength(20);
  expect(desk.residents.map((r) => r.name)).toContain('张秀英');
  expect(requests).toBeLessThanOrEqual(4);
});

test('creating a grid and renaming one (its roles relabelled, audited) cost at most six database requests', async () => {
  const created = await requestsOf(() => f.call(admin, 'org', 'saveGrid', { communityId: DEMO, name: '测试网格' }));
  expect(created.result).toMatchObject({ ok: true });
  expect(created.requests).toBeLessThanOrEqual(6);
  const renamed = await requestsOf(() =>
    f.call(admin, 'org', 'saveGrid', { communityId: DEMO, gridId: 'grid-3', name: '第三网格（改）' }),
  );
  expect(renamed.result).toMatchObject({ ok: true });
  expect(f.find('grids', { _id: 'grid-3' })[0]).toMatchObject({ name: '第三网格（改）' });
  expect(f.find('audit_log', { action: 'org.saveGrid', targetId: 'grid-3' })).toHaveLength(1);
  expect(renamed.requests).toBeLessThanOrEqual(6);
});
