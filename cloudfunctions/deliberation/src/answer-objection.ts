/**
 * deliberation.answerObjection — a leader of the topic (or an admin) answers an objection.
 * Invariants: only during notice (PRECONDITION_FAILED); only leaders/admins (FORBIDDEN); the
 * objection must belong to the topic (NOT_FOUND); answered once (the write is conditional on
 * `answer: null`; a second answer is PRECONDITION_FAILED `objection.answered`) and then the
 * topic's `rev` is raised; nothing counts the open objections but the documents themselves
 * (docs/adr/0016); the answer passes the content check; audited.
 */
import { AppError } from '../../../types/errors';
import type { AnswerObjectionInput, Objection } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { holdsForUpdate, moderate, oweHeldInUpdate, withHolds } from '../../_shared/moderation';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import { requireLeader, requireVisible } from './access';
import { mustFindTopic } from './store';
import { wrongStep } from './transitions';
import { toObjection } from './views';
import { Collections } from '../../_shared/collections';

export async function answerObjection({ ctx, input }: { ctx: Ctx; input: AnswerObjectionInput }): Promise<Objection> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const user = requireLeader(actor, topic);
  if (topic.step !== 'notice') throw wrongStep(topic.step, '答复异议');
  const objection = await getById(ctx, Collections.objections, input.objectionId);
  if (!objection || objection.topicId !== topic._id) {
    throw new AppError('NOT_FOUND', 'objection.not-found', '该异议不存在或不属于本议题');
  }
  if (objection.answer !== null) throw new AppError('PRECONDITION_FAILED', 'objection.answered', '该异议已经答复过了');
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      answer: { text: input.answer, label: '异议答复', paths: ['answer'] },
    },
  );
  const now = ctx.now();
  const res = await ctx.db
    .collection(Collections.objections)
    .where({ _id: objection._id, answer: null })
    .update({
      answer: input.answer,
      answeredBy: user._id,
      answeredAt: now,
      ...holdsForUpdate(ctx, holds),
      ...oweHeldInUpdate(ctx, holds, heldWhere(topic, 'objection', objection._id)),
    });
  if (res.updated !== 1) throw new AppError('PRECONDITION_FAILED', 'objection.answered', '该异议已经答复过了');
  const _ = ctx.db.command;
  await ctx.db
    .collection(Collections.topics)
    .where({ _id: topic._id })
    .update({ rev: _.inc(1), updatedAt: now });
  await writeAudit(ctx, user, {
    communityId: topic.communityId,
    action: 'deliberation.answerObjection',
    targetKind: 'objection',
    targetId: objection._id,
    summary: `答复议题“${topic.title}”的异议`,
    before: { answer: null },
    after: { answer: input.answer },
  });
  return toObjection(
    actor,
    topic,
    withHolds({ ...objection, answer: input.answer, answeredBy: user._id, answeredAt: now }, holds),
  );
}
