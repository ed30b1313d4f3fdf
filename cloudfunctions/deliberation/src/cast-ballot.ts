/**
 * deliberation.castBallot — a resident casts their household's ballot inside the window.
 * Invariants:
 * - only in the vote step (PRECONDITION_FAILED) and inside [opensAt, closesAt]
 *   (PRECONDITION_FAILED `topic.vote-closed`);
 * - only for a household in the list frozen when voting opened, on which the caller holds a
 *   resident role (FORBIDDEN otherwise); with several such households `householdId` picks one
 *   (VALIDATION when missing), with one it is that one;
 * - one ballot per household: the ballot's `_id` is `<topicId>:<householdId>`, so a second
 *   ballot — by the same or another resident, however concurrent — is a duplicate-key error,
 *   answered CONFLICT `ballot.household-voted`, and the first stands unchanged;
 * - the ballot carries the household's frozen area; its choice is never returned to others;
 * - a ballot never becomes visible after a close may have aggregated the ballots: a close
 *   waits until closesAt + VOTE_SETTLE_MS (close-vote.ts, docs/adr/0009), and this call guards
 *   its own lateness — if, after the insert, `ctx.now()` is already past closesAt +
 *   VOTE_SETTLE_MS / 2 (the call took abnormally long), it removes its own ballot again and
 *   answers PRECONDITION_FAILED `ballot.vote-closed`, crediting nothing. So a ballot that
 *   stays stored was written by closesAt + VOTE_SETTLE_MS / 2, and a withdrawn one is gone
 *   before this call ends (within the function timeout, under VOTE_SETTLE_MS);
 * - the caster is credited participation points once per topic (key step `vote`), only for a
 *   ballot that stands.
 */
import { AppError } from '../../../types/errors';
import type { BallotReceipt, CastBallotInput } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { requireVisible } from './access';
import { creditParticipation } from './participation';
import { BALLOTS, ballotId, ms, mustFindTopic, VOTE_SETTLE_MS, type BallotDoc } from './store';
import { wrongStep } from './transitions';
import { turnoutOf } from './turnout';
import { eligibleHouseholdsOf } from './views';

export async function castBallot({ ctx, input }: { ctx: Ctx; input: CastBallotInput }): Promise<BallotReceipt> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  if (topic.step !== 'vote' || !topic.vote) throw wrongStep(topic.step, '投票');
  const vote = topic.vote;
  const mine = eligibleHouseholdsOf(actor, topic);
  if (!actor.user || mine.length === 0) {
    throw new AppError('FORBIDDEN', 'ballot.not-eligible', '只有议题范围内有投票资格的住户可以投票');
  }
  let householdId: string;
  if (input.householdId) {
    if (!mine.includes(input.householdId)) {
      throw new AppError('FORBIDDEN', 'ballot.not-your-household', '您不能代表该房屋投票');
    }
    householdId = input.householdId;
  } else if (mine.length === 1) {
    householdId = mine[0]!;
  } else {
    throw new AppError('VALIDATION', 'ballot.household-required', '您在范围内有多处房屋，请选择代表哪一户投票', {
      householdId: '请选择房屋',
    });
  }
  const now = ctx.now();
  if (now.getTime() < ms(vote.opensAt) || now.getTime() > ms(vote.closesAt)) {
    throw new AppError('PRECONDITION_FAILED', 'ballot.vote-closed', '不在投票时间内');
  }
  const areaCents = vote.eligible.find((e) => e.h === householdId)!.a;
  const ballot: BallotDoc = {
    _id: ballotId(topic._id, householdId),
    topicId: topic._id,
    householdId,
    areaCents,
    choice: input.choice,
    userId: actor.user._id,
    castAt: now,
  };
  try {
    await ctx.db.collection(BALLOTS).add(ballot);
  } catch (error) {
    if (isDuplicateWrite(error)) {
      throw new AppError('CONFLICT', 'ballot.household-voted', '您家已经投过票了，每户只能投一票');
    }
    throw error;
  }
  if (ctx.now().getTime() > ms(vote.closesAt) + VOTE_SETTLE_MS / 2) {
    // Too late to be sure a close has not aggregated yet (or will not before this ballot is
    // seen): withdraw it, so it is neither counted nor reported as cast. The insert above
    // succeeded, so the document with this `_id` is this call's own ballot.
    await ctx.db.collection(BALLOTS).doc(ballot._id).remove();
    throw new AppError('PRECONDITION_FAILED', 'ballot.vote-closed', '投票已截止，您的选票未能及时提交，未计入');
  }
  await creditParticipation(ctx, topic, 'vote', actor.user._id);
  return {
    topicId: topic._id,
    householdId,
    castAt: now.toISOString(),
    turnout: await turnoutOf(ctx, topic, mine),
  };
}
