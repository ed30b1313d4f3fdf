/**
 * The demo community `npm start` seeds into an empty data directory, written through the real
 * SDK like any function would: 和平街道 → 幸福里社区 → two estates, six buildings, sixty
 * households with floor areas, residents, fifteen Party members (ten in office, from three
 * work units), the three councils, two building leaders, two estate Party secretaries, one
 * admin and one liaison, three 网格 (grids) with a 网格员 and a 网格长 — and one newcomer with a binding request waiting for approval, and a
 * 街道 cadre (刘志强) who reads 和平街道's dashboards, granted by 幸福里's admin.
 * Deterministic: the same ids and names every time, so tests and docs can rely on them.
 */
import * as tcb from '@cloudbase/node-sdk';
import type {
  BindingRequestDoc,
  BuildingDoc,
  CommunityDoc,
  CouncilDoc,
  EstateDoc,
  GridDoc,
  HouseholdDoc,
  RoleDoc,
  StreetDoc,
  UserDoc,
  WorkUnitDoc,
} from '../../cloudfunctions/_shared/documents';
import { noRoleScope, roleId, undecidedBinding } from '../../cloudfunctions/_shared/documents';
import type { CouncilKind } from '../../types/org';

export const DEMO_COMMUNITY_ID = 'comm-xingfuli';
const STREET_ID = 'street-heping';

/** The people the persona switcher offers first, with their openids (stable for tests). */
export const demoPersonas = {
  admin: 'demo-admin',
  estateLeader: 'demo-estate-leader',
  leader: 'demo-leader',
  member: 'demo-member',
  liaison: 'demo-liaison',
  resident: 'demo-resident',
  councilChair: 'demo-council-chair',
  supervisor: 'demo-supervisor',
  newcomer: 'demo-newcomer',
  street: 'demo-street',
  streetAdmin: 'demo-street-admin',
  gridWorker: 'demo-grid-worker',
} as const;

interface Person {
  id: string;
  openid: string;
  name: string;
  phone: string;
  title: string;
  /** Household the person lives in (resident role); null for the newcomer and the 街道 cadre. */
  household: string | null;
}

const estates = [
  { id: 'estate-xfl', name: '幸福里小区', branch: '幸福里小区党支部', buildings: ['1号楼', '2号楼', '3号楼'] },
  { id: 'estate-hxjy', name: '和谐家园', branch: '和谐家园小区党支部', buildings: ['1号楼', '2号楼', '3号楼'] },
];
const rooms = ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502'];

function buildingId(estateIndex: number, buildingIndex: number): string {
  return `bld-${estateIndex === 0 ? 'xfl' : 'hxjy'}-${buildingIndex + 1}`;
}
function householdId(estateIndex: number, buildingIndex: number, room: string): string {
  return `hh-${estateIndex === 0 ? 'xfl' : 'hxjy'}-${buildingIndex + 1}-${room}`;
}
/** A deterministic floor area between 58 and 142 m², one decimal. */
function floorArea(n: number): number {
  return Math.round((58 + ((n * 37) % 85) + ((n * 7) % 10) / 10) * 10) / 10;
}

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'.split('');
const given = [
  '秀英',
  '桂兰',
  '建国',
  '志强',
  '玉梅',
  '海燕',
  '文华',
  '明',
  '丽',
  '小军',
  '晓东',
  '静',
  '磊',
  '婷',
  '国庆',
  '淑珍',
  '红霞',
  '伟',
  '芳',
  '德明',
  '春花',
  '永刚',
  '雪梅',
  '浩然',
  '子涵',
  '一鸣',
  '思远',
  '佳怡',
  '立新',
  '金凤',
];

