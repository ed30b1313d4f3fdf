/**
 * Fixtures for server tests: a test server seeded with the demo community (幸福里社区, see
 * emulator/seed/demo-community.ts) plus a second, small community (东湖社区, same street 和平街道)
 * with its own admin, so every action can be tested for scope ("an admin of A cannot touch B").
 * On request (`seedOtherStreet`), a community in another street (阳光街道 · 朝阳社区). And a way
 * to prove that a refused call wrote nothing.
 */
import { EJSON } from 'bson';
import { buildDemoData, demoPersonas, seedDemoCommunity } from '../../emulator/seed/demo-community';
import collectionsFile from '../../database/collections.json';
import {
  aBuilding,
  aCommunity,
  aCouncil,
  aHousehold,
  anEstate,
  aRole,
  aStreet,
  aUser,
  DONGHU,
  FIXTURE_NOW,
} from './factories';
import { startTestServer, type TestServer } from './in-process-server';
import type { RoleDoc, UserDoc } from '../../cloudfunctions/_shared/documents';

export { demoPersonas };
export const DEMO = 'comm-xingfuli';
export const OTHER = DONGHU.community;

/** Openids of the second community's people. */
export const otherPersonas = { admin: 'other-admin', resident: 'other-resident' } as const;

/** The community in another street (`seedOtherStreet`) and its people: an admin and a person without a role. */
/** The demo community's buildings as an import file names them: [estate, building, the building's id]. */
export const demoBuildings: ReadonlyArray<readonly [estate: string, building: string, id: string]> = (() => {
  const demo = buildDemoData(FIXTURE_NOW);
  return demo.buildings.map((b) => [demo.estates.find((e) => e._id === b.estateId)!.name, b.name, b._id] as const);
})();

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
  /** Runs `fn` and counts the database requests it made. */
  requestsOf<T>(fn: () => Promise<T>): Promise<{ result: T; requests: number }>;
  /** Counts the database requests of a call that must succeed (its envelope `ok`). */
  okRequestsOf(call: () => Promise<unknown>): Promise<number>;
  /** Sets fields of one stored document (bypassing functions), e.g. to back-date it. */
  update(collection: string, id: string, fields: Record<string, unknown>): void;
  stop(): Promise<void>;
}

/**
 * The fixture of a test file: started, then `seeds` run on it in order, before the file's tests;
 * stopped after them. The returned handle forwards to the started fixture, so a file writes
 * `const f = fileFixture(seedOtherStreet);` and uses `f` inside its tests and hooks.
 */
