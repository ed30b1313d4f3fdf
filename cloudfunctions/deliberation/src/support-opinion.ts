/**
 * deliberation.supportOpinion — a resident in scope supports someone else's opinion, once.
 * Invariants: only during collect (PRECONDITION_FAILED); only residents in scope (FORBIDDEN);
 * never one's own opinion (FORBIDDEN `opinion.own`); the support is a document with the
 * natural key `<opinionId>:<userId>`, so a repeat — however concurrent — is CONFLICT
 * `opinion.already-supported` and the count is raised (`_.inc`) only after the support was
 * stored, once per support.
 */
import { AppError } from '../../../types/errors';
import type { Opinion, OpinionIdInput } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import { requireResidentInScope, requireVisible } from './access';
import { tempUrls } from './photos';
import { mustFindTopic, OPINIONS, SUPPORTS, supportId, type OpinionDoc, type SupportDoc } from './store';
import { wrongStep } from './transitions';
import { toOpinion } from './views';

export async function supportOpinion({ ctx, input }: { ctx: Ctx; input: OpinionIdInput }): Promise<Opinion> {
  const actor = await loadActor(ctx);
  const opinion = await getById<OpinionDoc>(ctx, OPINIONS, input.opinionId);
  if (!opinion) throw new AppError('NOT_FOUND', 'opinion.not-found', '该意见不存在或已被删除');
  const topic = await mustFindTopic(ctx, opinion.topicId);
  requireVisible(actor, topic);
  const user = requireResidentInScope(actor, topic, '支持意见');
  if (opinion.authorId === user._id) throw new AppError('FORBIDDEN', 'opinion.own', '不能支持自己的意见');
  if (topic.step !== 'collect') throw wrongStep(topic.step, '支持意见');
  const support: SupportDoc = {
    _id: supportId(opinion._id, user._id),
    opinionId: opinion._id,
    topicId: topic._id,
    userId: user._id,
    createdAt: ctx.now(),
  };
  try {
    await ctx.db.collection(SUPPORTS).add(support);
  } catch (error) {
    if (isDuplicateWrite(error)) throw new AppError('CONFLICT', 'opinion.already-supported', '您已经支持过这条意见');
    throw error;
  }
  await ctx.db
    .collection(OPINIONS)
    .where({ _id: opinion._id })
    .update({ supportCount: ctx.db.command.inc(1) });
  const fresh = (await getById<OpinionDoc>(ctx, OPINIONS, opinion._id)) ?? opinion;
  const urls = fresh.photos.length > 0 ? await tempUrls(fresh.photos) : new Map<string, string>();
  return toOpinion(actor, topic, fresh, urls, true);
}