/** The named people of the demo; everyone else gets a generated name. */
const named: Array<Omit<Person, 'id' | 'phone'> & { key: keyof typeof demoPersonas }> = [
  { key: 'admin', openid: demoPersonas.admin, name: '王红梅', title: '社区书记', household: householdId(0, 0, '101') },
  {
    key: 'estateLeader',
    openid: demoPersonas.estateLeader,
    name: '孙建华',
    title: '幸福里小区党支部书记',
    household: householdId(0, 1, '101'),
  },
  {
    key: 'leader',
    openid: demoPersonas.leader,
    name: '陈志强',
    title: '幸福里1号楼党小组长',
    household: householdId(0, 0, '201'),
  },
  {
    key: 'member',
    openid: demoPersonas.member,
    name: '李建国',
    title: '在职党员（市税务局第三分局）',
    household: householdId(0, 0, '302'),
  },
  {
    key: 'liaison',
    openid: demoPersonas.liaison,
    name: '刘芳',
    title: '报到单位联络员（市税务局第三分局）',
    household: householdId(0, 2, '401'),
  },
  {
    key: 'resident',
    openid: demoPersonas.resident,
    name: '张秀英',
    title: '居民（74岁）',
    household: householdId(0, 0, '102'),
  },
  {
    key: 'councilChair',
    openid: demoPersonas.councilChair,
    name: '赵德明',
    title: '业委会主任',
    household: householdId(0, 1, '202'),
  },
  {
    key: 'supervisor',
    openid: demoPersonas.supervisor,
    name: '周淑珍',
    title: '监事会主任',
    household: householdId(1, 0, '301'),
  },
  { key: 'newcomer', openid: demoPersonas.newcomer, name: '马晓东', title: '新住户（未绑定）', household: null },
  { key: 'street', openid: demoPersonas.street, name: '刘志强', title: '和平街道工作人员', household: null },
  { key: 'streetAdmin', openid: demoPersonas.streetAdmin, name: '钱卫东', title: '和平街道管理员', household: null },
  // A community worker, not a resident: looks after 第一网格 (幸福里 1号楼 and 2号楼).
  { key: 'gridWorker', openid: demoPersonas.gridWorker, name: '吴晓燕', title: '第一网格网格员', household: null },
];

/**
 * The community's 网格 (grids): every building in exactly one. 第一网格 is 幸福里 1–2号楼, 第二网格
 * 幸福里 3号楼 and 和谐家园 1号楼, 第三网格 和谐家园 2–3号楼.
 */
export const demoGrids: ReadonlyArray<{ id: string; name: string; buildings: readonly string[] }> = [
  { id: 'grid-1', name: '第一网格', buildings: ['bld-xfl-1', 'bld-xfl-2'] },
  { id: 'grid-2', name: '第二网格', buildings: ['bld-xfl-3', 'bld-hxjy-1'] },
  { id: 'grid-3', name: '第三网格', buildings: ['bld-hxjy-2', 'bld-hxjy-3'] },
];

export interface DemoData {
  street: StreetDoc;
  community: CommunityDoc;
  estates: EstateDoc[];
  buildings: BuildingDoc[];
  grids: GridDoc[];
  households: HouseholdDoc[];
  councils: CouncilDoc[];
  workUnits: WorkUnitDoc[];
  users: UserDoc[];
  roles: RoleDoc[];
  bindingRequests: BindingRequestDoc[];
}

