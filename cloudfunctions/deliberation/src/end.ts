/**
 * deliberation.end — a leader (or an admin) ends a topic early (终止) with a reason, from any
 * step before archived. Invariants: a row of the table (PRECONDITION_FAILED from archived or
 * ended, FORBIDDEN for anyone else); the reason passes the content check; one conditional
 * write with the history entry; the history and everything recorded so far stay; audited.
 */
import { stepLabels, type EndTopicInput, type TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { moderate, oweHeldInUpdate } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { mustFindTopic } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function end({ ctx, input }: { ctx: Ctx; input: EndTopicInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const row = decideMove(topic.step, 'end', whoOf(actor, topic), 'ended');
  const user = actor.user!;
  const by = { id: user._id, name: user.name };
  const holds = await moderate(ctx, by, {
    reason: { text: input.reason, label: '终止理由', paths: ['endedReason', `history.${topic.history.length}.note`] },
  });
  const moved = await applyMove(ctx, topic, row, {
    by,
    note: input.reason,
    set: { endedReason: input.reason },
    holds,
    extra: oweHeldInUpdate(ctx, holds, heldWhere(topic, 'topic', topic._id)),
  });
  await writeAudit(ctx, user, {
    communityId: topic.communityId,
    action: 'deliberation.end',
    targetKind: 'topic',
    targetId: topic._id,
    summary: `终止议题“${topic.title}”（原处于「${stepLabels[row.from]}」）：${input.reason}`,
    before: { step: row.from, rev: topic.rev },
    after: { step: 'ended', rev: moved.rev, reason: input.reason },
  });
  return toDetail(ctx, actor, moved);
}
