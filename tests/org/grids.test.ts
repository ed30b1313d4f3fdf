/**
 * 网格 (grids): org.saveGrid / deleteGrid / assignBuildings (admins only, audited, refusals write
 * nothing), the tree's grids, the 网格员 / 网格长 roles (granted like other roles; a 网格长 only
 * for a Party member), and grid scoping: what a 网格员 sees inside and outside their grid (a
 * table: every relevant action × in / out of the grid), and that the role gives no admin power.
 * The demo's grids: 第一网格 = 幸福里 1–2号楼 (网格员 吴晓燕), 第二网格, 第三网格.
 */
import { openidOfRoleHolder } from '../account/helpers';
import { aTopic, aWish } from '../support/factories';
import { DEMO, OTHER, demoPersonas as P, fileFixture, otherPersonas } from '../support/fixtures';
import { auditOf, expectRefused } from './refusals';
import { refusalsOf } from '../support/refusals';

const f = fileFixture();
const admin = P.admin;
const worker = P.gridWorker;
const org = (openid: string | null, action: string, data: unknown) => f.call(openid, 'org', action, data);
const account = (openid: string | null, action: string, data: unknown) => f.call(openid, 'account', action, data);
const refusedInAccount = refusalsOf('account');
const building = (id: string) => f.find('buildings', { _id: id })[0]!;

/** 张秀英 (幸福里 1号楼, in 第一网格) and a resident of 和谐家园 1号楼 (第二网格). */
const IN_PHONE = '13810000006';
const outResident = openidOfRoleHolder(
  (r) => r.kind === 'resident' && r.buildingId === 'bld-hxjy-1' && r.userId.startsWith('user-r'),
);
/** A person with a resident role and no Party role: not allowed to be 网格长. */
const notPartyMember = openidOfRoleHolder(
  (r) => r.kind === 'resident' && r.buildingId === 'bld-hxjy-3' && r.userId.startsWith('user-r'),
);
const userIdOf = (openid: string) => f.find('users', { openid })[0]!._id as string;

