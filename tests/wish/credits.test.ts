/**
 * A confirmation and the claimer's points are one act (docs/adr/0015): the move fulfilled →
 * confirmed, the ledger entry `wish:<id>` and the claimer's balance commit in one transaction,
 * so a crash leaves the wish confirmed and credited or neither; the retry of an unanswered
 * confirmation is refused by the wish's state and writes nothing; concurrent confirmations
 * credit once.
 */
import { defaultPointRules } from '../../cloudfunctions/_shared/point-rules';
import { WishDetail } from '../../types/wish';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';
import { crashAt, resetCrashPointsAfterEach } from '../support/crash-points';
import { singleExitStates } from '../../cloudfunctions/wish/src/move';
import { expectError, expectOk, P, wishIn } from './helpers';
import { whenTransactionStarts } from '../support/races';

const POINTS = defaultPointRules.wishFulfilled;

let f: Fixture;
let claimerId: string;
beforeAll(async () => {
  f = await startFixture();
  claimerId = f.find('users', { openid: P.member })[0]!._id as string;
});
afterAll(() => f.stop());
resetCrashPointsAfterEach({ quiet: true });

const confirm = (wishId: string) => f.call(P.resident, 'wish', 'confirm', { wishId, rating: 5 });

/** The wish's state, the claimer's entries for it, balance and ledger sum. */
function stateOf(wishId: string) {
  const entries = f.find('point_ledger', { communityId: DEMO, userId: claimerId });
  const wish = f.find('wishes', { _id: wishId })[0]!;
  return {
    state: wish.state as string,
    creditPending: wish.creditPending as boolean,
    entries: entries.filter((e) => e.sourceId === wishId).map((e) => e._id as string),
    balance: (f.find('point_balances', { _id: `${DEMO}:${claimerId}` })[0]?.balance as number | undefined) ?? 0,
    ledgerSum: entries.reduce((s, e) => s + (e.amount as number), 0),
  };
}

/** The claimer's in-app messages about the confirmation of `wishId`. */
const toldOf = (wishId: string) => f.find('messages', { _id: `wish:${wishId}:confirmed` });

test('the claimer’s first credit adds their balance; when another credit creates it between the read and the transaction, the confirmation runs again and credits once, balance = ledger', async () => {
  const wishId = await wishIn(f, 'fulfilled');
  expect(stateOf(wishId).balance).toBe(0);
  expect(f.find('point_balances', { _id: `${DEMO}:${claimerId}` })).toEqual([]);
  // Another credit of the claimer (its entry and the balance it creates) lands right before the
  // confirmation's first transaction starts: the read saw no balance.
  const confirmed = await whenTransactionStarts(
    f,
    () => {
      const at = new Date();
      f.insert('point_ledger', [
        {
          _id: `test:meanwhile:${claimerId}`,
          userId: claimerId,
          communityId: DEMO,
          amount: 3,
          reason: 'adjustment',
          sourceId: 'test',
          explanation: '同时到账的积分',
          quarter: '2026Q4',
          hours: 0,
          reversesId: null,
          createdBy: 'test',
          createdAt: at,
        },
      ]);
      f.insert('point_balances', [
        { _id: `${DEMO}:${claimerId}`, userId: claimerId, communityId: DEMO, balance: 3, quarters: {}, updatedAt: at },
      ]);
    },
    () => confirm(wishId),
  );
  expect(expectOk(confirmed, WishDetail).state).toBe('confirmed');
  const after = stateOf(wishId);
  expect(after).toMatchObject({ state: 'confirmed', entries: [`wish:${wishId}`], balance: 3 + POINTS });
  expect(after.balance).toBe(after.ledgerSum);
  expect(toldOf(wishId)).toHaveLength(1);
});

test('a crash before the commit leaves the wish fulfilled and uncredited; the retry confirms and credits once', async () => {
  const wishId = await wishIn(f, 'fulfilled');
  const before = stateOf(wishId);
  await crashAt('wish.confirm.before-commit', () => confirm(wishId));
  expect(stateOf(wishId)).toEqual(before);
  expect(before).toMatchObject({ state: 'fulfilled', entries: [] });
  expect(toldOf(wishId)).toEqual([]);

  expect(expectOk(await confirm(wishId), WishDetail).state).toBe('confirmed');
  const after = stateOf(wishId);
  expect(after).toMatchObject({ state: 'confirmed', creditPending: false, entries: [`wish:${wishId}`] });
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});

