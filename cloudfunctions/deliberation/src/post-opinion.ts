/**
 * deliberation.postOpinion — a resident in scope posts an opinion during 意见收集.
 * Invariants: only in the collect step and before the collection window ends
 * (PRECONDITION_FAILED); only residents of a household in the topic's building/estate
 * (FORBIDDEN); the text passes the content check and photos must be this environment's files
 * (≤ 6, by the schema) before anything is written; the author is credited participation
 * points once per topic (key step `collect`), however many opinions they post.
 */
import { AppError } from '../../../types/errors';
import type { Opinion, PostOpinionInput } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { holdsForInsert, moderate } from '../../_shared/moderation';
import type { Ctx } from '../../_shared/context';
import { requireResidentInScope, requireVisible } from './access';
import { creditParticipation } from './participation';
import { checkPhotos } from './photos';
import { ms, mustFindTopicWithRules, OPINIONS, type OpinionDoc } from './store';
import { wrongStep } from './transitions';
import { toOpinion } from './views';

export async function postOpinion({ ctx, input }: { ctx: Ctx; input: PostOpinionInput }): Promise<Opinion> {
  const actor = await loadActor(ctx);
  const { topic, rules } = await mustFindTopicWithRules(ctx, input.topicId);
  requireVisible(actor, topic);
  const user = requireResidentInScope(actor, topic, '发表意见');
  if (topic.step !== 'collect') throw wrongStep(topic.step, '发表意见');
  const now = ctx.now();
  if (ms(topic.collectEndsAt) < now.getTime()) {
    throw new AppError('PRECONDITION_FAILED', 'opinion.collection-closed', '意见收集已截止');
  }
  const urls = await checkPhotos('photos', input.photos);
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      text: { text: input.text, label: '意见', paths: ['text'] },
    },
  );
  const doc: Omit<OpinionDoc, '_id'> = {
    topicId: topic._id,
    communityId: topic.communityId,
    authorId: user._id,
    authorName: user.name,
    text: input.text,
    photos: input.photos,
    supportCount: 0,
    createdAt: now,
    ...holdsForInsert(holds),
  };
  const res = await ctx.db.collection(OPINIONS).add(doc);
  const id = (res as { id?: string }).id;
  if (!id) throw new Error('opinion insert returned no id');
  await creditParticipation(ctx, topic, 'collect', user._id, rules);
  return toOpinion(actor, topic, { ...doc, _id: id }, urls, false);
}
