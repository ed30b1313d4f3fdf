/**
 * The points area's own collections and stored shapes (the ledger and balances belong to
 * `_shared/ledger.ts`, the rules to `_shared/point-rules.ts`), and small typed reads on them.
 * Invariants: a quarter result's `_id` is `<communityId>:<quarter>` (one per community and
 * quarter, never changed once written); a rating's `_id` is `<year>:<communityId>:<target>:<targetId>`
 * (re-rating replaces it).
 */
import type { Grade, QuarterRow } from '../../../types/points';
import type { Ctx } from '../../_shared/context';

export const QUARTER_RESULTS = 'quarter_results';
export const RATINGS = 'ratings';
/** Written by the checkin area; read here for service cards. */
export const CHECKINS = 'checkins';

export type RatingTarget = 'member' | 'work_unit';

/** A closed quarter: the rows as they stood when it was closed. */
export interface QuarterResultDoc {
  _id: string;
  communityId: string;
  quarter: string;
  threshold: number;
  rows: QuarterRow[];
  closedAt: Date;
  /** The admin who closed it; null when the scheduled job did. */
  closedBy: string | null;
}

export interface RatingDoc {
  _id: string;
  communityId: string;
  year: number;
  target: RatingTarget;
  targetId: string;
  targetName: string;
  grade: Grade;
  comment: string;
  ratedBy: string;
  ratedAt: Date;
}

export function quarterResultId(communityId: string, quarter: string): string {
  return `${communityId}:${quarter}`;
}

export function ratingId(year: number, communityId: string, target: RatingTarget, targetId: string): string {
  return `${year}:${communityId}:${target}:${targetId}`;
}

/** The ledger key of the reversal of `entryId`: at most one reversal per entry. */
export function reversalKey(entryId: string): string {
  return `reversal:${entryId}`;
}

/** One document of any collection by `_id`, or null. */
export async function docById<T>(ctx: Ctx, collection: string, id: string): Promise<T | null> {
  const res = await ctx.db.collection(collection).doc(id).get();
  return ((res.data as T[])[0] as T | undefined) ?? null;
}

/** "2026Q3" → 2026. */
export function yearOfQuarter(quarter: string): number {
  return Number(quarter.slice(0, 4));
}
