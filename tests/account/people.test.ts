/**
 * account.listPeople: admins see everyone with a role in their community, phones in full;
 * building and estate leaders see only their buildings' residents, phones masked.
 */
import { PersonPage } from '../../types/account';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import { expectError, expectOk, fullPhonesIn } from './helpers';
import { addMembers } from '../wish/helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const list = (openid: string | null, data: object) => f.call(openid, 'account', 'listPeople', data);

/** Every person of a community as the caller may page through it. */
async function everyone(openid: string, data: object) {
  const items: PersonPage['items'] = [];
  let cursor: string | undefined;
  for (;;) {
    const page: PersonPage = expectOk(
      await list(openid, { ...data, ...(cursor === undefined ? {} : { cursor }), limit: 50 }),
      PersonPage,
    );
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
}

describe('account.listPeople', () => {
  test('shows an admin everyone with a role in the community, with all their roles and phones in full', async () => {
    const people = await everyone(demoPersonas.admin, { communityId: DEMO });
    const roleCount = f.find('roles', { communityId: DEMO }).length;
    expect(people.flatMap((p) => p.roles)).toHaveLength(roleCount);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(people.find((p) => p.id === 'user-leader')).toMatchObject({
      name: '陈志强',
      phone: '13810000003',
      roles: [
        expect.objectContaining({ kind: 'building_leader', buildingId: 'bld-xfl-1' }),
        expect.objectContaining({ kind: 'member', memberType: 'retired' }),
        expect.objectContaining({ kind: 'resident', householdId: 'hh-xfl-1-201' }),
      ],
    });
    expect(people.some((p) => p.id === 'user-other-admin' || p.id === 'user-newcomer')).toBe(false);
  });

  test('pages with a cursor, and nextCursor is null on the last page', async () => {
    const first = expectOk(await list(demoPersonas.admin, { communityId: DEMO, limit: 5 }), PersonPage);
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, limit: 5, cursor: first.nextCursor! }),
      PersonPage,
    );
    expect(second.items.map((p) => p.id)).not.toContain(first.items[0]!.id);
    const all = await everyone(demoPersonas.admin, { communityId: DEMO });
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
  });

  test('filters by a part of the name and by role kind', async () => {
    const byName = expectOk(await list(demoPersonas.admin, { communityId: DEMO, query: '秀英' }), PersonPage);
    expect(byName.items.map((p) => p.name)).toContain('张秀英');
    expect(byName.items.every((p) => p.name.includes('秀英'))).toBe(true);
    const leaders = expectOk(
      await list(demoPersonas.admin, { communityId: DEMO, roleKind: 'building_leader' }),
      PersonPage,
    );
    expect(leaders.items).toHaveLength(2);
    expect(leaders.items.every((p) => p.roles.some((r) => r.kind === 'building_leader'))).toBe(true);
  });

  test("shows a building leader only their building's residents, with no other person's phone in full", async () => {
    const people = await everyone(demoPersonas.leader, { communityId: DEMO });
    const expected = new Set(
      f.find('roles', { kind: 'resident', buildingId: 'bld-xfl-1' }).map((r) => r.userId as string),
    );
    expect(new Set(people.map((p) => p.id))).toEqual(expected);
    expect(people.flatMap((p) => p.roles).every((r) => r.kind === 'resident' && r.buildingId === 'bld-xfl-1')).toBe(
      true,
    );
    expect(people.find((p) => p.id === 'user-resident')).toMatchObject({ name: '张秀英', phone: '138****0006' });
    expect(fullPhonesIn(people)).toEqual(['13810000003']); // the leader's own
  });

  test("shows an estate's Party secretary the residents of every building in the estate, masked", async () => {
    const people = await everyone(demoPersonas.estateLeader, { communityId: DEMO });
    const buildings = new Set(people.flatMap((p) => p.roles).map((r) => r.buildingId));
    expect(buildings).toEqual(new Set(['bld-xfl-1', 'bld-xfl-2', 'bld-xfl-3']));
    expect(fullPhonesIn(people)).toEqual(['13810000002']);
  });

  test('refuses a resident, a Party member, a liaison and a caller without a profile as FORBIDDEN', async () => {
    for (const openid of [demoPersonas.resident, demoPersonas.member, demoPersonas.liaison, 'no-profile-yet']) {
      expectError(await list(openid, { communityId: DEMO }), 'FORBIDDEN', 'people.not-allowed');
    }
  });

  test("refuses each community's admin and leaders the other community as FORBIDDEN", async () => {
    expectError(await list(otherPersonas.admin, { communityId: DEMO }), 'FORBIDDEN', 'people.not-allowed');
    expectError(await list(demoPersonas.admin, { communityId: OTHER }), 'FORBIDDEN', 'people.not-allowed');
    expectError(await list(demoPersonas.leader, { communityId: OTHER }), 'FORBIDDEN', 'people.not-allowed');
    const own = expectOk(await list(otherPersonas.admin, { communityId: OTHER }), PersonPage);
    expect(own.items.map((p) => [p.name, p.phone])).toEqual([
      ['孔令辉', '13700000002'],
      ['钱晓红', '13700000001'],
    ]);
  });

  test('refuses a bad limit, an unknown role kind or an extra field as VALIDATION, and writes nothing', async () => {
    for (const data of [
      { communityId: DEMO, limit: 0 },
      { communityId: DEMO, roleKind: 'king' },
      { communityId: DEMO, showPhones: true },
      {},
    ]) {
      expectError(await f.expectNothingWritten(() => list(demoPersonas.admin, data)), 'VALIDATION', 'input.invalid');
    }
  });

  test('refuses an anonymous caller as UNAUTHENTICATED', async () => {
    expectError(await list(null, { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('account.listPeople paged in the database', () => {
  test('pages of a large community come in (name, id) order from the database, each page the same number of requests, and a person added after the cursor meanwhile is met on a later page, none repeated', async () => {
    addMembers(f, 120, 'pp');
    const names: string[] = [];
    const requests: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      const { result, requests: n } = await f.requestsOf(() =>
        list(demoPersonas.admin, { communityId: DEMO, limit: 10, ...(cursor === undefined ? {} : { cursor }) }),
      );
      const body: PersonPage = expectOk(result, PersonPage);
      if (page === 3) addMembers(f, 1, 'zz');
      names.push(...body.items.map((p) => `${p.name}\u0000${p.id}`));
      if (body.nextCursor === null) break;
      requests.push(n);
      cursor = body.nextCursor;
    }
    expect(new Set(requests).size).toBe(1);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => n.includes('user-zz-0'))).toBe(true);
  });
});
