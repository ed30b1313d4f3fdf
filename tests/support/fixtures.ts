/**
 * Fixtures for server tests: a test server seeded with the demo community (幸福里社区, see
 * emulator/seed/demo-community.ts) plus a second, small community (东湖社区, same street 和平街道)
 * with its own admin, so every action can be tested for scope ("an admin of A cannot touch B").
 * On request (`seedOtherStreet`), a community in another street (阳光街道 · 朝阳社区). And a way
 * to prove that a refused call wrote nothing.
 */
import { EJSON } from 'bson';
import { buildDemoData, demoPersonas, seedDemoCommunity } from '../../emulator/seed/demo-community';
import { roleId } from '../../cloudfunctions/_shared/documents';
import collectionsFile from '../../database/collections.json';
import { startTestServer, type TestServer } from './in-process-server';

export { demoPersonas };
export const DEMO = 'comm-xingfuli';
export const OTHER = 'comm-donghu';

/** Openids of the second community's people. */
export const otherPersonas = { admin: 'other-admin', resident: 'other-resident' } as const;

/** The community in another street (`seedOtherStreet`) and its people: an admin and a person without a role. */
export const FAR = 'comm-chaoyang';
export const FAR_STREET = 'street-yangguang';
export const farPersonas = { admin: 'far-admin', person: 'far-person', streetAdmin: 'far-street-admin' } as const;

