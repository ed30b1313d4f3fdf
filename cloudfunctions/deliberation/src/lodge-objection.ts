/**
 * deliberation.lodgeObjection — a resident in scope lodges an objection during 公示.
 * Invariants: only in the notice step before the notice period ends (PRECONDITION_FAILED);
 * only residents in scope (FORBIDDEN); the text passes the content check; the topic's
 * `openObjections` counter and `rev` are raised (conditional on the step) BEFORE the objection
 * is stored, so a move to execute decided on the old revision cannot land past an unanswered
 * objection.
 */
import { AppError } from '../../../types/errors';
import type { LodgeObjectionInput, Objection } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { assertSafeText } from '../../_shared/content-check';
import type { Ctx } from '../../_shared/context';
import { requireResidentInScope, requireVisible } from './access';
import { ms, mustFindTopic, OBJECTIONS, TOPICS, type ObjectionDoc } from './store';
import { wrongStep } from './transitions';
import { toObjection } from './views';

export async function lodgeObjection({ ctx, input }: { ctx: Ctx; input: LodgeObjectionInput }): Promise<Objection> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
  requireVisible(actor, topic);
  const user = requireResidentInScope(actor, topic, '提出异议');
  if (topic.step !== 'notice' || !topic.notice) throw wrongStep(topic.step, '提出异议');
  const now = ctx.now();
  if (ms(topic.notice.endsAt) < now.getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'objection.notice-over', '公示期已结束');
  }
  await assertSafeText(ctx, { text: input.text });
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(TOPICS)
    .where({ _id: topic._id, step: 'notice' })
    .update({ openObjections: _.inc(1), rev: _.inc(1), updatedAt: now });
  if (res.updated !== 1) throw wrongStep('execute', '提出异议');
  const doc: Omit<ObjectionDoc, '_id'> = {
    topicId: topic._id,
    communityId: topic.communityId,
    authorId: user._id,
    authorName: user.name,
    text: input.text,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    createdAt: now,
  };
  const added = await ctx.db.collection(OBJECTIONS).add(doc);
  const id = (added as { id?: string }).id;
  if (!id) throw new Error('objection insert returned no id');
  return toObjection(actor, topic, { ...doc, _id: id });
}
