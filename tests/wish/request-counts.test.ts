/**
 * Database requests per wish action (issue #13, part 4): a read costs at most four, a write at
 * most six, wish.confirm (the move, its message and the claimer's credit in one transaction,
 * after one read of the caller with the wish) at most seven (ADR 0017's 8 allows it) — whatever the community holds: here
 * 40 more wishes on the wall and a wish whose timeline has gone round several claims.
 */
import { encodeCursor } from '../../cloudfunctions/_shared/paging';
import { WishDetail, WishPage } from '../../types/wish';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { expectOk, P, upload, wishIn, wishInput } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  const template = f.find('wishes', { _id: await wishIn(f, 'published') })[0]!;
  const now = Date.now();
  f.insert(
    'wishes',
    Array.from({ length: 40 }, (_, i) => ({
      ...template,
      _id: `count-${i}`,
      estateId: i % 2 ? 'estate-xfl' : 'estate-hxjy',
      createdAt: new Date(now - i * 60_000),
    })),
  );
});
afterAll(() => f.stop());

/** Calls `wish.<action>` and returns its reply and the database requests it made. */
async function measured(openid: string, action: string, data: unknown) {
  const before = f.server.db.stats().requests;
  const reply = await f.call(openid, 'wish', action, data);
  return { reply, requests: f.server.db.stats().requests - before };
}

async function detailCost(openid: string, action: string, data: unknown): Promise<number> {
  const { reply, requests } = await measured(openid, action, data);
  expectOk(reply, WishDetail);
  return requests;
}

test('every move of a wish costs at most six database requests, a confirmation at most seven, the claimer’s first credit included', async () => {
  const photo = await upload(f);
  const cost: Record<string, number> = {};
  cost.post = await detailCost(P.resident, 'post', wishInput({ photos: [photo] }));
  const wishId = (f.find('wishes', { posterId: 'user-resident' }) as Array<{ _id: string; createdAt: Date }>).sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
  )[0]!._id;
  cost.review = await detailCost(P.admin, 'review', { wishId, decision: 'publish' });
  // Round the claim a few times, so the timeline grows.
  for (let i = 0; i < 3; i++) {
    cost.claim = Math.max(cost.claim ?? 0, await detailCost(P.member, 'claim', { wishId }));
    cost.release = Math.max(cost.release ?? 0, await detailCost(P.member, 'release', { wishId, reason: '临时出差' }));
  }
  cost.claimForUnit = await detailCost(P.liaison, 'claim', { wishId, onBehalfOfWorkUnitId: 'wu-tax' });
  cost.revokeClaim = await detailCost(P.admin, 'revokeClaim', { wishId, reason: '联络员调岗' });
  await detailCost(P.member, 'claim', { wishId });
  cost.fulfil = await detailCost(P.member, 'fulfil', { wishId, note: '已经送去助行器', photos: [photo] });
  cost.confirm = await detailCost(P.resident, 'confirm', { wishId, rating: 5, thanks: '谢谢您' });
  cost.reject = await detailCost(P.admin, 'review', {
    wishId: await wishIn(f, 'submitted'),
    decision: 'reject',
    reason: '内容不够具体',
  });
  cost.withdraw = await detailCost(P.resident, 'withdraw', { wishId: await wishIn(f, 'published') });

  const { confirm, ...moves } = cost;
  expect(Object.entries(moves).filter(([, requests]) => requests > 6)).toEqual([]);
  // The caller with the wish and whether the claimer has a balance, then start, wish, message, entry,
  // balance (added: this claimer's first credit), commit.
  expect(f.find('point_ledger', { _id: `wish:${wishId}` })).toHaveLength(1);
  expect(confirm).toBeLessThanOrEqual(7);
});

test('reading a wish or a page of wishes costs at most four database requests, however many there are', async () => {
  const wishId = await wishIn(f, 'fulfilled');
  for (const openid of [P.resident, P.admin, P.member, P.leader]) {
    const { reply, requests } = await measured(openid, 'get', { wishId });
    expectOk(reply, WishDetail);
    expect(requests).toBeLessThanOrEqual(2);
  }
  for (const [openid, action, data] of [
    [P.member, 'wall', { communityId: DEMO }],
    [P.member, 'wall', { communityId: DEMO, cursor: encodeCursor([new Date(), 'wish-z']), limit: 20 }],
    [P.resident, 'mine', { as: 'poster' }],
    [P.member, 'mine', { as: 'claimer' }],
    [P.admin, 'reviewQueue', { communityId: DEMO }],
  ] as const) {
    const { reply, requests } = await measured(openid, action, data);
    expectOk(reply, WishPage);
    expect(requests).toBeLessThanOrEqual(4);
  }
});
