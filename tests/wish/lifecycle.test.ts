/**
 * A wish from posting to confirmation, action by action: success, bad input, refused roles and
 * scope (东湖 vs 幸福里 both ways), content checks, photos, notifications, audit and points.
 */
import { WishDetail } from '../../types/wish';
import { DEMO, OTHER, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import {
  P,
  RESIDENT_LABEL,
  RESIDENT_PHONE,
  cstDay,
  expectError,
  expectOk,
  hxjyResident,
  otherMember,
  outbox,
  upload,
  wishIn,
  wishInput,
} from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const call = (openid: string | null, action: string, data: unknown) => f.call(openid, 'wish', action, data);
const refused = async (openid: string | null, action: string, data: unknown, code: string, reason?: string) =>
  expectError(await f.expectNothingWritten(() => call(openid, action, data)), code, reason);
const messagesOf = (userId: string, key: string) => f.find('messages', { userId, _id: key });

describe('wish.post', () => {
  test('a resident posts a wish with photos; it awaits review with its first timeline entry', async () => {
    const photo = await upload(f);
    const wish = expectOk(await call(P.resident, 'post', wishInput({ photos: [photo] })), WishDetail);
    expect(wish).toMatchObject({
      communityId: DEMO,
      category: 'elderly',
      title: '需要一个助行器',
      state: 'submitted',
      posterName: '张秀英',
      estateName: '幸福里小区',
      claimerName: null,
      contact: { householdLabel: RESIDENT_LABEL, phone: RESIDENT_PHONE },
      claimedAt: null,
      fulfilment: null,
      confirmation: null,
      rejectReason: null,
      allowed: ['withdraw'],
    });
    expect(wish.photos).toEqual([{ fileId: photo, url: expect.stringMatching(/^http:\/\/.+\/storage\//) }]);
    expect((await fetch(wish.photos[0]!.url)).status).toBe(200);
    expect(wish.timeline).toEqual([
      { at: expect.any(String), from: null, to: 'submitted', byName: '张秀英', note: null },
    ]);
    const [stored] = f.find('wishes', { _id: wish.id });
    expect(stored).toMatchObject({
      posterId: 'user-resident',
      householdId: 'hh-xfl-1-102',
      buildingId: 'bld-xfl-1',
      estateId: 'estate-xfl',
      rev: 0,
    });
    expect(stored!.wantedByEnd).toBeInstanceOf(Date);
  });

  test('the wanted-by date counts to the end of that day in China time', async () => {
    const day = cstDay(3);
    const wish = expectOk(await call(P.resident, 'post', wishInput({ wantedBy: day })), WishDetail);
    const [stored] = f.find('wishes', { _id: wish.id });
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    expect((stored!.wantedByEnd as Date).toISOString()).toBe(
      new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3600e3).toISOString(),
    );
  });

  test('refuses bad input as VALIDATION and writes nothing', async () => {
    const photo = await upload(f);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '灯' }, 'title'],
      [{ content: '帮帮' }, 'content'],
      [{ category: 'party' }, 'category'],
      [{ wantedBy: '2026/12/31' }, 'wantedBy'],
      [{ wantedBy: '2027-02-30' }, 'wantedBy'],
      [{ wantedBy: cstDay(-1) }, 'wantedBy'],
      [{ wantedBy: cstDay(400) }, 'wantedBy'],
      [{ photos: ['a', 'b', 'c', 'd'].map((x) => `cloud://local-dev.local/${x}.png`) }, 'photos'],
      [{ photos: ['https://example.com/a.png'] }, 'photos.0'],
      [{ photos: ['cloud://other-env.bucket/uploads/a.png'] }, 'photos'],
      [{ photos: ['cloud://local-dev.local/uploads/never-uploaded.png'] }, 'photos'],
      [{ photos: [photo, photo] }, 'photos'],
      [{ householdId: 'hh-xfl-2-101' }, 'householdId'],
      [{ posterId: 'user-admin' }, '_'],
    ];
    for (const [over, field] of cases) {
      const error = await refused(P.resident, 'post', wishInput(over), 'VALIDATION');
      expect(Object.keys(error.fields ?? {})).toContain(field);
    }
  });

  test('refuses text that fails the content check, field by field, and writes nothing', async () => {
    const error = await refused(
      P.resident,
      'post',
      wishInput({ content: '长期代开发票，有需要的联系我' }),
      'VALIDATION',
      'content.unsafe',
    );
    expect(error.fields).toEqual({ content: '内容可能含有不当信息，请修改后再提交' });
  });

  test('refuses people who are not residents of the community, and anonymous callers', async () => {
    await refused(P.newcomer, 'post', wishInput(), 'FORBIDDEN', 'wish.not-resident');
    await refused('openid-never-seen', 'post', wishInput(), 'FORBIDDEN', 'wish.not-resident');
    await refused(otherPersonas.resident, 'post', wishInput(), 'FORBIDDEN', 'wish.not-resident');
    await refused(P.resident, 'post', wishInput({ communityId: OTHER }), 'FORBIDDEN', 'wish.not-resident');
    await refused(null, 'post', wishInput(), 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('wish.review', () => {
  test('the building leader publishes; audited; the poster is told in-app and by subscription', async () => {
    const wishId = await wishIn(f, 'submitted');
    const wish = expectOk(await call(P.leader, 'review', { wishId, decision: 'publish' }), WishDetail);
    expect(wish).toMatchObject({ state: 'published', posterName: '张秀英', contact: null });
    expect(wish.timeline.map((t) => [t.from, t.to, t.byName])).toEqual([
      [null, 'submitted', '张*'],
      ['submitted', 'published', '陈*'],
    ]);
    expect(f.find('audit_log', { action: 'wish.review', targetId: wishId })).toEqual([
      expect.objectContaining({ actorId: 'user-leader', before: { state: 'submitted' }, communityId: DEMO }),
    ]);
    expect(messagesOf('user-resident', `wish:${wishId}:published`)).toEqual([
      expect.objectContaining({
        kind: 'wish',
        title: '您的心愿已发布',
        link: `/packages/wish/pages/detail/index?id=${wishId}`,
      }),
    ]);
    expect(await outbox(f)).toContainEqual(
      expect.objectContaining({
        touser: P.resident,
        template_id: 'PLACEHOLDER_WISH_PROGRESS',
        data: expect.objectContaining({ thing1: { value: '需要一个助行器' }, phrase2: { value: '已发布' } }),
      }),
    );
  });

  test('an admin rejects with a reason; the poster sees the reason and is told', async () => {
    const wishId = await wishIn(f, 'submitted');
    const wish = expectOk(
      await call(P.admin, 'review', { wishId, decision: 'reject', reason: '请写清楚需要的时间' }),
      WishDetail,
    );
    expect(wish).toMatchObject({ state: 'rejected', rejectReason: '请写清楚需要的时间' });
    expect(wish.timeline.at(-1)).toMatchObject({ to: 'rejected', byName: '王红梅', note: '请写清楚需要的时间' });
    expect(messagesOf('user-resident', `wish:${wishId}:rejected`)).toHaveLength(1);
    expect(f.find('audit_log', { action: 'wish.review', targetId: wishId })).toHaveLength(1);
  });

  test('refuses a missing reason, an unknown decision and unsafe reasons as VALIDATION', async () => {
    const wishId = await wishIn(f, 'submitted');
    await refused(P.admin, 'review', { wishId, decision: 'reject' }, 'VALIDATION', 'input.invalid');
    await refused(P.admin, 'review', { wishId, decision: 'approve' }, 'VALIDATION', 'input.invalid');
    await refused(
      P.admin,
      'review',
      { wishId, decision: 'reject', reason: '代开发票' },
      'VALIDATION',
      'content.unsafe',
    );
  });

  test('refuses people who do not lead the building, the poster, strangers and other communities', async () => {
    const wishId = await wishIn(f, 'submitted');
    for (const openid of [P.member, P.liaison, P.resident, otherMember]) {
      await refused(openid, 'review', { wishId, decision: 'publish' }, 'FORBIDDEN', 'wish.not-reviewer');
    }
    await refused(otherPersonas.admin, 'review', { wishId, decision: 'publish' }, 'FORBIDDEN', 'wish.out-of-scope');
    await refused('openid-never-seen', 'review', { wishId, decision: 'publish' }, 'FORBIDDEN', 'wish.out-of-scope');
    await refused(null, 'review', { wishId, decision: 'publish' }, 'UNAUTHENTICATED', 'auth.no-identity');
    await refused(P.admin, 'review', { wishId: 'wish-nowhere', decision: 'publish' }, 'NOT_FOUND', 'wish.not-found');
  });

  test('a leader cannot review a wish from a building they do not lead; the estate secretary can', async () => {
    const other = await wishIn(f, 'submitted', { poster: hxjyResident });
    await refused(P.leader, 'review', { wishId: other, decision: 'publish' }, 'FORBIDDEN', 'wish.not-reviewer');
    await refused(P.estateLeader, 'review', { wishId: other, decision: 'publish' }, 'FORBIDDEN', 'wish.not-reviewer');
    const mine = await wishIn(f, 'submitted');
    expectOk(await call(P.estateLeader, 'review', { wishId: mine, decision: 'publish' }), WishDetail);
  });

  test('东湖 admin reviews 东湖 wishes; 幸福里 admin may not', async () => {
    const wish = expectOk(
      await call(otherPersonas.resident, 'post', wishInput({ communityId: OTHER, title: '楼道灯坏了' })),
      WishDetail,
    );
    await refused(P.admin, 'review', { wishId: wish.id, decision: 'publish' }, 'FORBIDDEN', 'wish.out-of-scope');
    expectOk(await call(otherPersonas.admin, 'review', { wishId: wish.id, decision: 'publish' }), WishDetail);
    // …and a 幸福里 member cannot claim it.
    await refused(P.member, 'claim', { wishId: wish.id }, 'FORBIDDEN', 'wish.out-of-scope');
  });
});

describe('wish.withdraw', () => {
  test('the poster withdraws a submitted or a published wish', async () => {
    for (const state of ['submitted', 'published'] as const) {
      const wishId = await wishIn(f, state);
      const wish = expectOk(await call(P.resident, 'withdraw', { wishId }), WishDetail);
      expect(wish).toMatchObject({ state: 'withdrawn', allowed: [] });
    }
  });

  test('nobody else may withdraw it, an admin neither', async () => {
    const wishId = await wishIn(f, 'published');
    for (const openid of [P.admin, P.leader, P.member]) {
      await refused(openid, 'withdraw', { wishId }, 'FORBIDDEN', 'wish.not-poster');
    }
    await refused(otherPersonas.admin, 'withdraw', { wishId }, 'FORBIDDEN', 'wish.out-of-scope');
    await refused(P.resident, 'withdraw', { wishId, reason: 'x' }, 'VALIDATION', 'input.invalid');
    await refused(null, 'withdraw', { wishId }, 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('claim, fulfil and confirm', () => {
  test('a member claims; the poster is told; the claimer now sees the contact details', async () => {
    const wishId = await wishIn(f, 'published');
    const wish = expectOk(await call(P.member, 'claim', { wishId }), WishDetail);
    expect(wish).toMatchObject({
      state: 'claimed',
      claimerName: '李建国',
      posterName: '张秀英',
      contact: { householdLabel: RESIDENT_LABEL, phone: RESIDENT_PHONE },
      allowed: ['release', 'fulfil'],
    });
    expect(wish.claimedAt).toEqual(expect.any(String));
    expect(messagesOf('user-resident', `wish:${wishId}:claimed:1`)).toHaveLength(1);
    // Others in the community still see the masked name and no contact.
    const seen = expectOk(await call(otherMember, 'get', { wishId }), WishDetail);
    expect(seen).toMatchObject({ posterName: '张*', claimerName: '李*', contact: null, allowed: [] });
  });

  test('refuses the poster, residents, and people of another community as claimers', async () => {
    const wishId = await wishIn(f, 'published', { poster: P.member, claimer: P.liaison });
    await refused(P.member, 'claim', { wishId }, 'FORBIDDEN', 'wish.not-claimant');
    await refused(P.resident, 'claim', { wishId }, 'FORBIDDEN', 'wish.not-claimant');
    await refused(otherPersonas.admin, 'claim', { wishId }, 'FORBIDDEN', 'wish.out-of-scope');
    await refused(null, 'claim', { wishId }, 'UNAUTHENTICATED', 'auth.no-identity');
    await refused(P.liaison, 'claim', { wishId, extra: 1 }, 'VALIDATION', 'input.invalid');
  });

  test('a liaison claims for their own unit only; the unit is the claimer the wall shows', async () => {
    const wishId = await wishIn(f, 'published');
    await refused(
      P.liaison,
      'claim',
      { wishId, onBehalfOfWorkUnitId: 'wu-hospital' },
      'FORBIDDEN',
      'wish.not-claimant',
    );
    await refused(P.member, 'claim', { wishId, onBehalfOfWorkUnitId: 'wu-tax' }, 'FORBIDDEN', 'wish.not-claimant');
    const wish = expectOk(await call(P.liaison, 'claim', { wishId, onBehalfOfWorkUnitId: 'wu-tax' }), WishDetail);
    expect(wish).toMatchObject({ state: 'claimed', claimerName: '市税务局第三分局' });
    expect(wish.timeline.at(-1)).toMatchObject({ to: 'claimed', byName: '刘芳', note: '代表市税务局第三分局认领' });
    const seen = expectOk(await call(otherMember, 'get', { wishId }), WishDetail);
    expect(seen.claimerName).toBe('市税务局第三分局');
    // The liaison carries it through and is credited.
    const photo = await upload(f);
    expectOk(await call(P.liaison, 'fulfil', { wishId, note: '单位党员已经上门送达', photos: [photo] }), WishDetail);
    expectOk(await call(P.resident, 'confirm', { wishId, rating: 4 }), WishDetail);
    expect(f.find('point_ledger', { _id: `wish:${wishId}` })).toEqual([
      expect.objectContaining({ userId: 'user-liaison', amount: 10, reason: 'wish_fulfilled', sourceId: wishId }),
    ]);
  });

  test('the claimer fulfils with a note and photos; the poster is told; text is checked', async () => {
    const wishId = await wishIn(f, 'claimed');
    await refused(P.member, 'fulfil', { wishId, note: '好了' }, 'VALIDATION', 'input.invalid');
    await refused(P.member, 'fulfil', { wishId, note: '可以代开发票哦哦' }, 'VALIDATION', 'content.unsafe');
    await refused(
      P.member,
      'fulfil',
      { wishId, note: '已经送到', photos: ['cloud://x.y/../a.png'] },
      'VALIDATION',
      'input.invalid',
    );
    await refused(P.admin, 'fulfil', { wishId, note: '已经送到家里了' }, 'FORBIDDEN', 'wish.not-claimer');
    await refused(P.resident, 'fulfil', { wishId, note: '已经送到家里了' }, 'FORBIDDEN', 'wish.not-claimer');
    const photos = [await upload(f), await upload(f)];
    const wish = expectOk(
      await call(P.member, 'fulfil', { wishId, note: '已经送到家里并调好高度', photos }),
      WishDetail,
    );
    expect(wish.state).toBe('fulfilled');
    expect(wish.fulfilment).toMatchObject({ note: '已经送到家里并调好高度' });
    expect(wish.fulfilment!.photos.map((p) => p.fileId)).toEqual(photos);
    expect(wish.fulfilment!.photos.every((p) => p.url.startsWith('http'))).toBe(true);
    expect(messagesOf('user-resident', `wish:${wishId}:fulfilled`)).toHaveLength(1);
  });

  test('the poster confirms and rates; the claimer is credited once and told; contact is hidden again', async () => {
    const wishId = await wishIn(f, 'fulfilled');
    const before = f.find('point_balances', { _id: `${DEMO}:user-member` })[0]?.balance ?? 0;
    await refused(P.resident, 'confirm', { wishId, rating: 6 }, 'VALIDATION', 'input.invalid');
    await refused(P.resident, 'confirm', { wishId, rating: 2.5 }, 'VALIDATION', 'input.invalid');
    await refused(P.resident, 'confirm', { wishId, rating: 5, thanks: '代开发票' }, 'VALIDATION', 'content.unsafe');
    await refused(P.member, 'confirm', { wishId, rating: 5 }, 'FORBIDDEN', 'wish.not-poster');
    await refused(P.admin, 'confirm', { wishId, rating: 5 }, 'FORBIDDEN', 'wish.not-poster');
    const wish = expectOk(await call(P.resident, 'confirm', { wishId, rating: 5, thanks: '谢谢小李！' }), WishDetail);
    expect(wish).toMatchObject({ state: 'confirmed', confirmation: { rating: 5, thanks: '谢谢小李！' }, allowed: [] });
    expect(f.find('point_ledger', { _id: `wish:${wishId}` })).toEqual([
      expect.objectContaining({ userId: 'user-member', amount: 10, reason: 'wish_fulfilled' }),
    ]);
    expect(f.find('point_balances', { _id: `${DEMO}:user-member` })[0]!.balance).toBe(before + 10);
    expect(messagesOf('user-member', `wish:${wishId}:confirmed`)).toHaveLength(1);
    expect(await outbox(f)).toContainEqual(
      expect.objectContaining({ touser: P.member, data: expect.objectContaining({ phrase2: { value: '已确认' } }) }),
    );
    // A repeated confirmation is refused and credits nothing.
    const again = await refused(
      P.resident,
      'confirm',
      { wishId, rating: 1 },
      'PRECONDITION_FAILED',
      'wish.illegal-move',
    );
    expect(again.message).toContain('已确认');
    expect(f.find('point_balances', { _id: `${DEMO}:user-member` })[0]!.balance).toBe(before + 10);
    const seen = expectOk(await call(P.member, 'get', { wishId }), WishDetail);
    expect(seen.contact).toBeNull();
  });
});

describe('release and revoke', () => {
  test('the claimer releases with a reason; the wish is back on the wall; contact hidden again', async () => {
    const wishId = await wishIn(f, 'claimed');
    await refused(P.member, 'release', { wishId }, 'VALIDATION', 'input.invalid');
    await refused(P.member, 'release', { wishId, reason: '代开发票' }, 'VALIDATION', 'content.unsafe');
    await refused(P.admin, 'release', { wishId, reason: '临时出差' }, 'FORBIDDEN', 'wish.not-claimer');
    await refused(otherMember, 'release', { wishId, reason: '临时出差' }, 'FORBIDDEN', 'wish.not-claimer');
    const wish = expectOk(await call(P.member, 'release', { wishId, reason: '临时出差' }), WishDetail);
    expect(wish).toMatchObject({
      state: 'published',
      claimerName: null,
      claimedAt: null,
      contact: null,
      posterName: '张*',
    });
    expect(wish.allowed).toEqual(['claim']);
    expect(wish.timeline.at(-1)).toMatchObject({ from: 'claimed', to: 'published', note: '临时出差' });
    expect(messagesOf('user-resident', `wish:${wishId}:released:1`)).toHaveLength(1);
    // Someone else may claim it now (claim number 2).
    expectOk(await call(otherMember, 'claim', { wishId }), WishDetail);
    expect(f.find('wishes', { _id: wishId })[0]).toMatchObject({ claimSeq: 2 });
  });

  test('an admin revokes a claim with a reason; audited; the claimer is told and loses the contact', async () => {
    const wishId = await wishIn(f, 'claimed');
    await refused(P.leader, 'revokeClaim', { wishId, reason: '长时间未联系居民' }, 'FORBIDDEN', 'wish.not-admin');
    await refused(P.resident, 'revokeClaim', { wishId, reason: '长时间未联系居民' }, 'FORBIDDEN', 'wish.not-admin');
    await refused(
      otherPersonas.admin,
      'revokeClaim',
      { wishId, reason: '长时间未联系' },
      'FORBIDDEN',
      'wish.out-of-scope',
    );
    await refused(P.admin, 'revokeClaim', { wishId, reason: '长' }, 'VALIDATION', 'input.invalid');
    const wish = expectOk(await call(P.admin, 'revokeClaim', { wishId, reason: '长时间未联系居民' }), WishDetail);
    expect(wish).toMatchObject({ state: 'published', claimerName: null });
    expect(f.find('audit_log', { action: 'wish.revokeClaim', targetId: wishId })).toEqual([
      expect.objectContaining({
        actorId: 'user-admin',
        before: expect.objectContaining({ claimerId: 'user-member' }),
        after: expect.objectContaining({ state: 'published' }),
      }),
    ]);
    expect(messagesOf('user-member', `wish:${wishId}:revoked:1`)).toEqual([
      expect.objectContaining({ title: '您的认领已被撤销', body: expect.stringContaining('长时间未联系居民') }),
    ]);
    const seen = expectOk(await call(P.member, 'get', { wishId }), WishDetail);
    expect(seen).toMatchObject({ contact: null, posterName: '张*', allowed: ['claim'] });
  });
});
