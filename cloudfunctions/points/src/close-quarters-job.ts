/**
 * Timer `close-quarters` (01:00 China time on the first day of each quarter): closes the
 * quarter that just ended, for every community.
 * Invariants: runs with no caller (the wrapper refuses a user posing as the scheduler);
 * idempotent — a second run (or a run racing an admin's close) finds the stored results and
 * changes nothing; one community failing does not stop the others (it is reported, and the
 * next run or an admin can close it).
 */
import { previousQuarter, quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { CommunityDoc } from '../../_shared/documents';
import { closeQuarterFor } from './quarter';

export interface CloseQuartersResult {
  quarter: string;
  closed: string[];
  alreadyClosed: string[];
  failed: string[];
}

export async function closeQuartersJob({ ctx }: { ctx: Ctx }): Promise<CloseQuartersResult> {
  const quarter = previousQuarter(quarterOf(ctx.now()));
  const communities = await getAll<CommunityDoc>(ctx.db.collection(Collections.communities).where({}));
  const result: CloseQuartersResult = { quarter, closed: [], alreadyClosed: [], failed: [] };
  for (const community of communities) {
    try {
      const { created } = await closeQuarterFor(ctx, community._id, quarter, null);
      (created ? result.closed : result.alreadyClosed).push(community._id);
    } catch (error) {
      console.error(`[points] ${ctx.requestId} closing ${quarter} of ${community._id} failed`, error);
      result.failed.push(community._id);
    }
  }
  return result;
}