describe('org.saveGrid, org.assignBuildings, org.deleteGrid', () => {
  let gridId = '';

  test('an admin creates a grid, audited; the name is unique in the community', async () => {
    const reply = await org(admin, 'saveGrid', { communityId: DEMO, name: '第四网格' });
    expect(reply.ok).toBe(true);
    gridId = reply.data.id;
    expect(f.find('grids', { _id: gridId })[0]).toMatchObject({ communityId: DEMO, name: '第四网格' });
    expect(auditOf(f, 'org.saveGrid')[0]).toMatchObject({ targetKind: 'grid', targetId: gridId, before: null });
    await expectRefused(
      f,
      admin,
      'saveGrid',
      { communityId: DEMO, name: '第一网格' },
      'CONFLICT',
      'org.duplicate-grid',
    );
  });

  test('renaming a grid relabels its roles', async () => {
    const reply = await org(admin, 'saveGrid', { communityId: DEMO, gridId: 'grid-3', name: '第三网格（和谐家园）' });
    expect(reply.ok).toBe(true);
    expect(f.find('grids', { _id: 'grid-3' })[0]!.name).toBe('第三网格（和谐家园）');
    await org(admin, 'saveGrid', { communityId: DEMO, gridId: 'grid-3', name: '第三网格' });
    expect(f.find('roles', { gridId: 'grid-1' }).map((r) => r.scopeLabel)).toEqual(['第一网格', '第一网格']);
  });

  test.each([
    ['a resident', P.resident],
    ['a building leader', P.leader],
    ['the 网格员', P.gridWorker],
    ['an admin of another community', otherPersonas.admin],
  ])('refuses %s every grid write as FORBIDDEN, writing nothing', async (_who, openid) => {
    await expectRefused(f, openid, 'saveGrid', { communityId: DEMO, name: '新网格' }, 'FORBIDDEN', 'auth.not-admin');
    await expectRefused(
      f,
      openid,
      'assignBuildings',
      { gridId: 'grid-2', buildingIds: ['bld-xfl-1'] },
      'FORBIDDEN',
      'auth.not-admin',
    );
    await expectRefused(f, openid, 'deleteGrid', { gridId: 'grid-3' }, 'FORBIDDEN', 'auth.not-admin');
  });

  test('assigning moves buildings from their grid: every building stays in exactly one', async () => {
    const reply = await org(admin, 'assignBuildings', { gridId, buildingIds: ['bld-hxjy-3'] });
    expect(reply.ok).toBe(true);
    expect(building('bld-hxjy-3').gridId).toBe(gridId);
    const tree = (await org(admin, 'getTree', { communityId: DEMO })).data;
    const owners = tree.estates
      .flatMap((e: any) => e.buildings)
      .map((b: any) => tree.grids.filter((g: any) => g.buildingIds.includes(b.id)).length);
    expect(owners).toEqual([1, 1, 1, 1, 1, 1]);
    expect(tree.grids.find((g: any) => g.id === 'grid-3').buildingIds).toEqual(['bld-hxjy-2']);
    expect(auditOf(f, 'org.assignBuildings')[0]).toMatchObject({
      before: [{ buildingId: 'bld-hxjy-3', gridId: 'grid-3' }],
      after: [{ buildingId: 'bld-hxjy-3', gridId }],
    });
  });

  test('refuses a building of another community or an unknown one, writing nothing', async () => {
    await expectRefused(
      f,
      admin,
      'assignBuildings',
      { gridId, buildingIds: ['bld-xfl-1', 'bld-dh-1'] },
      'VALIDATION',
      'org.community-mismatch',
    );
    await expectRefused(
      f,
      admin,
      'assignBuildings',
      { gridId, buildingIds: ['bld-nope'] },
      'NOT_FOUND',
      'org.building-not-found',
    );
  });

  test('refuses to delete a grid with buildings, or with a 网格员; deletes an empty one', async () => {
    await expectRefused(f, admin, 'deleteGrid', { gridId }, 'PRECONDITION_FAILED', 'org.grid-not-empty');
    await expectRefused(f, admin, 'deleteGrid', { gridId: 'grid-1' }, 'PRECONDITION_FAILED', 'org.grid-not-empty');
    expect((await org(admin, 'assignBuildings', { gridId: 'grid-3', buildingIds: ['bld-hxjy-3'] })).ok).toBe(true);
    const granted = await account(admin, 'grantRole', {
      userId: userIdOf(P.resident),
      communityId: DEMO,
      kind: 'grid_worker',
      gridId,
    });
    expect(granted.ok).toBe(true);
    await expectRefused(f, admin, 'deleteGrid', { gridId }, 'PRECONDITION_FAILED', 'org.grid-has-roles');
    expect((await account(admin, 'revokeRole', { roleId: granted.data.id, reason: '调整网格' })).ok).toBe(true);
    const reply = await org(admin, 'deleteGrid', { gridId });
    expect(reply).toMatchObject({ ok: true, data: { id: gridId } });
    expect(f.find('grids', { _id: gridId })).toEqual([]);
    expect(auditOf(f, 'org.deleteGrid')[0]).toMatchObject({ targetId: gridId, after: null });
    await expectRefused(f, admin, 'deleteGrid', { gridId }, 'NOT_FOUND', 'org.grid-not-found');
  });
});

