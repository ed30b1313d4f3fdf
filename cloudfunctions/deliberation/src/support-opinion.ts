/**
 * deliberation.supportOpinion — a resident in scope supports someone else's opinion, once.
 * Invariants: only during collect (PRECONDITION_FAILED); only residents in scope (FORBIDDEN);
 * never one's own opinion (FORBIDDEN `opinion.own`); the support is a document with the
 * natural key `<opinionId>:<userId>`, so a repeat — however concurrent — is CONFLICT
 * `opinion.already-supported`;
 * - the opinion's `supportCount` (stored: the opinion list is ordered by it) is not written in a
 *   transaction with the support — that would cost two more requests than today and make every
 *   supporter of a popular opinion conflict on it — but raised after the support is stored to the
 *   number of the opinion's support documents, if it is lower (one count, one conditional write;
 *   supports are never removed, so every count is a lower bound of the truth and the last
 *   supporter's count includes every earlier one). A crash between the two leaves it one behind
 *   until the next support of the opinion or `deliberation.reconcile` (and its daily timer);
 * - the reply's count is the larger of the stored one and the count just made.
 */
import { AppError } from '../../../types/errors';
import type { Opinion, OpinionIdInput } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import { requireResidentInScope, requireVisible } from './access';
import { tempUrls } from './photos';
import { mustFindTopic, supportId, type SupportDoc } from './store';
import { wrongStep } from './transitions';
import { crashPoint } from '../../_shared/crash-points';
import { toOpinion } from './views';
import { Collections } from '../../_shared/collections';

export async function supportOpinion({ ctx, input }: { ctx: Ctx; input: OpinionIdInput }): Promise<Opinion> {
  const actor = await loadActor(ctx);
  const opinion = await getById(ctx, Collections.opinions, input.opinionId);
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
    await ctx.db.collection(Collections.opinionSupports).add(support);
  } catch (error) {
    if (isDuplicateWrite(error)) throw new AppError('CONFLICT', 'opinion.already-supported', '您已经支持过这条意见');
    throw error;
  }
  crashPoint('deliberation.support.after-add');
  const supportCount = await raiseSupportCount(ctx, opinion._id);
  const fresh = { ...opinion, supportCount: Math.max(opinion.supportCount, supportCount) };
  const urls = fresh.photos.length > 0 ? await tempUrls(fresh.photos) : new Map<string, string>();
  return toOpinion(actor, topic, fresh, urls, true);
}

/**
 * Brings the opinion's `supportCount` up to the number of its support documents (never down);
 * returns that number.
 */
export async function raiseSupportCount(ctx: Ctx, opinionId: string): Promise<number> {
  const _ = ctx.db.command;
  const { total } = await ctx.db.collection(Collections.opinionSupports).where({ opinionId }).count();
  await ctx.db
    .collection(Collections.opinions)
    .where({ _id: opinionId, supportCount: _.lt(total) })
    .update({ supportCount: total });
  return total as number;
}
