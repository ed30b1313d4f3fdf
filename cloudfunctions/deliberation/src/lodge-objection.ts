/**
 * deliberation.lodgeObjection — a resident in scope lodges an objection during 公示.
 * Invariants: only in the notice step before the notice period ends (PRECONDITION_FAILED);
 * only residents in scope (FORBIDDEN); the text passes the content check;
 * - the open objections are not counted on the topic: they are the objection documents with
 *   `answer: null`, which the move to execute counts (docs/adr/0016), so no counter can drift;
 * - the objection is stored FIRST and then the topic's `rev` is raised, conditional on the step
 *   still being notice. A move to execute reads the topic, counts the open objections, and
 *   writes conditional on the revision it read: if it counted before this objection was stored,
 *   either this raise lands first (the move fails on the revision) or the move lands first (this
 *   raise finds the topic in execute; the objection is removed again and the lodging refused as
 *   the wrong step). Either way no topic moves on past an objection it did not see. A crash
 *   between the two leaves a stored objection that every later move counts.
 */
import { AppError } from '../../../types/errors';
import type { LodgeObjectionInput, Objection } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { holdsForInsert, moderate, oweHeld } from '../../_shared/moderation';
import { newDocId } from '../../_shared/outbox';
import { heldWhere } from './add-progress';
import type { Ctx } from '../../_shared/context';
import { requireResidentInScope, requireVisible } from './access';
import { ms, mustFindTopic, type ObjectionDoc } from './store';
import { wrongStep } from './transitions';
import { crashPoint } from '../../_shared/crash-points';
import { toObjection } from './views';
import { Collections } from '../../_shared/collections';

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
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      text: { text: input.text, label: '异议', paths: ['text'] },
    },
  );
  const objectionId = newDocId();
  const doc: ObjectionDoc = {
    _id: objectionId,
    topicId: topic._id,
    communityId: topic.communityId,
    authorId: user._id,
    authorName: user.name,
    text: input.text,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    createdAt: now,
    ...holdsForInsert(holds),
    ...oweHeld(holds, heldWhere(topic, 'objection', objectionId)),
  };
  await ctx.db.collection(Collections.objections).add(doc);
  const id = objectionId;
  crashPoint('deliberation.lodge.after-add');
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(Collections.topics)
    .where({ _id: topic._id, step: 'notice' })
    .update({ rev: _.inc(1), updatedAt: now });
  if (res.updated !== 1) {
    await ctx.db.collection(Collections.objections).doc(id).remove();
    throw wrongStep('execute', '提出异议');
  }
  return toObjection(actor, topic, { ...doc, _id: id });
}
