/**
 * The transition table, driven from an independent statement of the product rules: for every
 * state and every move, only the allowed moves succeed; every other one is refused with the
 * current state named in Chinese (a claim on someone else's claim as CONFLICT), writing nothing.
 * Also: racing moves on one wish — exactly one lands.
 */
import { transitions } from '../../cloudfunctions/wish/src/transitions';
import { WishDetail, wishStateLabels, type WishState } from '../../types/wish';
import { startFixture, type Fixture } from '../support/fixtures';
import { P, addMembers, expectError, expectOk, otherMember, wishIn } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

type Move = 'publish' | 'reject' | 'withdraw' | 'claim' | 'release' | 'revokeClaim' | 'fulfil' | 'confirm';

/** Each move as the person entitled to it would make it (the claim by a member other than the claimer). */
const moves: Record<Move, { openid: string; action: string; data: Record<string, unknown> }> = {
  publish: { openid: P.admin, action: 'review', data: { decision: 'publish' } },
  reject: { openid: P.leader, action: 'review', data: { decision: 'reject', reason: '请补充说明' } },
  withdraw: { openid: P.resident, action: 'withdraw', data: {} },
  claim: { openid: otherMember, action: 'claim', data: {} },
  release: { openid: P.member, action: 'release', data: { reason: '临时有事' } },
  revokeClaim: { openid: P.admin, action: 'revokeClaim', data: { reason: '长时间未联系' } },
  fulfil: { openid: P.member, action: 'fulfil', data: { note: '已经办好了，居民很满意', photos: [] } },
  confirm: { openid: P.resident, action: 'confirm', data: { rating: 5 } },
};

/** The product rules (PRODUCT.md §2, issue 5), written out independently of the code's table. */
const legal: Record<WishState, Array<[Move, WishState]>> = {
  submitted: [
    ['publish', 'published'],
    ['reject', 'rejected'],
    ['withdraw', 'withdrawn'],
  ],
  published: [
    ['withdraw', 'withdrawn'],
    ['claim', 'claimed'],
  ],
  claimed: [
    ['release', 'published'],
    ['revokeClaim', 'published'],
    ['fulfil', 'fulfilled'],
  ],
  fulfilled: [['confirm', 'confirmed']],
  rejected: [],
  confirmed: [],
  withdrawn: [],
  expired: [],
};
const states = Object.keys(legal) as WishState[];

test("the code's table has exactly these people's moves, plus the scheduler's", () => {
  const viaOf = (m: Move) => (m === 'publish' || m === 'reject' ? 'review' : m);
  const expected = states.flatMap((s) => legal[s].map(([m, to]) => `${s} -${viaOf(m)}-> ${to}`)).sort();
  // An admin's refusal of a wish a proxy posted (代办) is driven in tests/proxy/refuse.test.ts.
  const people = transitions.filter((t) => t.who !== 'system' && t.from !== null && t.via !== 'refuseProxy');
  expect(people.map((t) => `${t.from} -${t.via}-> ${t.to}`).sort()).toEqual(expected);
  expect(transitions.filter((t) => t.via === 'refuseProxy').map((t) => `${t.from} -${t.who}-> ${t.to}`)).toEqual([
    'submitted -admin-> withdrawn',
    'published -admin-> withdrawn',
  ]);
  expect(transitions.filter((t) => t.who === 'system').map((t) => `${t.from} -${t.via}-> ${t.to}`)).toEqual([
    'submitted -expire-> expired',
    'published -expire-> expired',
    'claimed -autoRelease-> published',
  ]);
});