describe('网格员 and 网格长 roles', () => {
  test('an admin grants a 网格员, scoped to a grid of the community, audited', async () => {
    const reply = await account(admin, 'grantRole', {
      userId: userIdOf(outResident),
      communityId: DEMO,
      kind: 'grid_worker',
      gridId: 'grid-2',
    });
    expect(reply).toMatchObject({ ok: true, data: { kind: 'grid_worker', gridId: 'grid-2', scopeLabel: '第二网格' } });
    expect(auditOf(f, 'account.grantRole')[0]!.summary).toContain('网格员（第二网格）');
  });

  test('a 网格长 must be a Party member', async () => {
    await refusedInAccount(
      f,
      admin,
      'grantRole',
      { userId: userIdOf(notPartyMember), communityId: DEMO, kind: 'grid_leader', gridId: 'grid-3' },
      'PRECONDITION_FAILED',
      'role.grid-leader-not-party-member',
    );
    const reply = await account(admin, 'grantRole', {
      userId: 'user-leader',
      communityId: DEMO,
      kind: 'grid_leader',
      gridId: 'grid-3',
    });
    expect(reply).toMatchObject({ ok: true, data: { kind: 'grid_leader', gridId: 'grid-3' } });
  });

  test('refuses a grid of another community, an unknown grid, and a missing grid', async () => {
    const base = { userId: userIdOf(outResident), communityId: DEMO, kind: 'grid_worker' };
    await refusedInAccount(
      f,
      otherPersonas.admin,
      'grantRole',
      { ...base, communityId: OTHER, gridId: 'grid-1' },
      'FORBIDDEN',
      'scope.foreign',
    );
    await refusedInAccount(f, admin, 'grantRole', { ...base, gridId: 'grid-x' }, 'NOT_FOUND', 'scope.not-found');
    await refusedInAccount(f, admin, 'grantRole', base, 'VALIDATION', 'input.invalid');
  });
});

