/**
 * points.reconcile and its daily timer (docs/adr/0016): a member's balance document (balance,
 * quarter totals, quarter adjustment totals) moves only in the same transaction as its ledger
 * entry, and the reconcile proves it against the ledger — a document written wrong around the
 * ledger is repaired field by field, reported and audited once; a clean database reports
 * nothing and writes nothing; anyone but the community's admins is refused.
 */
import { LedgerEntry } from '../../types/points';
import type { CounterRepair } from '../../types/reconcile';
import { DEMO, demoPersonas, OTHER, startFixture, type Fixture } from '../support/fixtures';
import { reconcilePages } from '../support/reconcile';
import { setDoc } from '../deliberation/helpers';
import { CURRENT, creditAt, expectError, expectOk, inQuarter, PREVIOUS } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const reconcileAll = (openid: string, communityId?: string) => reconcilePages(f, 'points', openid, communityId);

const balanceOf = (userId: string) => f.find('point_balances', { _id: `${DEMO}:${userId}` })[0]!;
const ledgerSum = (userId: string, quarter?: string) =>
  f
    .find('point_ledger', { communityId: DEMO, userId, ...(quarter ? { quarter } : {}) })
    .reduce((s, e) => s + (e.amount as number), 0);
const audits = () => f.find('audit_log', { action: 'points.reconcile' });

test('on a clean database an admin proves every balance and nothing is reported or written', async () => {
  await creditAt(inQuarter(PREVIOUS), { userId: 'user-member', amount: 5 });
  await creditAt(new Date(), { userId: 'user-member', amount: 3 });
  const report = await f.expectNothingWritten(() => reconcileAll(demoPersonas.admin));
  expect(report.checked).toBeGreaterThan(0);
  expect(report.repaired).toEqual([]);
});

test('a balance document written wrong around the ledger is repaired field by field, reported and audited once; a second run changes nothing', async () => {
  const userId = 'user-member';
  await creditAt(new Date(), { userId, amount: 4 });
  expectOk(
    await f.call(demoPersonas.admin, 'points', 'adjustPoints', {
      communityId: DEMO,
      userId,
      amount: -2,
      reason: '核对测试扣分',
    }),
    LedgerEntry,
  );
  const truth = {
    balance: ledgerSum(userId),
    quarter: ledgerSum(userId, CURRENT),
    previous: ledgerSum(userId, PREVIOUS),
  };
  const adjusted = balanceOf(userId).adjusted[CURRENT] as number;
  setDoc(f, 'point_balances', `${DEMO}:${userId}`, {
    balance: truth.balance + 100,
    [`quarters.${CURRENT}`]: truth.quarter - 1,
    [`adjusted.${CURRENT}`]: adjusted + 7,
  });
  const before = audits().length;

  const report = await reconcileAll(demoPersonas.admin);
  const id = `${DEMO}:${userId}`;
  expect(report.repaired).toEqual(
    expect.arrayContaining([
      { id, field: 'balance', from: truth.balance + 100, to: truth.balance },
      { id, field: `quarters.${CURRENT}`, from: truth.quarter - 1, to: truth.quarter },
      { id, field: `adjusted.${CURRENT}`, from: adjusted + 7, to: adjusted },
    ]),
  );
  expect(report.repaired).toHaveLength(3);
  expect(balanceOf(userId)).toMatchObject({ balance: truth.balance, adjusted: { [CURRENT]: adjusted } });
  expect(balanceOf(userId).quarters[CURRENT]).toBe(truth.quarter);
  expect(audits()).toHaveLength(before + 1);
  expect(audits().at(-1)).toMatchObject({ communityId: DEMO, actorId: 'user-admin' });

  const again = await f.expectNothingWritten(() => reconcileAll(demoPersonas.admin));
  expect(again.repaired).toEqual([]);
});

test('the daily timer repairs a drifted balance of any community, audited as the system', async () => {
  const userId = 'user-member';
  const truth = ledgerSum(userId);
  setDoc(f, 'point_balances', `${DEMO}:${userId}`, { balance: truth - 9 });
  const reply = (await f.server.functions.fireTimer('points', 'reconcile')) as {
    ok: boolean;
    data: { repaired: CounterRepair[] };
  };
  expect(reply).toMatchObject({ ok: true });
  expect(reply.data.repaired).toEqual([{ id: `${DEMO}:${userId}`, field: 'balance', from: truth - 9, to: truth }]);
  expect(balanceOf(userId).balance).toBe(truth);
  expect(audits().at(-1)).toMatchObject({ communityId: DEMO, actorId: null });
  const clean = await f.expectNothingWritten(() => f.server.functions.fireTimer('points', 'reconcile'));
  expect(clean).toMatchObject({ ok: true, data: { repaired: [] } });
});

test('refuses anyone but an admin of the community (a member, a leader, another community’s admin) and writes nothing', async () => {
  const userId = 'user-member';
  setDoc(f, 'point_balances', `${DEMO}:${userId}`, { balance: 12345 });
  await f.expectNothingWritten(async () => {
    for (const openid of [demoPersonas.member, demoPersonas.resident, demoPersonas.leader, 'other-admin']) {
      expectError(await f.call(openid, 'points', 'reconcile', { communityId: DEMO }), 'FORBIDDEN', 'auth.not-admin');
    }
  });
  await reconcileAll('other-admin', OTHER);
  expect(balanceOf(userId).balance).toBe(12345);
});
