/**
 * One member's points in one community, as `MyPoints`: the balance and this quarter's total
 * from the balance cache (`point_balances`, kept equal to the ledger by `credit()`), the
 * community's threshold, and a page of ledger entries newest first with reversal flags.
 * A fixed number of reads (balance, rules, page, reversal flags) whatever the ledger's size.
 */
import type { MyPoints } from '../../../types/points';
import { quarterOf } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { BALANCES, balanceId, LEDGER, type BalanceDoc, type LedgerDoc } from '../../_shared/ledger';
import { pageOf, type PageArgs } from '../../_shared/paging';
import { pointRules } from '../../_shared/point-rules';
import { docById } from './store';
import { reversedIds, toEntry } from './to-entry';

export async function ledgerPage(ctx: Ctx, communityId: string, userId: string, page: PageArgs): Promise<MyPoints> {
  const quarter = quarterOf(ctx.now());
  const [balance, rules, res] = await Promise.all([
    docById<BalanceDoc>(ctx, BALANCES, balanceId(communityId, userId)),
    pointRules(ctx, communityId),
    ctx.db
      .collection(LEDGER)
      .where({ communityId, userId })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(page.cursor ?? 0)
      .limit(page.limit + 1)
      .get(),
  ]);
  const { items: docs, nextCursor } = pageOf(res.data as LedgerDoc[], page);
  const reversed = await reversedIds(ctx, docs);
  return {
    balance: balance?.balance ?? 0,
    quarter,
    quarterTotal: balance?.quarters?.[quarter] ?? 0,
    quarterThreshold: rules.quarterThreshold,
    entries: {
      items: docs.map((d) => toEntry(d, reversed.has(d._id))),
      nextCursor,
    },
  };
}