describe('grid scoping: what a 网格员 sees in and out of their grid', () => {
  beforeAll(() => {
    const labelOf = (b: string, room: string) => `${b.startsWith('bld-xfl') ? '幸福里小区' : '和谐家园'} · ${room}`;
    f.insert('wishes', [
      aWish({
        _id: 'wish-in-grid',
        communityId: DEMO,
        estateId: 'estate-xfl',
        buildingId: 'bld-xfl-1',
        householdId: 'hh-xfl-1-102',
        householdLabel: labelOf('bld-xfl-1', '1号楼 · 1-102'),
        title: '网格内的心愿',
      }),
      aWish({
        _id: 'wish-out-of-grid',
        communityId: DEMO,
        estateId: 'estate-hxjy',
        buildingId: 'bld-hxjy-1',
        householdId: 'hh-hxjy-1-101',
        householdLabel: labelOf('bld-hxjy-1', '1号楼 · 1-101'),
        title: '网格外的心愿',
      }),
    ]);
    f.insert('topics', [
      aTopic({
        _id: 'topic-in-grid',
        communityId: DEMO,
        estateId: 'estate-xfl',
        buildingId: 'bld-xfl-2',
        title: '网格内的议题',
      }),
      aTopic({ _id: 'topic-estate', communityId: DEMO, estateId: 'estate-xfl', buildingId: null, title: '小区议题' }),
      aTopic({
        _id: 'topic-out-of-grid',
        communityId: DEMO,
        estateId: 'estate-hxjy',
        buildingId: 'bld-hxjy-2',
        title: '网格外的议题',
      }),
      aTopic({
        _id: 'topic-ended',
        communityId: DEMO,
        estateId: 'estate-xfl',
        buildingId: 'bld-xfl-1',
        step: 'ended',
        title: '已终止',
      }),
    ]);
  });

  /** Each row: an action the 网格员 calls about a place in their grid and one outside it, and what each answer must show. */
  const table: Array<{ action: string; in: () => Promise<void>; out: () => Promise<void> }> = [
    {
      action: 'org.listHouseholds: floor area and 党员中心户',
      in: async () => {
        const r = await org(worker, 'listHouseholds', { buildingId: 'bld-xfl-1' });
        expect(r.data.items[0]).toHaveProperty('floorArea');
      },
      out: async () => {
        const r = await org(worker, 'listHouseholds', { buildingId: 'bld-hxjy-1' });
        expect(r.data.items[0]).not.toHaveProperty('floorArea');
      },
    },
    {
      action: 'account.listPeople: residents, phones in full',
      in: async () => {
        const r = await account(worker, 'listPeople', { communityId: DEMO, query: '张秀英' });
        expect(r.data.items).toEqual([expect.objectContaining({ name: '张秀英', phone: IN_PHONE })]);
      },
      out: async () => {
        const r = await account(worker, 'listPeople', { communityId: DEMO, limit: 50 });
        const listed = r.data.items.flatMap((p: any) => p.roles.map((role: any) => role.buildingId));
        expect(new Set(listed)).toEqual(new Set(['bld-xfl-1', 'bld-xfl-2']));
        expect(r.data.items.some((p: any) => p.id === userIdOf(outResident))).toBe(false);
      },
    },
    {
      action: 'account.listPeople: only in their own community',
      in: async () => {
        const r = await account(worker, 'listPeople', { communityId: DEMO, limit: 50 });
        expect(r.data.items.every((p: any) => p.phone === null || /^1\d{10}$/.test(p.phone))).toBe(true);
      },
      out: async () => {
        const r = await account(worker, 'listPeople', { communityId: OTHER });
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'people.not-allowed' } });
      },
    },
    {
      action: 'org.getGrid: the grid desk',
      in: async () => {
        const r = await org(worker, 'getGrid', { gridId: 'grid-1' });
        expect(r.data.grid).toMatchObject({ name: '第一网格', buildingIds: ['bld-xfl-1', 'bld-xfl-2'] });
        expect(r.data.households).toHaveLength(20);
        expect(r.data.residents).toContainEqual(expect.objectContaining({ name: '张秀英', phone: IN_PHONE }));
      },
      out: async () => {
        await expectRefused(f, worker, 'getGrid', { gridId: 'grid-2' }, 'FORBIDDEN', 'org.not-grid-worker');
      },
    },
    {
      action: 'org.getGrid: open wishes',
      in: async () => {
        const r = await org(worker, 'getGrid', { gridId: 'grid-1' });
        expect(r.data.openWishes.map((w: any) => w.id)).toContain('wish-in-grid');
      },
      out: async () => {
        const r = await org(worker, 'getGrid', { gridId: 'grid-1' });
        expect(r.data.openWishes.map((w: any) => w.id)).not.toContain('wish-out-of-grid');
      },
    },
    {
      action: 'org.getGrid: topics that concern the grid',
      in: async () => {
        const r = await org(worker, 'getGrid', { gridId: 'grid-1' });
        const ids = r.data.topics.map((t: any) => t.id);
        expect(ids).toEqual(expect.arrayContaining(['topic-in-grid', 'topic-estate']));
        expect(ids).not.toContain('topic-ended');
      },
      out: async () => {
        const r = await org(worker, 'getGrid', { gridId: 'grid-1' });
        expect(r.data.topics.map((t: any) => t.id)).not.toContain('topic-out-of-grid');
      },
    },
    {
      action: 'volunteer.list: the activities of their community',
      in: async () => {
        const r = await f.call(worker, 'volunteer', 'list', { communityId: DEMO, when: 'upcoming' });
        expect(r.ok).toBe(true);
      },
      out: async () => {
        const r = await f.call(worker, 'volunteer', 'list', { communityId: OTHER, when: 'upcoming' });
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      },
    },
  ];

  test.each(
    table.flatMap((row) => [
      [row.action, 'in the grid', row.in] as const,
      [row.action, 'out of the grid', row.out] as const,
    ]),
  )('%s — %s', async (_action, _where, check) => {
    await check();
  });

  test('the seeded 网格长 reads their grid as its 网格员 does, and not another', async () => {
    const leader = openidOfRoleHolder((r) => r.kind === 'grid_leader' && r.gridId === 'grid-1');
    const r = await org(leader, 'getGrid', { gridId: 'grid-1' });
    expect(r.data.residents).toContainEqual(expect.objectContaining({ name: '张秀英', phone: IN_PHONE }));
    await expectRefused(f, leader, 'getGrid', { gridId: 'grid-2' }, 'FORBIDDEN', 'org.not-grid-worker');
  });

  test('an admin reads any grid of the community; a stranger does not learn whether a grid exists', async () => {
    expect((await org(admin, 'getGrid', { gridId: 'grid-2' })).ok).toBe(true);
    await expectRefused(f, otherPersonas.admin, 'getGrid', { gridId: 'grid-1' }, 'FORBIDDEN', 'org.not-grid-worker');
    await expectRefused(f, P.resident, 'getGrid', { gridId: 'grid-1' }, 'FORBIDDEN', 'org.not-grid-worker');
    await expectRefused(f, admin, 'getGrid', { gridId: 'grid-x' }, 'NOT_FOUND', 'org.grid-not-found');
  });
});

