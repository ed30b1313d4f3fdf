/**
 * deliberation.rate — a resident rates the outcome 1–5 during 评估, once per household.
 * Invariants: only in the evaluate step inside the window (PRECONDITION_FAILED); only for a
 * household frozen as eligible when voting opened on which the caller holds a resident role
 * (FORBIDDEN otherwise — the same households that could vote; `householdId` picks one when
 * there are several); the rating's `_id` is `<topicId>:<householdId>`, so a second rating of a
 * household is CONFLICT `rating.household-rated`; the comment passes the content check; the
 * rater is credited participation points once per topic (key step `evaluate`), in the same
 * transaction as the rating (a crash leaves both or neither). Requests: the caller with the topic,
 * its rules, objections, rating totals and the caller's households' ratings (one, caller.ts), then
 * start, rating, entry, balance, commit — 6 (7 on a member's first credit in the community: the
 * balance document is created); a rater credited before (another household): 2.
 */
import { AppError } from '../../../types/errors';
import type { RateTopicInput, TopicDetail } from '../../../types/deliberation';
import { holdsForInsert, moderate, oweHeld } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { requireVisible } from './access';
import { loadCallerAndTopic } from './caller';
import { addWithCredit, participationCredit } from './participation';
import { ms, ratingId, type TopicRatingDoc } from './store';
import { wrongStep } from './transitions';
import { eligibleHouseholdsOf, toDetail } from './views';
import { Collections } from '../../_shared/collections';

export async function rate({ ctx, input }: { ctx: Ctx; input: RateTopicInput }): Promise<TopicDetail> {
  const {
    actor,
    topic,
    rules,
    objections,
    credited,
    mine: ratedBefore,
    totals,
  } = await loadCallerAndTopic(ctx, input.topicId, {
    step: 'evaluate',
    totalsOf: 'ratings',
  });
  requireVisible(actor, topic);
  const mine = eligibleHouseholdsOf(actor, topic);
  if (!actor.user || mine.length === 0) {
    throw new AppError('FORBIDDEN', 'rating.not-eligible', '只有议题范围内有表决资格的住户可以评价');
  }
  const user = actor.user;
  let householdId: string;
  if (input.householdId) {
    if (!mine.includes(input.householdId))
      throw new AppError('FORBIDDEN', 'rating.not-your-household', '您不能代表该房屋评价');
    householdId = input.householdId;
  } else if (mine.length === 1) {
    householdId = mine[0]!;
  } else {
    throw new AppError('VALIDATION', 'rating.household-required', '请选择代表哪一户评价', {
      householdId: '请选择房屋',
    });
  }
  if (topic.step !== 'evaluate' || !topic.evaluation) throw wrongStep(topic.step, '评价');
  const now = ctx.now();
  if (ms(topic.evaluation.endsAt) < now.getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'rating.window-over', '评估期已结束');
  }
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      comment: { text: input.comment, label: '评价留言', paths: ['comment'] },
    },
  );
  const doc: TopicRatingDoc = {
    _id: ratingId(topic._id, householdId),
    topicId: topic._id,
    householdId,
    userId: user._id,
    score: input.score,
    high: input.score >= 4 ? 1 : 0,
    comment: input.comment,
    createdAt: now,
    ...(holds.length > 0 ? { communityId: topic.communityId } : {}),
    ...holdsForInsert(holds),
    ...oweHeld(holds, heldWhere(topic, 'rating', ratingId(topic._id, householdId))),
  };
  const credit = credited ? null : await participationCredit(ctx, topic, 'evaluate', user._id, rules);
  try {
    await addWithCredit(
      ctx,
      Collections.topicRatings,
      doc,
      credit,
      async () => {
        const res = await ctx.db.collection(Collections.topicRatings).doc(doc._id).get();
        return (res.data as unknown[]).length > 0;
      },
      'deliberation.rate.before-commit',
    );
  } catch (error) {
    if (isDuplicateWrite(error))
      throw new AppError('CONFLICT', 'rating.household-rated', '您家已经评价过了，每户只能评价一次');
    throw error;
  }
  // The totals read with the topic, and this rating.
  const before = totals ?? { households: 0, high: 0, scoreSum: 0 };
  return toDetail(ctx, actor, topic, {
    objections,
    ratings: {
      stats: { ratings: before.households + 1, high: before.high + doc.high, scoreSum: before.scoreSum + doc.score },
      rated: new Set([...ratedBefore, doc._id]),
    },
  });
}
