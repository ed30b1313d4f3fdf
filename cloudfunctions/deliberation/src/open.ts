/**
 * deliberation.open — a leader of the building (or of its estate), or an admin of the
 * community, opens a topic in 意见收集.
 * Invariants: the estate (and building, for a building topic) must belong to the community
 * (NOT_FOUND otherwise); an estate-wide topic needs the estate's leader or an admin; the
 * collection window must end in the future; title and background pass the content check and
 * photos must be this environment's files — all before anything is written; the topic starts
 * at rev 0 with one history entry (null → collect); then the residents of its building (of
 * its estate, for an estate-wide topic) are told, each with the key
 * `topic:<id>:opened:<userId>` (never the leader who opened it).
 * Requests: the caller 1, the estate 1, the building 1 (a building topic), the topic 1, the
 * residents 1, their messages in one insert 1 — at most 6.
 */
import { AppError } from '../../../types/errors';
import type { OpenTopicInput, TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import { holdsForInsert, moderate } from '../../_shared/moderation';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import { residentsOf, tellMany } from '../../_shared/tell-many';
import { HELD_PLACEHOLDER } from '../../../types/moderation';
import { topicLink } from './add-progress';
import type { BuildingDoc } from '../../_shared/documents';
import { isLeader } from './access';
import { periodEnd } from './periods';
import { checkPhotos } from './photos';
import { type TopicDoc } from './store';
import { toDetail } from './views';

export async function open({ ctx, input }: { ctx: Ctx; input: OpenTopicInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const estate = await getById(ctx, Collections.estates, input.estateId);
  if (!estate || estate.communityId !== input.communityId) {
    throw new AppError('NOT_FOUND', 'topic.estate-not-found', '该小区不存在或不属于本社区');
  }
  let building: BuildingDoc | null = null;
  if (input.buildingId) {
    building = await getById(ctx, Collections.buildings, input.buildingId);
    if (!building || building.estateId !== estate._id) {
      throw new AppError('NOT_FOUND', 'topic.building-not-found', '该楼栋不存在或不属于该小区');
    }
  }
  const scope = { communityId: estate.communityId, estateId: estate._id, buildingId: building?._id ?? null };
  if (!actor.user || !isLeader(actor, scope)) {
    throw new AppError('FORBIDDEN', 'topic.not-leader', '只有该楼栋/小区的负责人或社区管理员可以发起议题');
  }
  const user = actor.user;
  const now = ctx.now();
  const collectEndsAt = periodEnd(
    now,
    { days: input.collectDays, endsAt: input.collectEndsAt },
    { days: 'collectDays', endsAt: 'collectEndsAt' },
    '意见收集期',
  );
  await checkPhotos('photos', input.photos);
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      title: { text: input.title, label: '议题标题', paths: ['title'] },
      background: { text: input.background, label: '议题背景', paths: ['background'] },
    },
    3,
  );

  const doc: Omit<TopicDoc, '_id'> = {
    ...scope,
    scopeLabel: building ? `${estate.name} · ${building.name}` : estate.name,
    title: input.title,
    background: input.background,
    photos: input.photos,
    collectEndsAt,
    leaderId: user._id,
    leaderName: user.name,
    step: 'collect',
    rev: 0,
    proposals: [],
    vote: null,
    voteClosesAt: null,
    notice: null,
    execution: null,
    evaluation: null,
    evaluationEndsAt: null,
    endedReason: null,
    history: [{ at: now, byId: user._id, byName: user.name, from: null, to: 'collect', note: null }],
    openedAt: now,
    updatedAt: now,
    ...holdsForInsert(holds),
  };
  const res = await ctx.db.collection(Collections.topics).add(doc);
  const id = (res as { id?: string }).id;
  if (!id) throw new Error('topic insert returned no id');
  const residents = await residentsOf(ctx, scope, user._id);
  const title = holds.some((h) => h.field === 'title') ? HELD_PLACEHOLDER : doc.title;
  await tellMany(
    ctx,
    residents.map((userId) => ({
      key: `topic:${id}:opened:${userId}`,
      userId,
      communityId: doc.communityId,
      kind: 'topic' as const,
      title: building ? '您所在楼栋有新议题' : '您所在小区有新议题',
      body: `${doc.scopeLabel}发起了议题“${title}”，欢迎在意见收集截止前发表意见。`,
      link: topicLink(id),
    })),
  );
  return toDetail(ctx, actor, { ...doc, _id: id });
}
