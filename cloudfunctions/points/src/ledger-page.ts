/**
 * One member's points in one community, as `MyPoints`: the balance and this quarter's total
 * from the balance cache (`point_balances`, kept equal to the ledger by `credit()`), the
 * community's threshold, and a page of ledger entries newest first with reversal flags.
 * Two requests whatever the ledger's size: the member's context (balance, the community's
 * rules and, when asked, the member's role: `memberContext`, one aggregation) and the page
 * with each entry's reversal joined (one aggregation).
 */
import type { MyPoints } from '../../../types/points';
import { quarterOf } from '../../../types/time';
import { Collections, type CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { roleId, type RoleDoc } from '../../_shared/documents';
import { balanceId, type BalanceDoc, type LedgerDoc } from '../../_shared/ledger';
import { keysOf, pageOf, sortStage, whereAfter, type PageArgs, type PageOrder } from '../../_shared/paging';
import { type PointRulesDoc } from '../../_shared/point-rules';
import { docsByIds, reversalKey, thresholdOf } from './store';
import { toEntry } from './to-entry';

export interface MemberContext {
  balance: BalanceDoc | null;
  /** The community's stored rules (null: never edited, the defaults apply). */
  rules: Partial<PointRulesDoc> | null;
  /** The member's `member` role in the community (read only when asked). */
  role: RoleDoc | null;
}

/** The member's balance, the community's rules and (with `role`) the member's role: one request. */
export async function memberContext(
  ctx: Ctx,
  communityId: string,
  userId: string,
  opts: { role?: boolean } = {},
): Promise<MemberContext> {
  const wanted: Record<string, { collection: CollectionName; id: string }> = {
    balance: { collection: Collections.pointBalances, id: balanceId(communityId, userId) },
    rules: { collection: Collections.pointRules, id: communityId },
  };
  if (opts.role) wanted.role = { collection: Collections.roles, id: roleId('member', userId, communityId) };
  const { docs } = await docsByIds(ctx, { collection: Collections.communities, id: communityId }, wanted);
  const found = docs as Partial<Record<'balance' | 'rules' | 'role', unknown>>;
  return {
    balance: (found.balance ?? null) as BalanceDoc | null,
    rules: (found.rules ?? null) as Partial<PointRulesDoc> | null,
    role: (found.role ?? null) as RoleDoc | null,
  };
}

type JoinedEntry = LedgerDoc & { _reversal?: unknown[] };

const NEWEST_FIRST: PageOrder = { by: 'createdAt', dir: 'desc' };

/** A page of the member's entries, newest first, each with its reversal (if any) joined: one request. */
async function entriesPage(ctx: Ctx, communityId: string, userId: string, page: PageArgs): Promise<JoinedEntry[]> {
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(Collections.pointLedger)
    .aggregate()
    .match(whereAfter(ctx, { communityId, userId }, page.cursor, NEWEST_FIRST))
    .sort(sortStage(NEWEST_FIRST))
    .limit(page.limit + 1)
    // The reversal of entry X is the entry `reversal:X` (store.ts), joined by its `_id`.
    .addFields({ _reversalKey: $.concat([reversalKey(''), '$_id']) })
    .lookup({ from: Collections.pointLedger, localField: '_reversalKey', foreignField: '_id', as: '_reversal' })
    .end();
  return res.data as JoinedEntry[];
}

export async function ledgerPage(
  ctx: Ctx,
  communityId: string,
  userId: string,
  page: PageArgs,
  known?: MemberContext,
): Promise<MyPoints> {
  const quarter = quarterOf(ctx.now());
  const [context, rows] = await Promise.all([
    known ?? memberContext(ctx, communityId, userId),
    entriesPage(ctx, communityId, userId, page),
  ]);
  const { items: docs, nextCursor } = pageOf(rows, page, keysOf(NEWEST_FIRST));
  const { balance, rules } = context;
  return {
    balance: balance?.balance ?? 0,
    quarter,
    quarterTotal: balance?.quarters?.[quarter] ?? 0,
    quarterThreshold: thresholdOf(rules),
    entries: {
      items: docs.map((d) => toEntry(d, d.reason !== 'reversal' && (d._reversal?.length ?? 0) > 0)),
      nextCursor,
    },
  };
}
