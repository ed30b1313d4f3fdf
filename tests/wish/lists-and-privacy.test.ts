/**
 * The lists (wall, mine, review queue) and the detail, checked on the responses for what each
 * person may see: masked names and the estate only on every card; contact details only for
 * the poster, admins and the claimer while the claim stands. Plus filters, paging, scope and
 * the fixed number of database requests per wall page.
 */
import { encodeCursor } from '../../cloudfunctions/_shared/paging';
import { EJSON } from 'bson';
import { WishDetail, WishPage } from '../../types/wish';
import { DEMO, OTHER, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import {
  P,
  RESIDENT_LABEL,
  RESIDENT_PHONE,
  expectError,
  expectNoPrivateData,
  expectOk,
  fullPhonesIn,
  hxjyResident,
  otherMember,
  upload,
  wishIn,
  wishInput,
} from './helpers';

let f: Fixture;
const ids: Record<string, string> = {};

beforeAll(async () => {
  f = await startFixture();
  // Oldest first: the wall shows them newest first.
  ids.a = await wishIn(f, 'published', { input: { category: 'elderly', title: '需要一个助行器' } });
  ids.b = await wishIn(f, 'published', { input: { category: 'education', title: '孩子数学辅导' } });
  ids.c = await wishIn(f, 'published', { poster: hxjyResident, input: { category: 'living', title: '修理水龙头' } });
  const photo = await upload(f);
  ids.d = await wishIn(f, 'published', { input: { category: 'medical', title: '陪同去医院复查', photos: [photo] } });
  ids.claimed = await wishIn(f, 'claimed', { input: { title: '帮忙搬一个衣柜' } });
  ids.submitted = await wishIn(f, 'submitted', { input: { title: '想学用智能手机' } });
  ids.submittedHxjy = await wishIn(f, 'submitted', { poster: hxjyResident, input: { title: '楼下路灯不亮' } });
});
afterAll(() => f.stop());

const call = (openid: string | null, action: string, data: unknown) =>
  f.expectNothingWritten(() => f.call(openid, 'wish', action, data));
const page = async (openid: string, action: string, data: unknown) =>
  expectOk(await call(openid, action, data), WishPage);

describe('wish.wall', () => {
  test('published wishes of the community, newest first, masked names and estate only', async () => {
    const wall = await page(P.member, 'wall', { communityId: DEMO });
    expect(wall.items.map((w) => w.id)).toEqual([ids.d, ids.c, ids.b, ids.a]);
    expect(wall.nextCursor).toBeNull();
    expect(wall.items[0]).toMatchObject({
      state: 'published',
      posterName: '张*',
      estateName: '幸福里小区',
      claimerName: null,
      title: '陪同去医院复查',
    });
    expect(wall.items[0]!.photos).toEqual([{ fileId: expect.stringMatching(/^cloud:\/\//), url: expect.any(String) }]);
    expect(wall.items[0]!.photos[0]!.url).toMatch(/^http/);
    expect(wall.items.find((w) => w.id === ids.c)!.estateName).toBe('和谐家园');
    expectNoPrivateData(wall);
  });

  test('filters by category and estate, and pages', async () => {
    const edu = await page(P.resident, 'wall', { communityId: DEMO, category: 'education' });
    expect(edu.items.map((w) => w.id)).toEqual([ids.b]);
    const hxjy = await page(P.resident, 'wall', { communityId: DEMO, estateId: 'estate-hxjy' });
    expect(hxjy.items.map((w) => w.id)).toEqual([ids.c]);
    const first = await page(P.resident, 'wall', { communityId: DEMO, limit: 3 });
    expect(first.items.map((w) => w.id)).toEqual([ids.d, ids.c, ids.b]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(P.resident, 'wall', { communityId: DEMO, limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [expect.objectContaining({ id: ids.a })], nextCursor: null });
  });

  test('is for people with a role in the community: refused to others, both ways', async () => {
    expectError(await call(otherPersonas.admin, 'wall', { communityId: DEMO }), 'FORBIDDEN', 'wish.not-in-community');
    expectError(await call(P.admin, 'wall', { communityId: OTHER }), 'FORBIDDEN', 'wish.not-in-community');
    expectError(await call(P.newcomer, 'wall', { communityId: DEMO }), 'FORBIDDEN', 'wish.not-in-community');
    expectError(await call(null, 'wall', { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
    expectError(await call(P.member, 'wall', { communityId: DEMO, limit: 100 }), 'VALIDATION', 'input.invalid');
    expectError(await call(P.member, 'wall', { communityId: DEMO, category: 'party' }), 'VALIDATION', 'input.invalid');
    const other = await page(otherPersonas.resident, 'wall', { communityId: OTHER });
    expect(other.items).toEqual([]);
  });

  test('costs the same number of database requests per page with 7 wishes or with 600 more', async () => {
    const requestsFor = async (data: Record<string, unknown>) => {
      const before = f.server.db.stats().requests;
      expectOk(await f.call(P.member, 'wish', 'wall', data), WishPage);
      return f.server.db.stats().requests - before;
    };
    const small = [
      await requestsFor({ communityId: DEMO }),
      await requestsFor({ communityId: DEMO, category: 'elderly' }),
    ];
    const now = Date.now();
    const docs = Array.from({ length: 600 }, (_, i) => ({
      ...f.find('wishes', { _id: ids.a })[0],
      _id: `bulk-${i}`,
      estateId: i % 2 ? 'estate-xfl' : 'estate-hxjy',
      createdAt: new Date(now - i * 60_000),
    }));
    f.insert('wishes', docs);
    try {
      const large = [
        await requestsFor({ communityId: DEMO }),
        await requestsFor({ communityId: DEMO, category: 'elderly' }),
        // Page 11 of 50: the cursor names the 500th bulk wish (newest first).
        await requestsFor({ communityId: DEMO, cursor: encodeCursor([docs[500]!.createdAt, 'bulk-500']), limit: 50 }),
      ];
      expect(small).toEqual([3, 3]); // the caller (user with roles, one request), one wish query, one estate lookup
      expect(large).toEqual([3, 3, 3]);
    } finally {
      const reply = f.server.db.handle({
        action: 'database.removeDocument',
        collectionName: 'wishes',
        queryType: 'WHERE',
        query: EJSON.stringify({ _id: { $in: docs.map((d) => d._id) } }, { relaxed: false }),
        multi: true,
      }) as { data?: { deleted: number } };
      expect(reply.data?.deleted).toBe(600);
    }
  });
});

describe('wish.mine', () => {
  test('as poster: all of my wishes in every state, as cards without private data', async () => {
    const mine = await page(P.resident, 'mine', { as: 'poster' });
    expect(mine.items.map((w) => w.id)).toEqual([ids.submitted, ids.claimed, ids.d, ids.b, ids.a]);
    expect(mine.items.map((w) => w.state)).toEqual(['submitted', 'claimed', 'published', 'published', 'published']);
    expectNoPrivateData(mine);
  });

  test('as claimer: the wishes I hold a claim on; the poster is masked there too', async () => {
    const mine = await page(P.member, 'mine', { as: 'claimer' });
    expect(mine.items.map((w) => w.id)).toEqual([ids.claimed]);
    expect(mine.items[0]).toMatchObject({ posterName: '张*', claimerName: '李*', state: 'claimed' });
    expectNoPrivateData(mine, ['张秀英', '李建国']);
  });

  test('a person without a profile has none; anonymous is refused; bad input is VALIDATION', async () => {
    expect(await page('openid-never-seen', 'mine', { as: 'poster' })).toEqual({ items: [], nextCursor: null });
    expectError(await call(null, 'mine', { as: 'poster' }), 'UNAUTHENTICATED', 'auth.no-identity');
    expectError(await call(P.member, 'mine', { as: 'admin' }), 'VALIDATION', 'input.invalid');
  });
});

describe('wish.reviewQueue', () => {
  test('an admin sees every submitted wish of the community, oldest first', async () => {
    const queue = await page(P.admin, 'reviewQueue', { communityId: DEMO });
    expect(queue.items.map((w) => w.id)).toEqual([ids.submitted, ids.submittedHxjy]);
    expectNoPrivateData(queue, ['张秀英']);
  });

  test('a building leader sees only their building; an estate secretary their estate', async () => {
    const leader = await page(P.leader, 'reviewQueue', { communityId: DEMO });
    expect(leader.items.map((w) => w.id)).toEqual([ids.submitted]);
    const estate = await page(P.estateLeader, 'reviewQueue', { communityId: DEMO });
    expect(estate.items.map((w) => w.id)).toEqual([ids.submitted]);
    expectNoPrivateData(leader);
  });

  test("a leader's own wish is not in their queue (they may not review it)", async () => {
    const own = expectOk(await f.call(P.leader, 'wish', 'post', wishInput({ title: '楼顶漏水' })), WishDetail);
    const leader = await page(P.leader, 'reviewQueue', { communityId: DEMO });
    expect(leader.items.map((w) => w.id)).not.toContain(own.id);
    const admin = await page(P.admin, 'reviewQueue', { communityId: DEMO });
    expect(admin.items.map((w) => w.id)).toContain(own.id);
    expectError(
      await call(P.leader, 'review', { wishId: own.id, decision: 'publish' }),
      'FORBIDDEN',
      'wish.not-reviewer',
    );
    await f.call(P.leader, 'wish', 'withdraw', { wishId: own.id });
  });

  test('refused to members, residents and to admins of another community', async () => {
    for (const openid of [P.member, P.resident, P.liaison, otherPersonas.admin]) {
      expectError(await call(openid, 'reviewQueue', { communityId: DEMO }), 'FORBIDDEN', 'wish.not-reviewer');
    }
    expectError(await call(P.admin, 'reviewQueue', { communityId: OTHER }), 'FORBIDDEN', 'wish.not-reviewer');
    expectError(await call(null, 'reviewQueue', { communityId: DEMO }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('wish.get: who sees what', () => {
  const get = async (openid: string, wishId: string) => expectOk(await call(openid, 'get', { wishId }), WishDetail);
  const fullContact = { householdLabel: RESIDENT_LABEL, phone: RESIDENT_PHONE };

  test('the poster and admins see the contact; the reviewer sees the full name only; others neither', async () => {
    const wishId = ids.submitted!;
    expect(await get(P.resident, wishId)).toMatchObject({ posterName: '张秀英', contact: fullContact });
    expect(await get(P.admin, wishId)).toMatchObject({ posterName: '张秀英', contact: fullContact });
    const leader = await get(P.leader, wishId);
    expect(leader).toMatchObject({ posterName: '张秀英', contact: null });
    expect(fullPhonesIn(leader)).toEqual([]);
    const member = await get(otherMember, wishId);
    expect(member).toMatchObject({ posterName: '张*', contact: null });
    expectNoPrivateData(member);
  });

  test('the claimer sees the contact while the claim stands, and not after release or confirmation', async () => {
    const wishId = await wishIn(f, 'claimed');
    expect(await get(P.member, wishId)).toMatchObject({ posterName: '张秀英', contact: fullContact });
    await f.call(P.member, 'wish', 'fulfil', { wishId, note: '已经帮忙办好了', photos: [] });
    expect(await get(P.member, wishId)).toMatchObject({ contact: fullContact });
    await f.call(P.resident, 'wish', 'confirm', { wishId, rating: 5 });
    const after = await get(P.member, wishId);
    expect(after).toMatchObject({ posterName: '张*', contact: null });
    expectNoPrivateData(after);
    expect(await get(P.resident, wishId)).toMatchObject({ contact: fullContact });
  });

  test('timeline names are full for the poster, the claimer and admins, masked for others', async () => {
    const wishId = ids.claimed!;
    const names = async (openid: string) => (await get(openid, wishId)).timeline.map((t) => t.byName);
    expect(await names(P.resident)).toEqual(['张秀英', '王红梅', '李建国']);
    expect(await names(P.member)).toEqual(['张秀英', '王红梅', '李建国']);
    expect(await names(P.admin)).toEqual(['张秀英', '王红梅', '李建国']);
    expect(await names(otherMember)).toEqual(['张*', '王*', '李*']);
  });

  test('is refused outside the community, both ways, and for unknown wishes', async () => {
    expectError(await call(otherPersonas.admin, 'get', { wishId: ids.a }), 'FORBIDDEN', 'wish.out-of-scope');
    expectError(await call(otherPersonas.resident, 'get', { wishId: ids.a }), 'FORBIDDEN', 'wish.out-of-scope');
    const dh = expectOk(
      await f.call(otherPersonas.resident, 'wish', 'post', wishInput({ communityId: OTHER, title: '东湖的心愿' })),
      WishDetail,
    );
    expectError(await call(P.admin, 'get', { wishId: dh.id }), 'FORBIDDEN', 'wish.out-of-scope');
    expect(await get(otherPersonas.admin, dh.id)).toMatchObject({ posterName: '孔令辉', contact: expect.any(Object) });
    expectError(await call(P.admin, 'get', { wishId: 'nope' }), 'NOT_FOUND', 'wish.not-found');
    expectError(await call(null, 'get', { wishId: ids.a }), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});