describe.each(states)('from %s', (state) => {
  let wishId: string;
  beforeAll(async () => {
    wishId = await wishIn(f, state);
  });

  test.each(Object.keys(moves) as Move[])('%s', async (move) => {
    const { openid, action, data } = moves[move];
    const allowed = legal[state].find(([m]) => m === move);
    if (allowed) {
      const fresh = await wishIn(f, state);
      const wish = expectOk(await f.call(openid, 'wish', action, { wishId: fresh, ...data }), WishDetail);
      expect(wish.state).toBe(allowed[1]);
      expect(wish.timeline.at(-1)).toMatchObject({ from: state, to: allowed[1] });
      expect(f.find('wishes', { _id: fresh })[0]).toMatchObject({ state: allowed[1] });
      return;
    }
    const reply = await f.expectNothingWritten(() => f.call(openid, 'wish', action, { wishId, ...data }));
    if (move === 'claim' && state === 'claimed') {
      expectError(reply, 'CONFLICT', 'wish.already-claimed');
    } else {
      const error = expectError(reply, 'PRECONDITION_FAILED', 'wish.illegal-move');
      expect(error.message).toContain(`「${wishStateLabels[state]}」`);
    }
  });
});

describe('allowed: the buttons follow the table and the person', () => {
  test.each([
    ['submitted', P.admin, ['review']],
    ['submitted', P.leader, ['review']],
    ['submitted', P.resident, ['withdraw']],
    ['submitted', P.member, []],
    ['published', P.member, ['claim']],
    ['published', P.liaison, ['claim']],
    ['published', P.resident, ['withdraw']],
    ['published', P.admin, []],
    ['claimed', P.member, ['release', 'fulfil']],
    ['claimed', P.admin, ['revoke']],
    ['claimed', otherMember, []],
    ['fulfilled', P.resident, ['confirm']],
    ['fulfilled', P.member, []],
    ['confirmed', P.resident, []],
  ] as Array<[WishState, string, string[]]>)('%s as %s → %j', async (state, openid, allowed) => {
    const wishId = await wishIn(f, state);
    const wish = expectOk(await f.call(openid, 'wish', 'get', { wishId }), WishDetail);
    expect(wish.allowed).toEqual(allowed);
  });
});

describe('races on one wish', () => {
  test('50 members claim the same wish at the same moment: exactly one wins, 49 are told it is taken', async () => {
    const members = addMembers(f, 50);
    const wishId = await wishIn(f, 'published');
    const replies = await Promise.all(members.map((openid) => f.call(openid, 'wish', 'claim', { wishId })));
    const winners = replies.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const losers = replies.filter((r) => !r.ok);
    expect(losers).toHaveLength(49);
    for (const r of losers) {
      expect(expectError(r, 'CONFLICT', 'wish.already-claimed').message).toContain('已被其他人认领');
    }
    const [stored] = f.find('wishes', { _id: wishId });
    const winner = members[replies.findIndex((r) => r.ok)]!;
    expect(stored).toMatchObject({ state: 'claimed', claimSeq: 1, claimerOpenid: winner, rev: 2 });
    expect(stored!.timeline.map((t: any) => t.to)).toEqual(['submitted', 'published', 'claimed']);
    expect(f.find('messages', { _id: { $regex: `^wish:${wishId}:claimed` } })).toHaveLength(1);
  });

  test('a withdrawal racing a claim: exactly one of them lands', async () => {
    for (let i = 0; i < 5; i++) {
      const wishId = await wishIn(f, 'published');
      const [w, c] = await Promise.all([
        f.call(P.resident, 'wish', 'withdraw', { wishId }),
        f.call(P.member, 'wish', 'claim', { wishId }),
      ]);
      expect([w.ok, c.ok].filter(Boolean)).toHaveLength(1);
      const [stored] = f.find('wishes', { _id: wishId });
      expect(stored!.timeline).toHaveLength(3);
      expect(stored!.state).toBe(w.ok ? 'withdrawn' : 'claimed');
    }
  });

  test('two confirmations at once: one lands, the claimer is credited once', async () => {
    const wishId = await wishIn(f, 'fulfilled');
    const replies = await Promise.all(
      [1, 2, 3].map(() => f.call(P.resident, 'wish', 'confirm', { wishId, rating: 5 })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(f.find('point_ledger', { sourceId: wishId })).toHaveLength(1);
  });
});
