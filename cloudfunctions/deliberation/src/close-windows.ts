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
 * - runs with no caller; bounded (docs/adr/0041-bounded-jobs): community by community in the
 *   ring of `_shared/jobs.ts`, at most JOB_LIMITS units per run and per community; a community's
 *   topics are read in pages by the (communityId, step, voteClosesAt) and (communityId, step,
 *   evaluationEndsAt) indexes in (time, _id) order, and its cursor (which sweep, and the keyset
 *   after the last topic handled) is saved when its share is spent, so the next run resumes there.
 */
import { AppError } from '../../../types/errors';
import type { Ctx } from '../../_shared/context';
import { forEachCommunity, type CommunityOutcome, type CommunityRun, type JobLimits } from '../../_shared/jobs';
import { encodeCursor, keysOf, sortedBy, whereAfter, type PageOrder } from '../../_shared/paging';
import { closeVoteOf } from './close-vote';
import { applyMove } from './move';
import { VOTE_SETTLE_MS, type TopicDoc } from './store';
import { decideMove } from './transitions';
import { Collections } from '../../_shared/collections';

const BATCH = 20;
/** Units one topic's move costs (closing a vote reads its tally: more than archiving). */
const MOVE_COST = 6;
export const JOB_LIMITS: JobLimits = { budget: 300, perCommunity: 100 };
const SYSTEM = new Set(['system' as const]);

/** A community's place: the sweep it is in (0 votes, 1 evaluations) and the keyset after the last topic handled. */
interface Place {
  sweep: number;
  after?: string;
}

interface Sweep {
  order: PageOrder;
  where: (ctx: Ctx, communityId: string) => Record<string, unknown>;
  each: (ctx: Ctx, topic: TopicDoc) => Promise<void>;
  counted: 'closed' | 'archived';
}

const sweeps: Sweep[] = [
  {
    order: { by: 'voteClosesAt', dir: 'asc' },
    where: (ctx, communityId) => ({
      communityId,
      step: 'vote',
      voteClosesAt: ctx.db.command.lte(new Date(ctx.now().getTime() - VOTE_SETTLE_MS)),
    }),
    each: async (ctx, topic) => {
      await closeVoteOf(ctx, topic, SYSTEM, null);
    },
    counted: 'closed',
  },
  {
    order: { by: 'evaluationEndsAt', dir: 'asc' },
    where: (ctx, communityId) => ({ communityId, step: 'evaluate', evaluationEndsAt: ctx.db.command.lte(ctx.now()) }),
    each: async (ctx, topic) => {
      const row = decideMove(topic.step, 'archive', SYSTEM, 'archived');
      await applyMove(ctx, topic, row, { by: { id: null, name: '系统' }, note: '评估期结束，系统自动归档' });
    },
    counted: 'archived',
  },
];

async function closeCommunity(
  ctx: Ctx,
  c: CommunityRun<Place>,
  counts: { closed: number; archived: number },
): Promise<CommunityOutcome> {
  let place: Place = c.state ?? { sweep: 0 };
  while (place.sweep < sweeps.length) {
    const sweep = sweeps[place.sweep]!;
    if (c.budget.spent) {
      await c.save(place);
      return 'more';
    }
    c.budget.spend();
    const res = await sortedBy(
      ctx.db
        .collection(Collections.topics)
        .where(whereAfter(ctx, sweep.where(ctx, c.communityId), place.after, sweep.order)),
      sweep.order,
    )
      .limit(BATCH)
      .get();
    const batch = (res.data ?? []) as TopicDoc[];
    for (const topic of batch) {
      c.budget.spend(MOVE_COST);
      try {
        await sweep.each(ctx, topic);
        counts[sweep.counted]++;
      } catch (error) {
        // Someone moved it meanwhile: skip. Anything else is a real failure.
        if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
      }
      place = { sweep: place.sweep, after: encodeCursor(keysOf(sweep.order)(topic)) };
      if (c.budget.spent && topic !== batch[batch.length - 1]) {
        await c.save(place);
        return 'more';
      }
    }
    if (batch.length < BATCH) place = { sweep: place.sweep + 1 };
  }
  return 'done';
}

export async function closeWindows({ ctx, limits = JOB_LIMITS }: { ctx: Ctx; limits?: JobLimits }) {
  const counts = { closed: 0, archived: 0 };
  const run = await forEachCommunity<Place>(ctx, 'close-windows', limits, (c) => closeCommunity(ctx, c, counts));
  return { ...counts, more: run.more };
}
