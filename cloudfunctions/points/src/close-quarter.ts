/**
 * points.closeQuarter — an admin freezes a finished quarter's assessment.
 * Invariants: admins of the community only; only a quarter that has ended (China time) can be
 * closed — the current or a future one is PRECONDITION_FAILED; closing an already closed
 * quarter returns the stored result unchanged (see quarter.ts: one document per community and
 * quarter, however many requests race).
 * Requests: the caller with the stored result and the rules 1 (actor-with.ts); when not closed
 * yet, the members and the ledger's aggregation (together) 2, the result 1, its audit 1 and
 * the result's `audited` flag 1 — 6 (quarter.ts: a close cut off before its audit is finished
 * by the next close).
 */
import { AppError } from '../../../types/errors';
import type { CloseQuarterInput, QuarterReport } from '../../../types/points';
import { quarterRange } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { type PointRulesDoc } from '../../_shared/point-rules';
import { actorWith } from './actor-with';
import { requireAdmin } from './permissions';
import { closeQuarterFor } from './quarter';
import { quarterResultId, type QuarterResultDoc } from './store';
import { Collections } from '../../_shared/collections';

export function isFinished(quarter: string, now: Date): boolean {
  return quarterRange(quarter).end.getTime() <= now.getTime();
}

export async function closeQuarter({ ctx, input }: { ctx: Ctx; input: CloseQuarterInput }): Promise<QuarterReport> {
  // The caller, the quarter's stored result and the community's rules: one request.
  const { actor, joined } = await actorWith(ctx, {
    result: { from: Collections.quarterResults, value: quarterResultId(input.communityId, input.quarter) },
    rules: { from: Collections.pointRules, value: input.communityId },
  });
  const admin = requireAdmin(actor, input.communityId);
  if (!isFinished(input.quarter, ctx.now())) {
    throw new AppError('PRECONDITION_FAILED', 'points.quarter-not-finished', `${input.quarter} 季度尚未结束，不能结算`);
  }
  const { report } = await closeQuarterFor(ctx, input.communityId, input.quarter, admin, {
    existing: (joined.result[0] as QuarterResultDoc | undefined) ?? null,
    rules: (joined.rules[0] as Partial<PointRulesDoc> | undefined) ?? null,
  });
  return report;
}