describe('a 网格员 gains no admin power', () => {
  const refusals: Array<[string, string, string, unknown, string]> = [
    ['org', 'saveGrid', 'auth.not-admin', { communityId: DEMO, name: '我的网格' }, 'FORBIDDEN'],
    ['org', 'assignBuildings', 'auth.not-admin', { gridId: 'grid-1', buildingIds: ['bld-hxjy-1'] }, 'FORBIDDEN'],
    [
      'org',
      'saveBuilding',
      'auth.not-admin',
      { estateId: 'estate-xfl', name: '9号楼', partyGroupName: '9号楼党小组' },
      'FORBIDDEN',
    ],
    ['org', 'updateCommunity', 'auth.not-admin', { communityId: DEMO, name: '幸福里社区', address: '改' }, 'FORBIDDEN'],
    [
      'account',
      'grantRole',
      'auth.not-admin',
      { userId: 'user-resident', communityId: DEMO, kind: 'grid_worker', gridId: 'grid-1' },
      'FORBIDDEN',
    ],
    ['account', 'listAudit', 'auth.not-admin', { communityId: DEMO }, 'FORBIDDEN'],
    [
      'account',
      'decideBinding',
      'binding.not-decider',
      { requestId: 'bind-demo-newcomer', decision: 'approve' },
      'FORBIDDEN',
    ],
    ['wish', 'reviewQueue', 'wish.not-reviewer', { communityId: DEMO }, 'FORBIDDEN'],
  ];

  test.each(refusals)('%s.%s is refused (%s), writing nothing', async (area, action, reason, data, code) => {
    const reply = await f.expectNothingWritten(() => f.call(worker, area, action, data));
    expect(reply).toMatchObject({ ok: false, error: { code } });
    if (reason) expect(reply.error.reason).toBe(reason);
  });

  test('work unit phones stay masked in the tree', async () => {
    const tree = (await org(worker, 'getTree', { communityId: DEMO })).data;
    expect(tree.workUnits.find((w: any) => w.id === 'wu-tax').contactPhone).not.toBe('0571-88000001');
  });
});

