/**
 * org reads: listCommunities, getTree, listHouseholds — open to anyone with a WeChat identity
 * (people choose their room before they have a profile), with floor areas, 党员中心户 and work
 * unit contacts shown in full only to those whose role needs them.
 */
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectRefused } from './refusals';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const read = (openid: string | null, action: string, data: unknown) =>
  f.expectNothingWritten(() => f.call(openid, 'org', action, data));

describe('org.listCommunities', () => {
  test('lists both communities with their street to a visitor without a profile, writing nothing', async () => {
    const reply = await read('openid-never-seen', 'listCommunities', {});
    expect(reply.ok).toBe(true);
    expect(reply.data.items).toEqual(
      expect.arrayContaining([
        {
          id: DEMO,
          streetId: 'street-heping',
          streetName: '和平街道',
          name: '幸福里社区',
          address: '和平街道幸福路88号',
        },
        expect.objectContaining({ id: OTHER, name: '东湖社区', streetName: '和平街道' }),
      ]),
    );
    expect(reply.data.items).toHaveLength(2);
  });

  test('refuses an anonymous caller as UNAUTHENTICATED and unknown fields as VALIDATION', async () => {
    for (const [openid, data, code, reason] of [
      [null, {}, 'UNAUTHENTICATED', 'auth.no-identity'],
      [demoPersonas.admin, { communityId: DEMO }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, openid, 'listCommunities', data, code, reason);
    }
  });
});

describe('org.getTree', () => {
  test('returns estates with buildings and household counts, the three councils and the work units', async () => {
    const reply = await read(demoPersonas.admin, 'getTree', { communityId: DEMO });
    expect(reply.ok).toBe(true);
    const tree = reply.data;
    expect(tree.community).toMatchObject({ id: DEMO, name: '幸福里社区', streetName: '和平街道' });
    expect(tree.estates.map((e: any) => e.name).sort()).toEqual(['和谐家园', '幸福里小区']);
    const xfl = tree.estates.find((e: any) => e.id === 'estate-xfl');
    expect(xfl).toMatchObject({ partyBranchName: '幸福里小区党支部', communityId: DEMO });
    expect(xfl.buildings.map((b: any) => [b.name, b.householdCount])).toEqual([
      ['1号楼', 10],
      ['2号楼', 10],
      ['3号楼', 10],
    ]);
    expect(xfl.buildings[0]).toEqual({
      id: 'bld-xfl-1',
      communityId: DEMO,
      estateId: 'estate-xfl',
      name: '1号楼',
      partyGroupName: '幸福里小区1号楼党小组',
      gridId: 'grid-1',
      householdCount: 10,
    });
    expect(tree.grids).toEqual([
      { id: 'grid-1', communityId: DEMO, name: '第一网格', buildingIds: ['bld-xfl-1', 'bld-xfl-2'] },
      { id: 'grid-2', communityId: DEMO, name: '第二网格', buildingIds: ['bld-hxjy-1', 'bld-xfl-3'] },
      { id: 'grid-3', communityId: DEMO, name: '第三网格', buildingIds: ['bld-hxjy-2', 'bld-hxjy-3'] },
    ]);
    expect(tree.councils.map((c: any) => c.kind)).toEqual(['owners', 'deliberation', 'supervisory']);
    expect(tree.workUnits).toHaveLength(3);
  });

  test('shows an admin of the community work unit phones and liaison names in full', async () => {
    const reply = await read(demoPersonas.admin, 'getTree', { communityId: DEMO });
    const tax = reply.data.workUnits.find((w: any) => w.id === 'wu-tax');
    expect(tax).toEqual({
      id: 'wu-tax',
      communityId: DEMO,
      name: '市税务局第三分局',
      partyOrgName: '市税务局第三分局机关党委',
      contactPhone: '0571-88000001',
      liaisonUserId: 'user-liaison',
      liaisonName: '刘芳',
    });
  });

  test.each([
    ['a resident', demoPersonas.resident],
    ['the liaison', demoPersonas.liaison],
    ['a visitor without a profile', 'openid-never-seen'],
    ['the admin of another community', otherPersonas.admin],
  ])('masks work unit phones (all but the last 4) and liaison names for %s', async (_who, openid) => {
    const reply = await read(openid, 'getTree', { communityId: DEMO });
    expect(reply.ok).toBe(true);
    const json = JSON.stringify(reply.data);
    expect(json).not.toContain('0571-88000001');
    expect(json).not.toContain('刘芳');
    const tax = reply.data.workUnits.find((w: any) => w.id === 'wu-tax');
    expect(tax).toMatchObject({ contactPhone: '*********0001', liaisonName: '刘*' });
    const school = reply.data.workUnits.find((w: any) => w.id === 'wu-school');
    expect(school).toMatchObject({ contactPhone: '*********0003', liaisonName: null, liaisonUserId: null });
  });

  test('reads the other community too (anyone may choose where to live)', async () => {
    const reply = await read(demoPersonas.resident, 'getTree', { communityId: OTHER });
    expect(reply.data.estates).toEqual([
      expect.objectContaining({
        id: 'estate-dh',
        buildings: [expect.objectContaining({ id: 'bld-dh-1', householdCount: 2 })],
      }),
    ]);
  });

  test('answers NOT_FOUND for an unknown community, VALIDATION for bad input, UNAUTHENTICATED anonymously', async () => {
    for (const [openid, data, code, reason] of [
      [demoPersonas.admin, { communityId: 'comm-nowhere' }, 'NOT_FOUND', 'org.community-not-found'],
      [demoPersonas.admin, {}, 'VALIDATION', 'input.invalid'],
      [demoPersonas.admin, { communityId: DEMO, extra: 1 }, 'VALIDATION', 'input.invalid'],
      [null, { communityId: DEMO }, 'UNAUTHENTICATED', 'auth.no-identity'],
    ] as const) {
      await expectRefused(f, openid, 'getTree', data, code, reason);
    }
  });
});

describe('org.listHouseholds', () => {
  const publicKeys = ['buildingId', 'id', 'room'];
  const fullKeys = ['buildingId', 'communityId', 'estateId', 'floorArea', 'id', 'isPartyCenter', 'room'];

  test('gives a resident only id, building and room of each household, in room order', async () => {
    const reply = await read(demoPersonas.resident, 'listHouseholds', { buildingId: 'bld-xfl-1' });
    expect(reply.ok).toBe(true);
    expect(reply.data.items.map((h: any) => h.room)).toEqual([
      '1-101',
      '1-102',
      '1-201',
      '1-202',
      '1-301',
      '1-302',
      '1-401',
      '1-402',
      '1-501',
      '1-502',
    ]);
    for (const h of reply.data.items) expect(Object.keys(h).sort()).toEqual(publicKeys);
    const json = JSON.stringify(reply.data);
    expect(json).not.toMatch(/floorArea|isPartyCenter|communityId|estateId/);
  });

  test.each([
    ['the admin', demoPersonas.admin, 'bld-xfl-2'],
    ['the building leader, for their building', demoPersonas.leader, 'bld-xfl-1'],
    ['the estate Party secretary, for a building of their estate', demoPersonas.estateLeader, 'bld-xfl-3'],
  ])('gives %s floor areas and 党员中心户', async (_who, openid, buildingId) => {
    const reply = await read(openid, 'listHouseholds', { buildingId });
    expect(reply.data.items).toHaveLength(10);
    for (const h of reply.data.items) expect(Object.keys(h).sort()).toEqual(fullKeys);
    expect(reply.data.items[0]).toMatchObject({ buildingId, communityId: DEMO, floorArea: expect.any(Number) });
  });

  test('marks the 党员中心户 of the building leader and Party member in building 1', async () => {
    const reply = await read(demoPersonas.admin, 'listHouseholds', { buildingId: 'bld-xfl-1' });
    const centres = reply.data.items.filter((h: any) => h.isPartyCenter).map((h: any) => h.room);
    expect(centres).toEqual(['1-201', '1-302']);
  });

  test.each([
    ['a building leader, for another building', demoPersonas.leader, 'bld-xfl-2'],
    ['an estate Party secretary, for another estate', demoPersonas.estateLeader, 'bld-hxjy-1'],
    ['the admin of 东湖, for a 幸福里 building', otherPersonas.admin, 'bld-xfl-1'],
    ['the admin of 幸福里, for a 东湖 building', demoPersonas.admin, 'bld-dh-1'],
  ])('gives %s the public view only', async (_who, openid, buildingId) => {
    const reply = await read(openid, 'listHouseholds', { buildingId });
    expect(reply.data.items.length).toBeGreaterThan(0);
    for (const h of reply.data.items) expect(Object.keys(h).sort()).toEqual(publicKeys);
  });

  test('answers NOT_FOUND for an unknown building, VALIDATION for bad input, UNAUTHENTICATED anonymously', async () => {
    for (const [openid, data, code, reason] of [
      [demoPersonas.admin, { buildingId: 'bld-nowhere' }, 'NOT_FOUND', 'org.building-not-found'],
      [demoPersonas.admin, { buildingId: '' }, 'VALIDATION', 'input.invalid'],
      [null, { buildingId: 'bld-xfl-1' }, 'UNAUTHENTICATED', 'auth.no-identity'],
    ] as const) {
      await expectRefused(f, openid, 'listHouseholds', data, code, reason);
    }
  });
});
