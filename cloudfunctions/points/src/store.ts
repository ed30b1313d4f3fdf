/**
 * The points area's own collections and stored shapes (the ledger and balances belong to
 * `_shared/ledger.ts`, the rules to `_shared/point-rules.ts`), and small typed reads on them.
 * Invariants: a quarter result's `_id` is `<communityId>:<quarter>` (one per community and
 * quarter, never changed once written); a rating's `_id` is `<year>:<communityId>:<target>:<targetId>`
 * (re-rating replaces it); `docsByIds` reads documents of several collections by id in one
 * request.
 */
import type { RatingTarget } from '../../../types/documents';
import type { CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById, getByIdWith } from '../../_shared/db-helpers';
import { defaultPointRules, type PointRulesDoc } from '../../_shared/point-rules';

export type { QuarterResultDoc, RatingDoc, RatingTarget } from '../../../types/documents';

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

/** "2026Q3" → 2026. */
export function yearOfQuarter(quarter: string): number {
  return Number(quarter.slice(0, 4));
}

/**
 * Documents of several collections, each by `_id`, in ONE request: an aggregation on an anchor
 * document that exists (a community, a user) adds each wanted id to it as a literal field and
 * joins the wanted document by `_id` (so an index serves every join). A wanted document that
 * does not exist is null. When the anchor itself is missing, each is read on its own.
 */
export async function docsByIds<K extends string>(
  ctx: Ctx,
  anchor: { collection: CollectionName; id: string },
  wanted: Record<K, { collection: CollectionName; id: string }>,
): Promise<{ anchor: Record<string, unknown> | null; docs: Record<K, unknown> }> {
  const $ = ctx.db.command.aggregate;
  const keys = Object.keys(wanted) as K[];
  const row = await getByIdWith<Record<string, unknown>>(ctx, anchor.collection, anchor.id, (one) =>
    keys.reduce(
      (q, k, i) =>
        q.lookup({ from: wanted[k].collection, localField: `_want${i}`, foreignField: '_id', as: `_got${i}` }),
      one.addFields(Object.fromEntries(keys.map((k, i) => [`_want${i}`, $.literal(wanted[k].id)]))),
    ),
  );
  if (!row) {
    const docs = await Promise.all(keys.map((k) => getById(ctx, wanted[k].collection, wanted[k].id)));
    return { anchor: null, docs: Object.fromEntries(keys.map((k, i) => [k, docs[i] ?? null])) as Record<K, unknown> };
  }
  const docs = Object.fromEntries(keys.map((k, i) => [k, (row[`_got${i}`] as unknown[] | undefined)?.[0] ?? null]));
  for (let i = 0; i < keys.length; i++) {
    delete row[`_want${i}`];
    delete row[`_got${i}`];
  }
  return { anchor: row, docs: docs as Record<K, unknown> };
}

/** The community's quarterly threshold from its stored rules (null: never edited), as `pointRules` has it. */
export function thresholdOf(stored: Partial<PointRulesDoc> | null): number {
  const value = stored?.quarterThreshold;
  return typeof value === 'number' ? value : defaultPointRules.quarterThreshold;
}
