/**
 * The dashboard for a 街道工作人员 (street_viewer of 和平街道, the demo's 刘志强): reads the street
 * view and every single community of the street with its drill-down — the same figures an admin
 * gets, with the same number of database requests — but never exports (FORBIDDEN
 * dashboard.read-only), and nothing of a community in another street (FORBIDDEN
 * dashboard.other-street). And the same for a viewer of another street, the other way round.
 */
import { DashboardExportFile, Overview } from '../../types/dashboard';
import { expectError, expectOk } from '../account/helpers';
import { DEMO, FAR, OTHER, demoPersonas, farPersonas, otherPersonas, twoStreetsFixture } from '../support/fixtures';
import { foldAll } from './rollups';
import { RANGE, seedDonghu } from './seed';

const f = twoStreetsFixture(seedDonghu);
beforeAll(() => foldAll(f));

const VIEWER = demoPersonas.street;
const overview = (openid: string | null, data: object = {}) =>
  f.call(openid, 'dashboard', 'overview', { communityId: OTHER, ...RANGE, ...data });
const exportXlsx = (openid: string | null, data: object = {}) =>
  f.call(openid, 'dashboard', 'exportXlsx', { communityId: OTHER, kind: 'wishes', ...RANGE, ...data });

test('reads the street view from any community of the street: what the admins see', async () => {
  const admins = expectOk(await overview(otherPersonas.admin, { street: true }), Overview);
  expect(admins.communityIds).toEqual([DEMO, OTHER].sort());
  for (const communityId of [DEMO, OTHER]) {
    const mine = expectOk(await overview(VIEWER, { communityId, street: true }), Overview);
    expect(mine).toEqual(admins);
    expect(mine.scopeLabel).toBe('和平街道');
  }
});

test('reads one community of the street, home or not, with the drill-down: what its admin sees', async () => {
  for (const data of [{}, { estateId: 'estate-dh' }, { buildingId: 'bld-dh-2' }]) {
    const admin = expectOk(await overview(otherPersonas.admin, data), Overview);
    expect(expectOk(await overview(VIEWER, data), Overview)).toEqual(admin);
  }
  const home = expectOk(await overview(VIEWER, { communityId: DEMO, estateId: 'estate-xfl' }), Overview);
  expect(home.scopeLabel).toBe('幸福里社区 · 幸福里小区');
  // A drill-down target of another community is still NOT_FOUND.
  expectError(await overview(VIEWER, { buildingId: 'bld-xfl-1' }), 'NOT_FOUND', 'dashboard.scope-not-found');
});

test('the same number of database requests as for an admin, at most 6, with a building or for the street too', async () => {
  const requests = async (openid: string, data: object = {}) => {
    const before = f.server.db.stats().requests;
    expectOk(await overview(openid, data), Overview);
    return f.server.db.stats().requests - before;
  };
  const counts = async (openid: string) => [
    await requests(openid),
    await requests(openid, { buildingId: 'bld-dh-1' }),
    await requests(openid, { street: true }),
  ];
  const viewer = await counts(VIEWER);
  expect(viewer.every((n) => n <= 6)).toBe(true);
  expect(await counts(otherPersonas.admin)).toEqual(viewer);
});

test('a community of another street is FORBIDDEN, in the street view too', async () => {
  for (const data of [{ communityId: FAR }, { communityId: FAR, street: true }]) {
    expectError(await overview(VIEWER, data), 'FORBIDDEN', 'dashboard.other-street');
  }
});

test('exporting is FORBIDDEN (read-only) for every community, and writes nothing', async () => {
  for (const communityId of [DEMO, OTHER, FAR]) {
    const body = await f.expectNothingWritten(() => exportXlsx(VIEWER, { communityId }));
    expectError(body, 'FORBIDDEN', 'dashboard.read-only');
  }
  // An admin still exports.
  expectOk(await exportXlsx(otherPersonas.admin), DashboardExportFile);
});

test('a viewer of 阳光街道 reads 朝阳 and nothing of 和平街道', async () => {
  const granted = await f.call(farPersonas.streetAdmin, 'account', 'grantRole', {
    userId: 'user-far-person',
    communityId: FAR,
    kind: 'street_viewer',
  });
  expect(granted.ok).toBe(true);
  const street = expectOk(await overview(farPersonas.person, { communityId: FAR, street: true }), Overview);
  expect(street).toMatchObject({ communityIds: [FAR], scopeLabel: '阳光街道' });
  expectOk(await overview(farPersonas.person, { communityId: FAR, buildingId: 'bld-cy-1' }), Overview);
  for (const data of [{ communityId: DEMO }, { communityId: OTHER, street: true }]) {
    expectError(await overview(farPersonas.person, data), 'FORBIDDEN', 'dashboard.other-street');
  }
  expectError(await exportXlsx(farPersonas.person, { communityId: FAR }), 'FORBIDDEN', 'dashboard.read-only');
});

test('once the role is revoked, the street is FORBIDDEN again', async () => {
  const revoked = await f.call(demoPersonas.streetAdmin, 'account', 'revokeRole', {
    roleId: 'street_viewer:user-street:street-heping',
    reason: '岗位调整',
  });
  expect(revoked.ok).toBe(true);
  for (const data of [{}, { street: true }]) expectError(await overview(VIEWER, data), 'FORBIDDEN', 'auth.not-admin');
  expectError(await exportXlsx(VIEWER), 'FORBIDDEN', 'auth.not-admin');
});
