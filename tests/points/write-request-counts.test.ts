/**
 * Database requests per call of the points area's writes (issue #13 part 4,
 * docs/adr/0017-requests-per-call.md), counted by the emulator, for a member whose ledger
 * already holds many entries. A credit is a transaction (start, entry, balance, commit; an
 * adjustment also reads the balance for its quarterly cap), and an admin's audit entry is
 * written in it; so an adjustment costs the caller with the person, their roles and the rules
 * 1 and the transaction 6 (plus the quarter's adjustments queried once, while the balance has
 * not counted them: 8, the budget ADR 0017 gives it); a reversal the caller with the entry and
 * its person 1 and the transaction 5 (start, entry, balance, audit entry, commit).
 */
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { setDoc } from '../deliberation/helpers';
import { creditAt, CURRENT, inQuarter, PREVIOUS } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  for (let i = 0; i < 30; i++) await creditAt(inQuarter(CURRENT), { userId: 'user-member', amount: 2 });
  // 60 more members with points over two quarters: more than one reconcile page of 50.
  for (let i = 0; i < 60; i++) {
    const userId = `user-count-${String(i).padStart(2, '0')}`;
    await creditAt(inQuarter(PREVIOUS), { userId, amount: 3 });
    await creditAt(inQuarter(CURRENT), { userId, amount: 1 });
  }
});
afterAll(() => f.stop());

/** The database requests of one points action by 幸福里's admin (which must succeed), with its result. */
async function requestsOf(action: string, data: object): Promise<{ n: number; data: any }> {
  const before = f.server.db.stats().requests;
  const body = (await f.call(demoPersonas.admin, 'points', action, data)) as {
    ok: boolean;
    error?: unknown;
    data?: unknown;
  };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return { n: f.server.db.stats().requests - before, data: body.data };
}

test('an adjustment costs at most eight database requests however long the ledger (seven once its quarter is counted), and its reversal at most six', async () => {
  const adjust = await requestsOf('adjustPoints', {
    communityId: DEMO,
    userId: 'user-member',
    amount: 5,
    reason: '表现突出',
  });
  // A second adjustment in the quarter: the balance has counted the quarter's adjustments.
  const again = await requestsOf('adjustPoints', {
    communityId: DEMO,
    userId: 'user-member',
    amount: 3,
    reason: '协助组织活动',
    requestId: 'req-again-1',
  });
  const reverse = await requestsOf('reverseEntry', { entryId: (adjust.data as { id: string }).id, reason: '录错了' });
  console.log(`[requests] adjustPoints ${adjust.n}, ${again.n}; reverseEntry ${reverse.n}`);
  expect(adjust.n).toBeLessThanOrEqual(8);
  expect(again.n).toBeLessThanOrEqual(7);
  expect(reverse.n).toBeLessThanOrEqual(6);
});

test('changing the rules costs at most four database requests', async () => {
  const current = await f.call(demoPersonas.admin, 'points', 'getRules', { communityId: DEMO });
  const { updatedAt: _u, ...rules } = (current as { data: Record<string, unknown> }).data;
  const { n } = await requestsOf('updateRules', { ...rules, checkin: 3 });
  console.log(`[requests] updateRules ${n}`);
  expect(n).toBeLessThanOrEqual(4);
});

test('a reconcile page of fifty members costs three database requests when clean, and one more per repaired member and one for the audit', async () => {
  const pages: number[] = [];
  let after: string | null | undefined;
  do {
    const { n, data } = await requestsOf('reconcile', { communityId: DEMO, after: after ?? undefined });
    expect(data.repaired).toEqual([]);
    pages.push(n);
    after = data.next as string | null;
  } while (after);
  expect(pages.length).toBeGreaterThan(1);
  // The caller 1, the page 1, one aggregation of the page's ledger 1.
  expect(pages.filter((n) => n > 3)).toEqual([]);
  setDoc(f, 'point_balances', `${DEMO}:user-count-07`, { balance: 1000 });
  const repair = await requestsOf('reconcile', { communityId: DEMO });
  expect(repair.data.repaired).toEqual([{ id: `${DEMO}:user-count-07`, field: 'balance', from: 1000, to: 4 }]);
  console.log(`[requests] reconcile clean ${pages.join(', ')}; one repair ${repair.n}`);
  expect(repair.n).toBeLessThanOrEqual(5);
});