export interface Fixture {
  server: TestServer;
  /** Calls `area.action` as `openid` (null = anonymous); returns the envelope. */
  call(openid: string | null, area: string, action: string, data?: unknown): Promise<any>;
  /** Every document of every collection, for before/after comparisons. */
  dump(): Record<string, unknown[]>;
  /** Runs `fn` and asserts that no collection changed. Returns what fn returned. */
  expectNothingWritten<T>(fn: () => Promise<T>): Promise<T>;
  /** Reads documents through the database protocol (bypassing functions). */
  find(collection: string, query?: Record<string, unknown>): Record<string, any>[];
  /** Writes documents straight into a collection (bypassing functions), e.g. a history to count. */
  insert(collection: string, docs: object[]): void;
  stop(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  const server = await startTestServer();
  await seedDemoCommunity('local-dev', new Date('2026-11-01T02:00:00Z'));
  await seedOtherCommunity(server);

  const find = (collection: string, query: Record<string, unknown> = {}) => {
    const reply = server.db.handle({
      action: 'database.getDocument',
      collectionName: collection,
      queryType: 'WHERE',
      query: EJSON.stringify(query, { relaxed: false }),
      limit: 1000,
    }) as { data?: { list?: string[] }; code?: string; message?: string };
    if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
    return (reply.data?.list ?? []).map((s) => EJSON.parse(s) as Record<string, any>);
  };
  const insert = (collection: string, docs: object[]) => {
    const reply = server.db.handle({
      action: 'database.insertDocument',
      collectionName: collection,
      data: docs.map((d) => EJSON.stringify(d, { relaxed: false })),
    }) as { code?: string; message?: string };
    if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
  };
  const dump = () => {
    const out: Record<string, unknown[]> = {};
    for (const name of Object.keys(collectionsFile.collections)) out[name] = find(name);
    return out;
  };
  return {
    server,
    call: async (openid, area, action, data = {}) => (await server.callAs(openid, area, action, data)).body,
    dump,
    find,
    insert,
    async expectNothingWritten<T>(fn: () => Promise<T>): Promise<T> {
      const before = JSON.stringify(dump());
      const result = await fn();
      expect(JSON.stringify(dump())).toBe(before);
      return result;
    },
    stop: () => server.stop(),
  };
}

/** 东湖社区: one estate, one building, two households, an admin and a resident. */
async function seedOtherCommunity(server: TestServer): Promise<void> {
  const now = new Date('2026-11-01T02:00:00Z');
  const demo = buildDemoData(now);
  const add = (collection: string, docs: object[]) =>
    server.db.handle({
      action: 'database.insertDocument',
      collectionName: collection,
      data: docs.map((d) => EJSON.stringify(d, { relaxed: false })),
    });
  add('communities', [
    { _id: OTHER, streetId: demo.street._id, name: '东湖社区', address: '和平街道东湖路1号', updatedAt: now },
  ]);
  add('estates', [
    {
      _id: 'estate-dh',
      communityId: OTHER,
      name: '东湖花园',
      partyBranchName: '东湖花园党支部',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  add('buildings', [
    {
      _id: 'bld-dh-1',
      communityId: OTHER,
      estateId: 'estate-dh',
      name: '1号楼',
      partyGroupName: '东湖花园1号楼党小组',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  add(
    'households',
    ['1-101', '1-102'].map((room) => ({
      _id: `hh-dh-1-${room.slice(2)}`,
      communityId: OTHER,
      estateId: 'estate-dh',
      buildingId: 'bld-dh-1',
      room,
      floorArea: 88.5,
      isPartyCenter: false,
      createdAt: now,
      updatedAt: now,
    })),
  );
  add('councils', [
    { _id: 'council-donghu-owners', communityId: OTHER, kind: 'owners', name: '东湖社区业主委员会' },
    { _id: 'council-donghu-deliberation', communityId: OTHER, kind: 'deliberation', name: '东湖社区居民议事会' },
    { _id: 'council-donghu-supervisory', communityId: OTHER, kind: 'supervisory', name: '东湖社区监事会' },
  ]);
  add('users', [
    {
      _id: 'user-other-admin',
      openid: otherPersonas.admin,
      name: '钱晓红',
      phone: '13700000001',
      avatarUrl: null,
      createdAt: now,
      updatedAt: now,
    },
    {
      _id: 'user-other-resident',
      openid: otherPersonas.resident,
      name: '孔令辉',
      phone: '13700000002',
      avatarUrl: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const base = {
    estateId: null,
    buildingId: null,
    householdId: null,
    councilId: null,
    councilKind: null,
    position: null,
    workUnitId: null,
    memberType: null,
    grantedBy: null,
    grantedAt: now,
  };
  add('roles', [
    {
      ...base,
      _id: roleId('admin', 'user-other-admin', OTHER),
      userId: 'user-other-admin',
      kind: 'admin',
      communityId: OTHER,
      scopeLabel: '东湖社区',
    },
    {
      ...base,
      _id: roleId('resident', 'user-other-resident', 'hh-dh-1-101'),
      userId: 'user-other-resident',
      kind: 'resident',
      communityId: OTHER,
      estateId: 'estate-dh',
      buildingId: 'bld-dh-1',
      householdId: 'hh-dh-1-101',
      scopeLabel: '东湖花园 · 1号楼 · 1-101',
    },
  ]);
}

/**
 * 阳光街道 · 朝阳社区 (one estate, one building), its admin 吴国平 and 郑小雨, who holds no role —
 * for tests about streets ("a street viewer of 阳光 cannot read 和平"). Not seeded by default, so
 * tests that count communities are unaffected.
 */
export function seedOtherStreet(f: Fixture): void {
  const now = new Date('2026-11-01T02:00:00Z');
  const add = (collection: string, docs: object[]) => {
    const reply = f.server.db.handle({
      action: 'database.insertDocument',
      collectionName: collection,
      data: docs.map((d) => EJSON.stringify(d, { relaxed: false })),
    }) as { code?: string; message?: string };
    if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
  };
  add('streets', [{ _id: FAR_STREET, name: '阳光街道' }]);
  add('communities', [
    { _id: FAR, streetId: FAR_STREET, name: '朝阳社区', address: '阳光街道朝阳路9号', updatedAt: now },
  ]);
  add('estates', [
    {
      _id: 'estate-cy',
      communityId: FAR,
      name: '朝阳小区',
      partyBranchName: '朝阳小区党支部',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  add('buildings', [
    {
      _id: 'bld-cy-1',
      communityId: FAR,
      estateId: 'estate-cy',
      name: '1号楼',
      partyGroupName: '朝阳小区1号楼党小组',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const user = (id: string, openid: string, name: string, phone: string) => ({
    _id: id,
    openid,
    name,
    phone,
    avatarUrl: null,
    createdAt: now,
    updatedAt: now,
  });
  add('users', [
    user('user-far-admin', farPersonas.admin, '吴国平', '13700000011'),
    user('user-far-person', farPersonas.person, '郑小雨', '13700000012'),
  ]);
  add('roles', [
    {
      _id: roleId('admin', 'user-far-admin', FAR),
      userId: 'user-far-admin',
      kind: 'admin',
      communityId: FAR,
      estateId: null,
      buildingId: null,
      householdId: null,
      councilId: null,
      councilKind: null,
      position: null,
      workUnitId: null,
      memberType: null,
      streetId: null,
      scopeLabel: '朝阳社区',
      grantedBy: null,
      grantedAt: now,
    },
  ]);
}

/**
 * 阳光街道's street admin 欧阳平 (set up by the platform, as the demo's 钱卫东 is for 和平街道), at
 * home in 朝阳社区. Call after seedOtherStreet.
 */
export function seedFarStreetAdmin(f: Fixture): void {
  const now = new Date('2026-11-01T02:00:00Z');
  f.insert('users', [
    {
      _id: 'user-far-street-admin',
      openid: farPersonas.streetAdmin,
      name: '欧阳平',
      phone: '13700000013',
      avatarUrl: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  f.insert('roles', [
    {
      _id: roleId('street_admin', 'user-far-street-admin', FAR_STREET),
      userId: 'user-far-street-admin',
      kind: 'street_admin',
      communityId: FAR,
      estateId: null,
      buildingId: null,
      householdId: null,
      councilId: null,
      councilKind: null,
      position: null,
      workUnitId: null,
      memberType: null,
      streetId: FAR_STREET,
      scopeLabel: '阳光街道',
      grantedBy: null,
      grantedAt: now,
    },
  ]);
}
