/**
 * deliberation.recomputeTally — recomputes the tally from the stored ballots with the stored
 * rule and frozen eligible households, and says whether it equals the stored one.
 * Invariants: anyone who may see the topic may check it (transparency); only once a tally is
 * stored (PRECONDITION_FAILED before); "equal" compares every field but the computation time.
 * Writes nothing.
 */
import { AppError } from '../../../types/errors';
import type { Tally, TopicIdInput } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireVisible } from './access';
import { ballotTotals } from './ballot-totals';
import { mustFindTopic } from './store';
import { sameTally, tally } from './tally';

export async function recomputeTally({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TopicIdInput;
}): Promise<{ stored: Tally; recomputed: Tally; equal: boolean }> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const stored = topic.vote?.tally;
  if (!topic.vote || !stored) throw new AppError('PRECONDITION_FAILED', 'topic.no-tally', '该议题尚未计票');
  const totals = await ballotTotals(ctx, topic._id);
  const recomputed = tally(
    topic.vote.rule,
    { households: topic.vote.eligibleHouseholds, areaCents: topic.vote.eligibleAreaCents },
    totals,
    ctx.now(),
  );
  return { stored, recomputed, equal: sameTally(stored, recomputed) };
}