describe('wish.get: the poster’s contact for a 网格员 / 网格长 in and out of their grid', () => {
  const inPoster = () => f.find('users', { phone: IN_PHONE })[0]!;
  const outPoster = () => f.find('users', { openid: outResident })[0]!;
  beforeAll(() => {
    const posted = (
      _id: string,
      poster: Record<string, unknown>,
      place: { estateId: string; buildingId: string; householdId: string; householdLabel: string },
      title: string,
    ) =>
      aWish({
        _id,
        communityId: DEMO,
        ...place,
        posterId: String(poster._id),
        posterName: String(poster.name),
        posterOpenid: String(poster.openid),
        title,
      });
    f.insert('wishes', [
      posted(
        'wish-contact-in',
        inPoster(),
        {
          estateId: 'estate-xfl',
          buildingId: 'bld-xfl-1',
          householdId: 'hh-xfl-1-102',
          householdLabel: '幸福里小区 · 1号楼 · 1-102',
        },
        '网格内居民的心愿',
      ),
      posted(
        'wish-contact-out',
        outPoster(),
        {
          estateId: 'estate-hxjy',
          buildingId: 'bld-hxjy-1',
          householdId: 'hh-hxjy-1-101',
          householdLabel: '和谐家园 · 1号楼 · 1-101',
        },
        '网格外居民的心愿',
      ),
    ]);
  });
  const wishGet = (openid: string, wishId: string) => f.call(openid, 'wish', 'get', { wishId });
  const gridLeader = () => openidOfRoleHolder((r) => r.kind === 'grid_leader' && r.gridId === 'grid-1');

  test.each([
    ['the 网格员', () => worker],
    ['the 网格长', gridLeader],
  ])('%s of the building’s grid sees the poster’s name, room and phone in full', async (_who, who) => {
    const r = await wishGet(who(), 'wish-contact-in');
    expect(r.data).toMatchObject({
      posterName: inPoster().name,
      contact: { householdLabel: '幸福里小区 · 1号楼 · 1-102', phone: IN_PHONE },
    });
  });

  test.each([
    ['the 网格员', () => worker],
    ['the 网格长', gridLeader],
  ])('%s of another grid sees the contact masked: the estate only, the phone masked', async (_who, who) => {
    const r = await wishGet(who(), 'wish-contact-out');
    expect(r.ok).toBe(true);
    expect(r.data.posterName).not.toBe(outPoster().name);
    expect(r.data.contact.householdLabel).toBe(r.data.estateName);
    expect(r.data.contact.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(r.data.contact.phone).not.toBe(outPoster().phone);
  });

  test('a building moved out of the grid takes the full contact with it; nobody else gains any', async () => {
    expect((await org(admin, 'assignBuildings', { gridId: 'grid-2', buildingIds: ['bld-xfl-1'] })).ok).toBe(true);
    try {
      const r = await wishGet(worker, 'wish-contact-in');
      expect(r.data.contact.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    } finally {
      expect((await org(admin, 'assignBuildings', { gridId: 'grid-1', buildingIds: ['bld-xfl-1'] })).ok).toBe(true);
    }
    const member = await wishGet(P.member, 'wish-contact-out');
    expect(member.data.contact).toBeNull();
  });
});

describe('org.saveBuilding puts a building in a grid of its community', () => {
  const edit = (gridId?: string) => ({
    estateId: 'estate-xfl',
    buildingId: 'bld-xfl-2',
    name: '2号楼',
    partyGroupName: building('bld-xfl-2').partyGroupName,
    ...(gridId ? { gridId } : {}),
  });

  test('a new building with a grid is in that grid, audited with it', async () => {
    const reply = await org(admin, 'saveBuilding', {
      estateId: 'estate-xfl',
      name: '8号楼',
      partyGroupName: '幸福里小区8号楼党小组',
      gridId: 'grid-2',
    });
    expect(reply.ok).toBe(true);
    expect(building(reply.data.id).gridId).toBe('grid-2');
    expect(auditOf(f, 'org.saveBuilding')[0]).toMatchObject({
      targetId: reply.data.id,
      after: expect.objectContaining({ gridId: 'grid-2' }),
    });
    expect(auditOf(f, 'org.saveBuilding')[0]!.summary).toContain('划入网格“第二网格”');
  });

  test('an edit moves the building to the grid named, out of its old one; without gridId the grid stays', async () => {
    expect(building('bld-xfl-2').gridId).toBe('grid-1');
    expect((await org(admin, 'saveBuilding', edit('grid-3'))).ok).toBe(true);
    expect(building('bld-xfl-2').gridId).toBe('grid-3');
    expect(auditOf(f, 'org.saveBuilding')[0]).toMatchObject({
      before: expect.objectContaining({ gridId: 'grid-1' }),
      after: expect.objectContaining({ gridId: 'grid-3' }),
    });
    const tree = (await org(admin, 'getTree', { communityId: DEMO })).data;
    expect(tree.grids.filter((g: any) => g.buildingIds.includes('bld-xfl-2')).map((g: any) => g.id)).toEqual([
      'grid-3',
    ]);
    expect((await org(admin, 'saveBuilding', edit())).ok).toBe(true);
    expect(building('bld-xfl-2').gridId).toBe('grid-3');
    expect((await org(admin, 'saveBuilding', edit('grid-1'))).ok).toBe(true);
    expect(building('bld-xfl-2').gridId).toBe('grid-1');
  });

  test('refuses an unknown grid or a grid of another community, writing nothing', async () => {
    f.insert('grids', [
      { _id: 'grid-other', communityId: OTHER, name: '东湖网格', createdAt: new Date(), updatedAt: new Date() },
    ]);
    await expectRefused(f, admin, 'saveBuilding', edit('grid-x'), 'NOT_FOUND', 'org.grid-not-found');
    await expectRefused(f, admin, 'saveBuilding', edit('grid-other'), 'NOT_FOUND', 'org.grid-not-found');
    expect(building('bld-xfl-2').gridId).toBe('grid-1');
  });
});
