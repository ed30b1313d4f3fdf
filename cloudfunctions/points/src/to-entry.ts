/**
 * Ledger documents as `LedgerEntry` results, with whether each has been reversed (one query
 * for a whole page: the reversal of entry X is the entry `reversal:X`, if it exists).
 */
import type { LedgerEntry } from '../../../types/points';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import { LEDGER, type LedgerDoc } from '../../_shared/ledger';
import { reversalKey } from './store';

export function toEntry(doc: LedgerDoc, reversed: boolean): LedgerEntry {
  return {
    id: doc._id,
    userId: doc.userId,
    communityId: doc.communityId,
    amount: doc.amount,
    reason: doc.reason,
    sourceId: doc.sourceId,
    explanation: doc.explanation,
    quarter: doc.quarter,
    createdAt: iso(doc.createdAt),
    reversesId: doc.reversesId ?? null,
    reversed,
  };
}

/** The ids among `docs` that have a reversal (one request, whatever the page size). */
export async function reversedIds(ctx: Ctx, docs: readonly LedgerDoc[]): Promise<Set<string>> {
  const candidates = docs.filter((d) => d.reason !== 'reversal').map((d) => reversalKey(d._id));
  if (candidates.length === 0) return new Set();
  const res = await ctx.db
    .collection(LEDGER)
    .where({ _id: ctx.db.command.in(candidates) })
    .field({ reversesId: true })
    .limit(candidates.length)
    .get();
  return new Set((res.data as Array<Pick<LedgerDoc, 'reversesId'>>).map((d) => d.reversesId ?? ''));
}

/** Signed points as users read them: "+2", "-3". */
export function signed(amount: number): string {
  return amount >= 0 ? `+${amount}` : String(amount);
}
