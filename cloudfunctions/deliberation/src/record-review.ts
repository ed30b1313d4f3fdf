/**
 * deliberation.recordReview — a member entitled to speak for a body records its verdict on
 * the CURRENT proposal version during 联审.
 * Invariants: only in the review step with a drafted proposal (PRECONDITION_FAILED); the Party
 * branch speaks through the estate leader of the topic's estate, each council through its
 * chair in the community (FORBIDDEN for anyone else, e.g. a non-chair member); once per body
 * per version (CONFLICT `review.already-recorded`), also when two calls race — the append is
 * conditional on step + rev and re-checked on every retry; the comment passes the content
 * check; `passed` follows review-outcome.ts.
 */
import { AppError } from '../../../types/errors';
import { reviewBodyLabels, type RecordReviewInput, type TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { assertSafeText } from '../../_shared/content-check';
import type { Ctx } from '../../_shared/context';
import { requireVisible, speaksFor } from './access';
import { updateTopic, withRetry } from './move';
import { currentProposal, mustFindTopic, type ReviewDoc } from './store';
import { wrongStep } from './transitions';
import { toDetail } from './views';

export async function recordReview({ ctx, input }: { ctx: Ctx; input: RecordReviewInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const first = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, first);
  if (!actor.user || !speaksFor(actor, first, input.body)) {
    throw new AppError(
      'FORBIDDEN',
      'review.not-entitled',
      `只有${input.body === 'party_branch' ? '本小区党支部书记' : `${reviewBodyLabels[input.body]}主任`}可以代表${reviewBodyLabels[input.body]}发表联审意见`,
    );
  }
  const user = actor.user;
  if (first.step !== 'review') throw wrongStep(first.step, '联审');
  if (input.comment) await assertSafeText(ctx, { comment: input.comment });
  const moved = await withRetry(ctx, first._id, async (topic) => {
    if (topic.step !== 'review') throw wrongStep(topic.step, '联审');
    const proposal = currentProposal(topic);
    if (!proposal) throw new AppError('PRECONDITION_FAILED', 'review.no-proposal', '方案尚未起草，暂不能联审');
    if (proposal.reviews.some((r) => r.body === input.body)) {
      throw new AppError(
        'CONFLICT',
        'review.already-recorded',
        `${reviewBodyLabels[input.body]}已对当前方案发表过意见`,
      );
    }
    const review: ReviewDoc = {
      body: input.body,
      verdict: input.verdict,
      comment: input.comment,
      byId: user._id,
      byName: user.name,
      at: ctx.now(),
    };
    const index = topic.proposals.length - 1;
    const ok = await updateTopic(
      ctx,
      topic,
      {},
      { [`proposals.${index}.reviews`]: ctx.db.command.push({ each: [review] }) },
    );
    if (!ok) return null;
    const proposals = topic.proposals.map((p, i) => (i === index ? { ...p, reviews: [...p.reviews, review] } : p));
    return { ...topic, rev: topic.rev + 1, proposals, updatedAt: ctx.now() };
  });
  return toDetail(ctx, actor, moved);
}
