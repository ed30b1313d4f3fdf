/**
 * The ledger's invariants, through the real SDK and the emulator: the same key never credits
 * twice (also concurrently), and after any sequence of operations the cached balance equals the
 * ledger's sum, per member and per quarter.
 */
import { Collections } from '../cloudfunctions/_shared/collections';
import { database } from '../cloudfunctions/_shared/database';
import { balanceId, credit, ledgerSum, reconcileBalances, type BalanceDoc } from '../cloudfunctions/_shared/ledger';
import { startTestServer, type TestServer } from './support/in-process-server';
import { localCtx } from './support/local-ctx';

let server: TestServer;
let clock = new Date('2026-09-30T15:00:00Z'); // 23:00 in Shanghai, the last hour of Q3

const ctx = () => localCtx({ now: () => clock });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function storedBalance(communityId: string, userId: string): Promise<BalanceDoc | undefined> {
  const res = await database().collection(Collections.pointBalances).doc(balanceId(communityId, userId)).get();
  return (res.data as BalanceDoc[])[0];
}

test('one key credits once, even when a hundred requests ask at the same moment', async () => {
  const results = await Promise.all(
    Array.from({ length: 100 }, () =>
      credit(ctx(), {
        key: 'checkin:evt-1:user-a',
        userId: 'user-a',
        communityId: 'c1',
        amount: 2,
        reason: 'checkin',
        sourceId: 'evt-1',
        explanation: '签到：主题党日 +2',
        createdBy: null,
      }),
    ),
  );
  expect(results.filter((r) => r.credited)).toHaveLength(1);
  const entries = await database().collection(Collections.pointLedger).where({ userId: 'user-a' }).limit(1000).get();
  expect(entries.data).toHaveLength(1);
  expect((await storedBalance('c1', 'user-a'))?.balance).toBe(2);
});

test('after a random sequence of credits, repeats and reversals the stored balance equals the ledger sum', async () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const users = ['u1', 'u2', 'u3'];
  const keys: string[] = [];
  const expected = new Map<string, number>();
  for (let step = 0; step < 120; step++) {
    if (step === 60) clock = new Date('2026-10-01T01:00:00Z'); // into Q4
    const user = users[Math.floor(random() * users.length)]!;
    const repeat = keys.length > 0 && random() < 0.3;
    const key = repeat ? keys[Math.floor(random() * keys.length)]! : `k${step}:${user}`;
    const amount = Math.floor(random() * 21) - 5;
    const burst = 1 + Math.floor(random() * 3);
    const outcomes = await Promise.all(
      Array.from({ length: burst }, () =>
        credit(ctx(), {
          key,
          userId: user,
          communityId: 'c2',
          amount,
          reason: 'adjustment',
          sourceId: key,
          explanation: '调整',
          createdBy: 'admin',
        }),
      ),
    );
    const credited = outcomes.filter((o) => o.credited);
    expect(credited.length).toBeLessThanOrEqual(1);
    if (credited.length === 1) {
      keys.push(key);
      expected.set(user, (expected.get(user) ?? 0) + amount);
    }
  }
  for (const user of users) {
    const stored = await storedBalance('c2', user);
    const sum = await ledgerSum(ctx(), 'c2', user);
    expect(stored?.balance ?? 0).toBe(sum.balance);
    expect(stored?.quarters ?? {}).toEqual(sum.quarters);
    expect(sum.balance).toBe(expected.get(user) ?? 0);
  }
});

test('a reconcile repair writes only if the balance is still as read: a credit that landed meanwhile wins', async () => {
  const c = 'c-repair';
  await credit(ctx(), {
    key: 'repair:1',
    userId: 'user-r',
    communityId: c,
    amount: 5,
    reason: 'checkin',
    sourceId: 'e1',
    explanation: '',
    createdBy: null,
  });
  // Drift written around the ledger, then the document as a reconcile run would have read it.
  await database().collection(Collections.pointBalances).doc(balanceId(c, 'user-r')).update({ balance: 99 });
  const seen = (await storedBalance(c, 'user-r'))!;
  clock = new Date(clock.getTime() + 1000);
  await credit(ctx(), {
    key: 'repair:2',
    userId: 'user-r',
    communityId: c,
    amount: 2,
    reason: 'checkin',
    sourceId: 'e2',
    explanation: '',
    createdBy: null,
  });
  // Run with the stale copy: nothing is written (the next run sees the credit and repairs).
  expect(await reconcileBalances(ctx(), [seen])).toEqual([]);
  expect((await storedBalance(c, 'user-r'))!.balance).toBe(101);
  const fresh = (await storedBalance(c, 'user-r'))!;
  expect(await reconcileBalances(ctx(), [fresh])).toEqual([
    { id: balanceId(c, 'user-r'), communityId: c, field: 'balance', from: 101, to: 7 },
  ]);
  expect((await storedBalance(c, 'user-r'))!.balance).toBe(7);
  expect(await reconcileBalances(ctx(), [(await storedBalance(c, 'user-r'))!])).toEqual([]);
});