export function fileFixture(...seeds: Array<(f: Fixture) => void>): Fixture {
  let started: Fixture | undefined;
  beforeAll(async () => {
    started = await startFixture();
    for (const seed of seeds) seed(started);
  });
  afterAll(() => started?.stop());
  return new Proxy({} as Fixture, {
    get(_target, key) {
      if (!started) throw new Error(`fixture.${String(key)} used before the fixture started (outside a test or hook)`);
      const value: unknown = Reflect.get(started, key, started);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

export async function startFixture(): Promise<Fixture> {
  const server = await startTestServer();
  await seedDemoCommunity('local-dev', FIXTURE_NOW);
  seedOtherCommunity(server);

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
  const insert = (collection: string, docs: object[]) => insertInto(server, collection, docs);
  const update = (collection: string, id: string, fields: Record<string, unknown>) => {
    const reply = server.db.handle({
      action: 'database.modifyDocument',
      collectionName: collection,
      queryType: 'WHERE',
      query: EJSON.stringify({ _id: id }, { relaxed: false }),
      data: EJSON.stringify({ $set: fields }, { relaxed: false }),
      multi: false,
      upsert: false,
      merge: true,
    }) as { code?: string; message?: string };
    if (reply.code) throw new Error(`${reply.code}: ${reply.message}`);
  };
  const requestsOf = async <T>(fn: () => Promise<T>) => {
    const before = server.db.stats().requests;
    const result = await fn();
    return { result, requests: server.db.stats().requests - before };
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
    update,
    requestsOf,
    async okRequestsOf(call) {
      const { result, requests } = await requestsOf(call);
      const body = result as { ok: boolean; error?: unknown };
      if (!body.ok) throw new Error(JSON.stringify(body.error));
      return requests;
    },
    async expectNothingWritten<T>(fn: () => Promise<T>): Promise<T> {
      const before = JSON.stringify(dump());
      const result = await fn();
      expect(JSON.stringify(dump())).toBe(before);
      return result;
    },
    stop: () => server.stop(),
  };
}

/** The keys of the stored messages whose key starts with `prefix`, sorted. */
export function messageKeys(f: Pick<Fixture, 'find'>, prefix: string): string[] {
  return f
    .find('messages')
    .map((m) => m._id as string)
    .filter((id) => id.startsWith(prefix))
    .sort();
}

/** The audit entries of an action, newest first. */
export function auditOf(f: Fixture, action: string): Record<string, any>[] {
  return f.find('audit_log', { action }).sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
}

/**
 * Writes documents straight into a collection of a test server (bypassing functions), 1000 a
 * request (the benches seed tens of thousands).
 */
export function insertInto(server: Pick<TestServer, 'db'>, collection: string, docs: object[]): void {
  for (let i = 0; i < docs.length; i += 1000) {
    const reply = server.db.handle({
      action: 'database.insertDocument',
      collectionName: collection,
      data: docs.slice(i, i + 1000).map((d) => EJSON.stringify(d, { relaxed: false })),
    }) as { code?: string; message?: string };
    if (reply.code) throw new Error(`${collection}: ${reply.code}: ${reply.message}`);
  }
}

/** 东湖社区: one estate, one building, two households, an admin and a resident. */
function seedOtherCommunity(server: TestServer): void {
  const add = (collection: string, docs: object[]) => insertInto(server, collection, docs);
  add('communities', [aCommunity({ _id: OTHER, streetId: buildDemoData(FIXTURE_NOW).street._id })]);
  add('estates', [anEstate()]);
  add('buildings', [aBuilding()]);
  add(
    'households',
    ['1-101', '1-102'].map((room) => aHousehold({ _id: `hh-dh-1-${room.slice(2)}`, room })),
  );
  add('councils', [
    aCouncil({ _id: 'council-donghu-owners', kind: 'owners', name: '东湖社区业主委员会' }),
    aCouncil({ _id: 'council-donghu-deliberation', kind: 'deliberation', name: '东湖社区居民议事会' }),
    aCouncil({ _id: 'council-donghu-supervisory', kind: 'supervisory', name: '东湖社区监事会' }),
  ]);
  add('users', [
    aUser({ _id: 'user-other-admin', openid: otherPersonas.admin, name: '钱晓红', phone: '13700000001' }),
    aUser({ _id: 'user-other-resident', openid: otherPersonas.resident, name: '孔令辉', phone: '13700000002' }),
  ]);
  add('roles', [
    aRole({ kind: 'admin', userId: 'user-other-admin', communityId: OTHER, scopeLabel: '东湖社区' }),
    aRole({
      kind: 'resident',
      userId: 'user-other-resident',
      communityId: OTHER,
      estateId: DONGHU.estate,
      buildingId: DONGHU.building,
      householdId: DONGHU.household,
      scopeLabel: DONGHU.householdLabel,
    }),
  ]);
}

/**
 * 阳光街道 · 朝阳社区 (one estate, one building), its admin 吴国平 and 郑小雨, who holds no role —
 * for tests about streets ("a street viewer of 阳光 cannot read 和平"). Not seeded by default, so
 * tests that count communities are unaffected.
 */
export function seedOtherStreet(f: Fixture): void {
  const add = (collection: string, docs: object[]) => insertInto(f.server, collection, docs);
  add('streets', [aStreet({ _id: FAR_STREET, name: '阳光街道' })]);
  add('communities', [aCommunity({ _id: FAR, streetId: FAR_STREET, name: '朝阳社区', address: '阳光街道朝阳路9号' })]);
  add('estates', [anEstate({ _id: 'estate-cy', communityId: FAR, name: '朝阳小区' })]);
  add('buildings', [
    aBuilding({
      _id: 'bld-cy-1',
      communityId: FAR,
      estateId: 'estate-cy',
      partyGroupName: '朝阳小区1号楼党小组',
    }),
  ]);
  add('users', [
    aUser({ _id: 'user-far-admin', openid: farPersonas.admin, name: '吴国平', phone: '13700000011' }),
    aUser({ _id: 'user-far-person', openid: farPersonas.person, name: '郑小雨', phone: '13700000012' }),
  ]);
  add('roles', [aRole({ kind: 'admin', userId: 'user-far-admin', communityId: FAR, scopeLabel: '朝阳社区' })]);
}

/**
 * 阳光街道's street admin 欧阳平 (set up by the platform, as the demo's 钱卫东 is for 和平街道), at
 * home in 朝阳社区. Call after seedOtherStreet.
 */
export function seedFarStreetAdmin(f: Fixture): void {
  f.insert('users', [
    aUser({ _id: 'user-far-street-admin', openid: farPersonas.streetAdmin, name: '欧阳平', phone: '13700000013' }),
  ]);
  f.insert('roles', [
    aRole({
      kind: 'street_admin',
      userId: 'user-far-street-admin',
      communityId: FAR,
      streetId: FAR_STREET,
      scopeLabel: '阳光街道',
    }),
  ]);
}

/**
 * The file fixture of a test about streets: `seeds` first, then 阳光街道 · 朝阳社区
 * (`seedOtherStreet`) and its street admin (`seedFarStreetAdmin`).
 */
export function twoStreetsFixture(...seeds: Array<(f: Fixture) => void>): Fixture {
  return fileFixture(...seeds, seedOtherStreet, seedFarStreetAdmin);
}

/** Inserts `users`, each with the role `role` describes (as `aRole` builds it, for that user); returns their openids. */
export function insertPeople(
  f: Pick<Fixture, 'insert'>,
  users: UserDoc[],
  role: Omit<Partial<RoleDoc>, 'userId'> & Pick<RoleDoc, 'kind'>,
): string[] {
  f.insert('users', users);
  f.insert(
    'roles',
    users.map((u) => aRole({ ...role, userId: u._id })),
  );
  return users.map((u) => u.openid);
}
