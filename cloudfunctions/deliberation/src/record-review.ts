/**
 * deliberation.recordReview — a member entitled to speak for a body records its verdict on
 * the CURRENT proposal version during 联审.
 * Invariants: only in the review step with a drafted proposal (PRECONDITION_FAILED); the Party
 * branch speaks through the estate leader of the topic's estate, each council through its
 * chair in the community (FORBIDDEN for anyone else, e.g. a non-chair member); once per body
 * per version (CONFLICT `review.already-recorded`), also when two calls race — the append is
 * conditional on step + rev and re-checked on every retry; the comment passes the content
 * check; `passed` follows review-outcome.ts.
 * Separation of duties (access.ts `reviewRefusal`, checked on every retry against the fresh
 * topic): one person signs for one body on a version (FORBIDDEN `review.one-person-one-body`),
 * except a 支部书记+业委会主任 一肩挑 dual post signing the Party branch and the owners'
 * committee — both reviews are then stored and shown with `dualPost: true`; the 监事会 signer
 * signs for no other body on the version and neither opened the topic nor drafted the version
 * (FORBIDDEN `review.supervisor-independent`). A refusal writes nothing.
 */
import { AppError } from '../../../types/errors';
import { reviewBodyLabels, type RecordReviewInput, type TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { holdsForUpdate, holdsOf, moderateTexts, oweHeldInUpdate, withHolds } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { reviewRefusal, requireVisible, speaksFor } from './access';
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
  const checked = await moderateTexts(ctx, { comment: input.comment });
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
    const refusal = reviewRefusal(actor, topic, proposal, input.body);
    if (refusal) throw refusal;
    // The other body this person signed on the version, if any (only under the dual post).
    const paired = proposal.reviews.findIndex((r) => r.byId === user._id);
    const review: ReviewDoc = {
      body: input.body,
      verdict: input.verdict,
      comment: input.comment,
      byId: user._id,
      byName: user.name,
      at: ctx.now(),
      ...(paired >= 0 ? { dualPost: true } : {}),
    };
    const index = topic.proposals.length - 1;
    const reviews = [...proposal.reviews.map((r, j) => (j === paired ? { ...r, dualPost: true } : r)), review];
    // Usually a push; under the dual post the whole list, so the first review is flagged in the
    // same write (one path per update; the write is conditional on the topic's rev either way).
    const path = `proposals.${index}.reviews`;
    const holds = holdsOf(
      ctx,
      checked,
      { id: user._id, name: user.name },
      {
        comment: { label: '联审意见', paths: [`${path}.${reviews.length - 1}.comment`] },
      },
    );
    const ok = await updateTopic(
      ctx,
      topic,
      {},
      {
        [path]: paired >= 0 ? ctx.db.command.set(reviews) : ctx.db.command.push({ each: [review] }),
        ...holdsForUpdate(ctx, holds),
        ...oweHeldInUpdate(ctx, holds, heldWhere(topic, 'topic', topic._id)),
      },
    );
    if (!ok) return null;
    const proposals = topic.proposals.map((p, i) => (i === index ? { ...p, reviews } : p));
    return withHolds({ ...topic, rev: topic.rev + 1, proposals, updatedAt: ctx.now() }, holds);
  });
  return toDetail(ctx, actor, moved);
}
