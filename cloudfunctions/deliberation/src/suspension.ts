/**
 * Suspending and lifting the public notice (shared by suspend-notice.ts and
 * lift-suspension.ts). Invariants: only during notice (PRECONDITION_FAILED); only members of
 * the community's supervisory council (监事会) (FORBIDDEN); suspending a suspended notice or
 * lifting a running one is PRECONDITION_FAILED; the 监事会 acts independently of the topic's
 * proposers, so a supervisor who opened the topic or drafted its current proposal may not lift
 * a suspension (FORBIDDEN `notice.supervisor-independent`); the reason passes the content check; the change
 * is conditional on step + rev and audited with the reason.
 */
import { AppError } from '../../../types/errors';
import type { ReasonInput, TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { holdsForUpdate, moderate, oweHeldInUpdate, withHolds } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { isSupervisor, requireVisible } from './access';
import { updateTopic } from './move';
import { changed, currentProposal, mustFindTopic } from './store';
import { wrongStep } from './transitions';
import { toDetail } from './views';

export async function setSuspension(ctx: Ctx, input: ReasonInput, suspend: boolean): Promise<TopicDetail> {
  const what = suspend ? '暂停公示' : '解除暂停';
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  if (!actor.user || !isSupervisor(actor, topic)) {
    throw new AppError('FORBIDDEN', 'notice.not-supervisor', `只有监事会成员可以${what}`);
  }
  const user = actor.user;
  const proposal = currentProposal(topic);
  if (!suspend && (user._id === topic.leaderId || user._id === proposal?.draftedBy)) {
    throw new AppError(
      'FORBIDDEN',
      'notice.supervisor-independent',
      '发起本议题或起草方案的监事会成员不能解除暂停，请由其他监事会成员处理',
    );
  }
  if (topic.step !== 'notice' || !topic.notice) throw wrongStep(topic.step, what);
  if (topic.notice.suspended === suspend) {
    throw new AppError('PRECONDITION_FAILED', 'notice.already', suspend ? '公示已处于暂停状态' : '公示没有被暂停');
  }
  // Only a suspension stores its reason (on the notice); a lift's reason is kept in the audit log only.
  const checked = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      reason: { text: input.reason, label: '暂停公示的理由', paths: ['notice.suspendReason'] },
    },
  );
  const holds = suspend ? checked : [];
  const notice = { ...topic.notice, suspended: suspend, suspendReason: suspend ? input.reason : null };
  const held = oweHeldInUpdate(ctx, holds, heldWhere(topic, 'topic', topic._id));
  if (!(await updateTopic(ctx, topic, { notice }, { ...holdsForUpdate(ctx, holds), ...held }))) throw changed();
  await writeAudit(ctx, user, {
    communityId: topic.communityId,
    action: suspend ? 'deliberation.suspendNotice' : 'deliberation.liftSuspension',
    targetKind: 'topic',
    targetId: topic._id,
    summary: `${what}：议题“${topic.title}”，理由：${input.reason}`,
    before: { suspended: !suspend },
    after: { suspended: suspend, reason: input.reason },
  });
  return toDetail(ctx, actor, withHolds({ ...topic, notice, rev: topic.rev + 1, updatedAt: ctx.now() }, holds));
}
