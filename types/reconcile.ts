/**
 * What every area's `reconcile` action takes and reports (checkin, deliberation, points; the
 * volunteer area has its own per-activity `volunteer.reconcile`). An admin checks one community
 * a page at a time: `after` is the `next` of the previous page (absent on the first).
 */
import { z } from 'zod';
import { Id } from './common';

export const ReconcileInput = z
  .object({
    communityId: Id,
    after: z
      .string()
      .trim()
      .min(1)
      .max(200, '游标过长')
      .optional()
      .describe('the `next` of the previous page; absent on the first page'),
  })
  .strict();
export type ReconcileInput = z.infer<typeof ReconcileInput>;

/** One stored counter that disagreed with its documents and was set to their count. */
export const CounterRepair = z
  .object({
    id: z.string().describe('the document holding the counter'),
    field: z.string().describe('the counter, a dotted path for a map entry (e.g. quarters.2026Q4)'),
    from: z.number().int().nullable().describe('the stored value (null: it was missing)'),
    to: z.number().int().describe('the value counted from the documents'),
  })
  .strict();
export type CounterRepair = z.infer<typeof CounterRepair>;

export const ReconcileReport = z
  .object({
    checked: z.number().int().describe('documents whose counters were checked on this page'),
    repaired: z.array(CounterRepair).describe('every counter changed (empty: all agreed)'),
    next: z.string().nullable().describe('pass as `after` for the next page; null on the last page'),
  })
  .strict();
export type ReconcileReport = z.infer<typeof ReconcileReport>;
