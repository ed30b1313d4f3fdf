/**
 * deliberation.draftProposal — the topic's leader (or an admin) drafts the proposal during
 * 联审, or revises it: every draft is a NEW version appended (the old ones kept with their
 * reviews), and reviews start afresh for the new version.
 * Invariants: only in the review step (PRECONDITION_FAILED); only leaders/admins (FORBIDDEN);
 * `answersOpinionIds` must all be opinions of this topic (VALIDATION); the text passes the
 * content check; the append is conditional on step + rev (retried on a concurrent change);
 * audited.
 */
import { AppError } from '../../../types/errors';
import type { DraftProposalInput, TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { holdsForUpdate, holdsOf, moderateTexts, oweHeldInUpdate, withHolds } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { getByIds } from '../../_shared/db-helpers';
import { requireLeader, requireVisible } from './access';
import { updateTopic, withRetry } from './move';
import { mustFindTopic, type ProposalDoc } from './store';
import { wrongStep } from './transitions';
import { toDetail } from './views';
import { Collections } from '../../_shared/collections';

export async function draftProposal({ ctx, input }: { ctx: Ctx; input: DraftProposalInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const first = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, first);
  const user = requireLeader(actor, first);
  if (first.step !== 'review') throw wrongStep(first.step, '起草方案');
  const ids = [...new Set(input.answersOpinionIds)];
  const opinions = await getByIds(ctx, Collections.opinions, ids);
  if (ids.some((id) => opinions.get(id)?.topicId !== first._id)) {
    throw new AppError('VALIDATION', 'proposal.foreign-opinion', '所回应的意见不属于本议题', {
      answersOpinionIds: '所回应的意见不属于本议题',
    });
  }
  const checked = await moderateTexts(ctx, { text: input.text }, 3);
  const moved = await withRetry(ctx, first._id, async (topic) => {
    if (topic.step !== 'review') throw wrongStep(topic.step, '起草方案');
    const proposal: ProposalDoc = {
      version: topic.proposals.length + 1,
      text: input.text,
      answersOpinionIds: ids,
      draftedAt: ctx.now(),
      draftedBy: user._id,
      reviews: [],
    };
    const holds = holdsOf(
      ctx,
      checked,
      { id: user._id, name: user.name },
      {
        text: { label: `方案第${proposal.version}版`, paths: [`proposals.${topic.proposals.length}.text`] },
      },
    );
    const ok = await updateTopic(
      ctx,
      topic,
      {},
      {
        proposals: ctx.db.command.push({ each: [proposal] }),
        ...holdsForUpdate(ctx, holds),
        ...oweHeldInUpdate(ctx, holds, heldWhere(topic, 'topic', topic._id)),
      },
    );
    return ok
      ? withHolds(
          { ...topic, rev: topic.rev + 1, proposals: [...topic.proposals, proposal], updatedAt: ctx.now() },
          holds,
        )
      : null;
  });
  const version = moved.proposals.length;
  await writeAudit(ctx, user, {
    communityId: moved.communityId,
    action: 'deliberation.draftProposal',
    targetKind: 'topic',
    targetId: moved._id,
    summary: `为议题“${moved.title}”起草方案第${version}版`,
    before: { versions: version - 1 },
    after: { versions: version },
  });
  return toDetail(ctx, actor, moved);
}
