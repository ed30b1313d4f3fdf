/**
 * Timer `close-quarters` (hourly): closes the quarter that ended at least an hour ago, for
 * every community, a bounded number of communities per run (docs/adr/0041-bounded-jobs).
 * Invariants:
 * - runs with no caller (the wrapper refuses a user posing as the scheduler);
 * - the quarter is the one before the quarter of (now − 1 h), so the close happens from 01:00
 *   China time on a quarter's first day, as before, and later runs of the same quarter resume;
 * - bounded: at most JOB_LIMITS.budget units per run (≈ requests; a community's close costs
 *   about CLOSE_COST), communities in the ring order of `_shared/jobs.ts`, each marked finished
 *   for the quarter in `job_cursors` once closed; when a run has seen every community finished,
 *   the quarter is finished and each later run costs one read;
 * - idempotent — a result is `quarter_results/<communityId>:<quarter>` (closeQuarterFor), so a
 *   second run, a run racing an admin's close, or a run redoing a community after a crash finds
 *   the stored result and changes nothing; one community failing does not stop the others (it
 *   is reported and visited again on the next lap).
 */
import { previousQuarter, quarterOf } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { SimulatedCrash } from '../../_shared/crash-points';
import { forEachCommunity, type JobLimits } from '../../_shared/jobs';
import { closeQuarterFor } from './quarter';

const HOUR_MS = 3600_000;
/** Units one community's close costs: the result, the members, the aggregation, the write and its audit. */
const CLOSE_COST = 6;
export const JOB_LIMITS: JobLimits = { budget: 300, perCommunity: CLOSE_COST };

export interface CloseQuartersResult {
  quarter: string;
  closed: string[];
  alreadyClosed: string[];
  failed: string[];
  /** Whether communities remain for a later run. */
  more: boolean;
}

export async function closeQuartersJob({
  ctx,
  limits = JOB_LIMITS,
}: {
  ctx: Ctx;
  limits?: JobLimits;
}): Promise<CloseQuartersResult> {
  const quarter = previousQuarter(quarterOf(new Date(ctx.now().getTime() - HOUR_MS)));
  const result: CloseQuartersResult = { quarter, closed: [], alreadyClosed: [], failed: [], more: false };
  const run = await forEachCommunity(ctx, 'close-quarters', { ...limits, scope: quarter, once: true }, async (c) => {
    c.budget.spend(CLOSE_COST);
    try {
      const { created } = await closeQuarterFor(ctx, c.communityId, quarter, null);
      (created ? result.closed : result.alreadyClosed).push(c.communityId);
      return 'done';
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      console.error(`[points] ${ctx.requestId} closing ${quarter} of ${c.communityId} failed`, error);
      result.failed.push(c.communityId);
      return 'more';
    }
  });
  result.more = run.more;
  return result;
}
