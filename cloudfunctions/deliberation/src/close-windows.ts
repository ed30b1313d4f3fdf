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
import { forEachCommunity, runSweeps, type JobLimits, type Sweep, type SweepPlace } from '../../_shared/jobs';
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

type Counts = { closed: number; archived: number };

/** A move the scheduler makes; false when someone moved the topic meanwhile (skipped). Anything else is a real failure. */
async function unlessMoved(move: () => Promise<unknown>): Promise<boolean> {
  try {
    await move();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') return false;
    throw error;
  }
}

const sweeps: Array<Sweep<TopicDoc, keyof Counts>> = [
  {
    order: { by: 'voteClosesAt', dir: 'asc' },
    where: (ctx, communityId) => ({
      communityId,
      step: 'vote',
      voteClosesAt: ctx.db.command.lte(new Date(ctx.now().getTime() - VOTE_SETTLE_MS)),
    }),
    each: (ctx, topic) => unlessMoved(() => closeVoteOf(ctx, topic, SYSTEM, null, { deliverNow: true })),
    counted: 'closed',
  },
  {
    order: { by: 'evaluationEndsAt', dir: 'asc' },
    where: (ctx, communityId) => ({ communityId, step: 'evaluate', evaluationEndsAt: ctx.db.command.lte(ctx.now()) }),
    each: (ctx, topic) =>
      unlessMoved(() =>
        applyMove(ctx, topic, decideMove(topic.step, 'archive', SYSTEM, 'archived'), {
          by: { id: null, name: '系统' },
          note: '评估期结束，系统自动归档',
        }),
      ),
    counted: 'archived',
  },
];

export async function closeWindows({ ctx, limits = JOB_LIMITS }: { ctx: Ctx; limits?: JobLimits }) {
  const counts: Counts = { closed: 0, archived: 0 };
  const run = await forEachCommunity<SweepPlace>(ctx, 'close-windows', limits, (c) =>
    runSweeps(ctx, c, Collections.topics, sweeps, counts, { batch: BATCH, cost: MOVE_COST }),
  );
  return { ...counts, more: run.more };
}
