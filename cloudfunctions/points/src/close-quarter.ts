/**
 * points.closeQuarter — an admin freezes a finished quarter's assessment.
 * Invariants: admins of the community only; only a quarter that has ended (China time) can be
 * closed — the current or a future one is PRECONDITION_FAILED; closing an already closed
 * quarter returns the stored result unchanged (see quarter.ts: one document per community and
 * quarter, however many requests race).
 */
import { AppError } from '../../../types/errors';
import type { CloseQuarterInput, QuarterReport } from '../../../types/points';
import { quarterRange } from '../../../types/time';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireAdmin } from './permissions';
import { closeQuarterFor } from './quarter';

export function isFinished(quarter: string, now: Date): boolean {
  return quarterRange(quarter).end.getTime() <= now.getTime();
}

export async function closeQuarter({ ctx, input }: { ctx: Ctx; input: CloseQuarterInput }): Promise<QuarterReport> {
  const actor = await loadActor(ctx);
  const admin = requireAdmin(actor, input.communityId);
  if (!isFinished(input.quarter, ctx.now())) {
    throw new AppError('PRECONDITION_FAILED', 'points.quarter-not-finished', `${input.quarter} 季度尚未结束，不能结算`);
  }
  const { report } = await closeQuarterFor(ctx, input.communityId, input.quarter, admin);
  return report;
}
