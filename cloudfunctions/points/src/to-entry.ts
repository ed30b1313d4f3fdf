/**
 * Ledger documents as `LedgerEntry` results, with whether each has been reversed (the reversal
 * of entry X is the entry `reversal:X`, if it exists; ledger-page.ts joins it to its page).
 */
import type { LedgerEntry } from '../../../types/points';
import { iso } from '../../_shared/db-helpers';
import type { LedgerDoc } from '../../_shared/ledger';

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

/** Signed points as users read them: "+2", "-3". */
export function signed(amount: number): string {
  return amount >= 0 ? `+${amount}` : String(amount);
}
