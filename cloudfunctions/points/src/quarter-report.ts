/**
 * points.quarterReport — each member's points in a quarter against the threshold, ranked;
 * the frozen result once the quarter is closed. Invariants: admins of the community only;
 * points from the database's aggregation (see quarter.ts); writes nothing. Requests: the
 * caller, then at most three (quarter.ts `quarterReportOf`).
 */
import type { QuarterReport, QuarterReportInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireAdmin } from './permissions';
import { quarterReportOf } from './quarter';

export async function quarterReport({ ctx, input }: { ctx: Ctx; input: QuarterReportInput }): Promise<QuarterReport> {
  const actor = await loadActor(ctx);
  requireAdmin(actor, input.communityId);
  return (await quarterReportOf(ctx, input.communityId, input.quarter)).report;
}