/** Builds the demo documents (pure; `seedDemoCommunity` writes them). */
export function buildDemoData(now: Date): DemoData {
  const street: StreetDoc = { _id: STREET_ID, name: '和平街道' };
  const community: CommunityDoc = {
    _id: DEMO_COMMUNITY_ID,
    streetId: STREET_ID,
    name: '幸福里社区',
    address: '和平街道幸福路88号',
    createdAt: now,
    updatedAt: now,
  };
  const estateDocs: EstateDoc[] = estates.map((e) => ({
    _id: e.id,
    communityId: DEMO_COMMUNITY_ID,
    name: e.name,
    partyBranchName: e.branch,
    createdAt: now,
    updatedAt: now,
  }));
  const buildings: BuildingDoc[] = [];
  const households: HouseholdDoc[] = [];
  let n = 0;
  estates.forEach((estate, ei) =>
    estate.buildings.forEach((name, bi) => {
      buildings.push({
        _id: buildingId(ei, bi),
        communityId: DEMO_COMMUNITY_ID,
        estateId: estate.id,
        name,
        partyGroupName: `${estate.name}${name}党小组`,
        gridId: demoGrids.find((grid) => grid.buildings.includes(buildingId(ei, bi)))!.id,
        createdAt: now,
        updatedAt: now,
      });
      for (const room of rooms) {
        households.push({
          _id: householdId(ei, bi, room),
          communityId: DEMO_COMMUNITY_ID,
          estateId: estate.id,
          buildingId: buildingId(ei, bi),
          room: `${bi + 1}-${room}`,
          floorArea: floorArea(++n),
          isPartyCenter: false,
          createdAt: now,
          updatedAt: now,
        });
      }
    }),
  );
  const grids: GridDoc[] = demoGrids.map((grid) => ({
    _id: grid.id,
    communityId: DEMO_COMMUNITY_ID,
    name: grid.name,
    createdAt: now,
    updatedAt: now,
  }));
  const councilKinds: Array<[CouncilKind, string]> = [
    ['owners', '幸福里社区业主委员会'],
    ['deliberation', '幸福里社区居民议事会'],
    ['supervisory', '幸福里社区监事会'],
  ];
  const councils: CouncilDoc[] = councilKinds.map(([kind, name]) => ({
    _id: `council-xingfuli-${kind}`,
    communityId: DEMO_COMMUNITY_ID,
    kind,
    name,
  }));

  // People: the named ones, then one resident in most other households.
  const people: Person[] = named.map((p, i) => ({
    id: `user-${p.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    openid: p.openid,
    name: p.name,
    phone: `138${String(10000001 + i).padStart(8, '0')}`,
    title: p.title,
    household: p.household,
  }));
  const taken = new Set(people.map((p) => p.household));
  const names = new Set(people.map((p) => p.name));
  let g = 0;
  let k = 0;
  const nextName = () => {
    // Walk the surname × given-name grid; names stay unique so personas are unambiguous.
    for (;;) {
      const name = `${surnames[(k * 7) % surnames.length]}${given[(k * 11) % given.length]}`;
      k++;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  households.forEach((h, i) => {
    if (taken.has(h._id) || i % 7 === 6) return; // a few flats stay empty
    const name = nextName();
    people.push({
      id: `user-r${String(g + 1).padStart(3, '0')}`,
      openid: `demo-r${String(g + 1).padStart(3, '0')}`,
      name,
      phone: `139${String(20000001 + g).padStart(8, '0')}`,
      title: '居民',
      household: h._id,
    });
    g++;
  });

  const workUnits: WorkUnitDoc[] = [
    {
      _id: 'wu-tax',
      name: '市税务局第三分局',
      partyOrgName: '市税务局第三分局机关党委',
      contactPhone: '0571-88000001',
      liaisonUserId: 'user-liaison',
    },
    {
      _id: 'wu-hospital',
      name: '区人民医院',
      partyOrgName: '区人民医院党委',
      contactPhone: '0571-88000002',
      liaisonUserId: null,
    },
    {
      _id: 'wu-school',
      name: '和平小学',
      partyOrgName: '和平小学党支部',
      contactPhone: '0571-88000003',
      liaisonUserId: null,
    },
  ].map((w) => ({ ...w, communityId: DEMO_COMMUNITY_ID, createdAt: now, updatedAt: now }));

  const byId = new Map(people.map((p) => [p.id, p]));
  const hh = new Map(households.map((h) => [h._id, h]));
  const bld = new Map(buildings.map((b) => [b._id, b]));
  const est = new Map(estateDocs.map((e) => [e._id, e]));
  const householdLabel = (id: string) => {
    const h = hh.get(id)!;
    return `${est.get(h.estateId)!.name} · ${bld.get(h.buildingId)!.name} · ${h.room}`;
  };

  const roles: RoleDoc[] = [];
  const role = (userId: string, kind: RoleDoc['kind'], scopeId: string, scope: Partial<RoleDoc>, scopeLabel: string) =>
    roles.push({
      _id: roleId(kind, userId, scopeId),
      userId,
      kind,
      communityId: DEMO_COMMUNITY_ID,
      ...noRoleScope,
      grantedBy: 'user-admin',
      grantedAt: now,
      ...scope,
      scopeLabel,
    });

  for (const p of people) {
    if (!p.household) continue;
    const h = hh.get(p.household)!;
    role(
      p.id,
      'resident',
      h._id,
      { estateId: h.estateId, buildingId: h.buildingId, householdId: h._id },
      householdLabel(h._id),
    );
  }
  role('user-admin', 'admin', DEMO_COMMUNITY_ID, {}, '幸福里社区');
  role('user-estate-leader', 'estate_leader', 'estate-xfl', { estateId: 'estate-xfl' }, '幸福里小区');
  role(
    'user-leader',
    'building_leader',
    'bld-xfl-1',
    { estateId: 'estate-xfl', buildingId: 'bld-xfl-1' },
    '幸福里小区 · 1号楼',
  );

  // A second estate Party secretary and building leader from the generated residents.
  const residentsOf = (estateId: string) =>
    people.filter((p) => p.id.startsWith('user-r') && p.household && hh.get(p.household)!.estateId === estateId);
  const hxjy = residentsOf('estate-hxjy');
  const xfl = residentsOf('estate-xfl');
  const hxjySecretary = hxjy[0]!;
  const hxjyLeader = hxjy.find((p) => hh.get(p.household!)!.buildingId === 'bld-hxjy-2')!;
  hxjySecretary.title = '和谐家园小区党支部书记';
  hxjyLeader.title = '和谐家园2号楼党小组长';
  role(hxjySecretary.id, 'estate_leader', 'estate-hxjy', { estateId: 'estate-hxjy' }, '和谐家园');
  role(
    hxjyLeader.id,
    'building_leader',
    'bld-hxjy-2',
    { estateId: 'estate-hxjy', buildingId: 'bld-hxjy-2' },
    '和谐家园 · 2号楼',
  );

  // Fifteen Party members: ten in office from three units, four retired, one mobile.
  const inOffice: Array<[string, string]> = [
    ['user-member', 'wu-tax'],
    ['user-liaison', 'wu-tax'],
    [xfl[1]!.id, 'wu-tax'],
    [hxjy[2]!.id, 'wu-tax'],
    [xfl[3]!.id, 'wu-hospital'],
    [xfl[4]!.id, 'wu-hospital'],
    [hxjy[3]!.id, 'wu-hospital'],
    [xfl[5]!.id, 'wu-school'],
    [hxjy[4]!.id, 'wu-school'],
    [hxjy[5]!.id, 'wu-school'],
  ];
  const unitName = new Map(workUnits.map((w) => [w._id, w.name]));
  for (const [userId, unit] of inOffice) {
    role(
      userId,
      'member',
      DEMO_COMMUNITY_ID,
      { memberType: 'in_office', workUnitId: unit },
      `在职党员 · ${unitName.get(unit)}`,
    );
    const p = byId.get(userId)!;
    if (p.title === '居民') p.title = `在职党员（${unitName.get(unit)}）`;
  }
  for (const userId of ['user-leader', 'user-estate-leader', hxjySecretary.id, hxjyLeader.id]) {
    role(userId, 'member', DEMO_COMMUNITY_ID, { memberType: 'retired' }, '退休党员');
  }
  role(xfl[6]!.id, 'member', DEMO_COMMUNITY_ID, { memberType: 'mobile' }, '流动党员');
  byId.get(xfl[6]!.id)!.title = '流动党员';
  role('user-liaison', 'liaison', 'wu-tax', { workUnitId: 'wu-tax' }, '市税务局第三分局');
  // The 街道 cadre: reads the street's dashboards; home community 幸福里; granted by the street admin.
  role('user-street', 'street_viewer', STREET_ID, { streetId: STREET_ID, grantedBy: 'user-street-admin' }, street.name);
  // The 街道管理员: set up by the platform (never granted in the app); grants and revokes the
  // street's viewers. Home community 幸福里, where the role is listed.
  role('user-street-admin', 'street_admin', STREET_ID, { streetId: STREET_ID, grantedBy: null }, street.name);

  // 网格: 吴晓燕 is 第一网格's 网格员; its 网格长 is a Party member living in it.
  role('user-grid-worker', 'grid_worker', 'grid-1', { gridId: 'grid-1' }, '第一网格');
  const gridLeader = xfl[1]!;
  role(gridLeader.id, 'grid_leader', 'grid-1', { gridId: 'grid-1' }, '第一网格');
  gridLeader.title = '第一网格网格长（在职党员）';

  // 三会: a chair and two members each.
  const councilSeats: Array<[CouncilKind, string[]]> = [
    ['owners', ['user-council-chair', xfl[7]!.id, hxjy[6]!.id]],
    ['deliberation', [xfl[8]!.id, hxjy[7]!.id, 'user-resident']],
    ['supervisory', ['user-supervisor', xfl[9]!.id, hxjy[8]!.id]],
  ];
  for (const [kind, seats] of councilSeats) {
    const council = councils.find((c) => c.kind === kind)!;
    seats.forEach((userId, i) => {
      const position = i === 0 ? 'chair' : 'member';
      role(
        userId,
        'council_member',
        council._id,
        { councilId: council._id, councilKind: kind, position },
        `${council.name}${i === 0 ? '主任' : '成员'}`,
      );
      const p = byId.get(userId)!;
      if (p.title === '居民') p.title = `${council.name.replace('幸福里社区', '')}${i === 0 ? '主任' : '成员'}`;
    });
  }
  // 党员中心户: the flats of the Party members who volunteer as centres.
  for (const userId of ['user-leader', 'user-estate-leader', hxjySecretary.id, 'user-member']) {
    const h = hh.get(byId.get(userId)!.household!)!;
    h.isPartyCenter = true;
  }

  const personaKeys = new Set<string>(Object.values(demoPersonas));
  // 政治面貌: whoever holds a Party member role, or a Party post by title, has declared 中共党员.
  const partyMembers = new Set(roles.filter((r) => r.kind === 'member').map((r) => r.userId));
  const users: UserDoc[] = people.map((p, i) => ({
    _id: p.id,
    openid: p.openid,
    name: p.name,
    phone: p.phone,
    avatarUrl: null,
    ...(partyMembers.has(p.id) || p.title.includes('党') || p.title.includes('书记') ? { partyMember: true } : {}),
    title: p.title,
    personaOrder: personaKeys.has(p.openid) ? i : 100 + i,
    createdAt: now,
    updatedAt: now,
  }));

  const newcomer = byId.get('user-newcomer')!;
  const target = hh.get(householdId(1, 2, '502'))!;
  const bindingRequests: BindingRequestDoc[] = [
    {
      _id: 'bind-demo-newcomer',
      userId: newcomer.id,
      userName: newcomer.name,
      communityId: DEMO_COMMUNITY_ID,
      estateId: target.estateId,
      buildingId: target.buildingId,
      householdId: target._id,
      householdLabel: householdLabel(target._id),
      relation: 'tenant',
      ...undecidedBinding(now),
    },
  ];

  return {
    street,
    community,
    estates: estateDocs,
    buildings,
    grids,
    households,
    councils,
    workUnits,
    users,
    roles,
    bindingRequests,
  };
}

/** Writes the demo through the SDK (in batches); returns how many documents of each kind. */
export async function seedDemoCommunity(envId: string, now: Date = new Date()): Promise<Record<string, number>> {
  const db = tcb.init({ env: envId }).database();
  const data = buildDemoData(now);
  const batches: Array<[string, Array<{ _id: string }>]> = [
    ['streets', [data.street]],
    ['communities', [data.community]],
    ['estates', data.estates],
    ['buildings', data.buildings],
    ['grids', data.grids],
    ['households', data.households],
    ['councils', data.councils],
    ['work_units', data.workUnits],
    ['users', data.users],
    ['roles', data.roles],
    ['binding_requests', data.bindingRequests],
  ];
  const counts: Record<string, number> = {};
  for (const [collection, docs] of batches) {
    for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add(docs.slice(i, i + 100));
    counts[collection] = docs.length;
  }
  await db.collection('locks').add([
    {
      _id: `binding:user-newcomer:${data.bindingRequests[0]!.householdId}`,
      holder: 'bind-demo-newcomer',
      createdAt: now,
    },
  ]);
  return counts;
}
