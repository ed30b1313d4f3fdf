/**
 * Timer `close-windows` (every 5 minutes): the scheduler's moves.
 * Invariants:
 * - every topic in the vote step whose `voteClosesAt` lies at least the settle period
 *   (VOTE_SETTLE_MS, store.ts) in the past is closed with its tally (close-vote.ts, as
 *   `system`): passed → notice, failed → ended; a topic whose window closed less than that ago
 *   is not selected and stays in vote until a later run (its last ballots may still be landing);
 * - every topic in the evaluate step whose `evaluationEndsAt` has passed is archived;
 * - each is a row of the transition table written as a conditional update (step + rev), so a
 *   topic someone moved in the meantime is skipped; running it twice in a row gives the same
 *   result as running it once (the second run finds nothing to do);
 * - runs with no caller; reads in batches by the (step, voteClosesAt) index.
 */
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import { closeVoteOf } from './close-vote';
import { applyMove } from './move';
import { VOTE_SETTLE_MS, type TopicDoc } from './store';
import { decideMove } from './transitions';
import { Collections } from '../../_shared/collections';

const BATCH = 50;
const SYSTEM = new Set(['system' as const]);

async function sweep(ctx: Ctx, where: Record<string, unknown>, each: (t: TopicDoc) => Promise<void>): Promise<number> {
  const _ = ctx.db.command;
  let seen = 0;
  let after: string | null = null;
  for (;;) {
    const query: Record<string, unknown> = after === null ? where : { ...where, _id: _.gt(after) };
    const res = await ctx.db.collection(Collections.topics).where(query).orderBy('_id', 'asc').limit(BATCH).get();
    const batch = (res.data ?? []) as TopicDoc[];
    for (const topic of batch) {
      seen++;
      try {
        await each(topic);
      } catch (error) {
        // Someone moved it meanwhile: skip. Anything else is a real failure.
        if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
      }
    }
    if (batch.length < BATCH) return seen;
    after = batch[batch.length - 1]!._id;
  }
}

export async function closeWindows({ ctx }: { ctx: Ctx }) {
  const _ = ctx.db.command;
  const now = ctx.now();
  let closed = 0;
  let archived = 0;
  const settled = new Date(now.getTime() - VOTE_SETTLE_MS);
  await sweep(ctx, { step: 'vote', voteClosesAt: _.lte(settled) }, async (topic) => {
    await closeVoteOf(ctx, topic, SYSTEM, null);
    closed++;
  });
  await sweep(ctx, { step: 'evaluate', evaluationEndsAt: _.lte(now) }, async (topic) => {
    const row = decideMove(topic.step, 'archive', SYSTEM, 'archived');
    await applyMove(ctx, topic, row, { by: { id: null, name: '系统' }, note: '评估期结束，系统自动归档' });
    archived++;
  });
  return { closed, archived };
}