test('a crash after the commit leaves the wish confirmed and credited; the retry is refused and writes nothing', async () => {
  const wishId = await wishIn(f, 'fulfilled');
  const before = stateOf(wishId);
  await crashAt('wish.confirm.after-commit', () => confirm(wishId));
  const crashed = stateOf(wishId);
  expect(crashed).toMatchObject({ state: 'confirmed', creditPending: false, entries: [`wish:${wishId}`] });
  expect(crashed.balance).toBe(before.balance + POINTS);
  expect(crashed.balance).toBe(crashed.ledgerSum);
  // The claimer's message commits with the confirmation, so the crash does not lose it.
  expect(toldOf(wishId)).toHaveLength(1);

  const retry = await f.expectNothingWritten(() => confirm(wishId));
  expectError(retry, 'PRECONDITION_FAILED', 'wish.illegal-move');
  expect(stateOf(wishId)).toEqual(crashed);
});

test('ten confirmations at once: one succeeds, the claimer is credited once', async () => {
  const wishId = await wishIn(f, 'fulfilled');
  const before = stateOf(wishId);
  const replies = await Promise.all(Array.from({ length: 10 }, () => confirm(wishId)));
  expect(replies.filter((r) => r.ok)).toHaveLength(1);
  const refused = replies.filter((r) => !r.ok).map((r) => `${r.error.code} ${r.error.reason}`);
  expect(new Set(refused)).toEqual(new Set(['PRECONDITION_FAILED wish.illegal-move']));
  const after = stateOf(wishId);
  expect(after.entries).toEqual([`wish:${wishId}`]);
  expect(after.balance).toBe(before.balance + POINTS);
  expect(after.balance).toBe(after.ledgerSum);
});

test('only a confirmation leaves a fulfilled wish, which lets it write its move without reading the wish again', () => {
  expect(singleExitStates.has('fulfilled')).toBe(true);
});

test('ten confirmations at once when the rules give no points: one succeeds, with one timeline entry and one message', async () => {
  const wishId = await wishIn(f, 'fulfilled');
  f.insert('point_rules', [{ _id: DEMO, wishFulfilled: 0, updatedAt: new Date() }]);
  try {
    const before = stateOf(wishId);
    const replies = await Promise.all(Array.from({ length: 10 }, () => confirm(wishId)));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    const refused = replies.filter((r) => !r.ok).map((r) => `${r.error.code} ${r.error.reason}`);
    expect(new Set(refused)).toEqual(new Set(['PRECONDITION_FAILED wish.illegal-move']));
    const wish = f.find('wishes', { _id: wishId })[0]!;
    expect(wish.timeline.filter((t: { to: string }) => t.to === 'confirmed')).toHaveLength(1);
    expect(wish.rev).toBe(f.find('wishes', { _id: wishId })[0]!.timeline.length - 1);
    expect(toldOf(wishId)).toHaveLength(1);
    expect(stateOf(wishId)).toMatchObject({ state: 'confirmed', entries: [], balance: before.balance });
  } finally {
    f.server.db.handle({
      action: 'database.removeDocument',
      collectionName: 'point_rules',
      queryType: 'WHERE',
      query: JSON.stringify({ _id: DEMO }),
      multi: true,
    });
  }
});

test('a claim that died before telling the poster is answered OK when its claimer retries, and the poster is told once', async () => {
  const wishId = await wishIn(f, 'published');
  await crashAt('wish.move.before-message', () => f.call(P.member, 'wish', 'claim', { wishId }));
  const told = () => f.find('messages', {}).filter((m) => String(m._id).startsWith(`wish:${wishId}:claimed`));
  expect(told()).toHaveLength(0);
  const retried = expectOk(await f.call(P.member, 'wish', 'claim', { wishId }), WishDetail);
  expect(retried.state).toBe('claimed');
  expect(told()).toHaveLength(1);
  expectOk(await f.call(P.member, 'wish', 'claim', { wishId }), WishDetail);
  expect(told()).toHaveLength(1);
  expect(f.find('wishes', { _id: wishId })[0]!.claimSeq).toBe(1);
});

test('a claimer who lost the member role is refused on the retry of their claim, and the poster is still told of the claim that stands, once', async () => {
  const wishId = await wishIn(f, 'published');
  await crashAt('wish.move.before-message', () => f.call(P.member, 'wish', 'claim', { wishId }));
  const roles = f.find('roles', { userId: claimerId, kind: 'member', communityId: DEMO });
  expect(roles.length).toBeGreaterThan(0);
  f.server.db.handle({
    action: 'database.removeDocument',
    collectionName: 'roles',
    query: JSON.stringify({ userId: claimerId, kind: 'member', communityId: DEMO }),
    multi: true,
  });
  try {
    const retried = await f.call(P.member, 'wish', 'claim', { wishId });
    expect(retried.ok).toBe(false);
    // The claim committed with its notice owed (ADR 0031): the retry's read of the wish tells it.
    expect(f.find('messages', {}).filter((m) => String(m._id).startsWith(`wish:${wishId}:claimed`))).toHaveLength(1);
  } finally {
    f.insert('roles', roles);
  }
});
