/**
 * deliberation.open — a leader of the building (or of its estate), or an admin of the
 * community, opens a topic in 意见收集.
 * Invariants: the estate (and building, for a building topic) must belong to the community
 * (NOT_FOUND otherwise); an estate-wide topic needs the estate's leader or an admin; the
 * collection window must end in the future; title and background pass the content check and
 * photos must be this environment's files — all before anything is written; the topic starts
 * at rev 0 with one history entry (null → collect); then the residents of its building (of
 * its estate, for an estate-wide topic) are told, each with the key
 * `topic:<id>:opened:<userId>` (never the leader who opened it) — messages the topic owes from
 * its insert on (`outbox`, _shared/outbox.ts): a crash right after the insert leaves them on
 * the topic, and the next request that reads it (a view, a move, the list) delivers them.
 * Requests: the caller 1, the estate with the building (one aggregation) 1, the residents 1,
 * the topic with what it owes 1, the messages in one insert 1, the owed batch removed 1 — 6.
 */
import type { QueuedPush } from '../../../types/subscriptions';
import { AppError } from '../../../types/errors';
import type { OpenTopicInput, TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import { holdsForInsert, moderate, oweHeld } from '../../_shared/moderation';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { deliver, newDocId, owe, oweBoth } from '../../_shared/outbox';
import { residentsOf } from '../../_shared/tell-many';
import { HELD_PLACEHOLDER } from '../../../types/moderation';
import { heldWhere, topicLink } from './add-progress';
import type { BuildingDoc, EstateDoc } from '../../_shared/documents';
import { isLeader } from './access';
import { periodEnd } from './periods';
import { checkPhotos } from './photos';
import { openedTopicSteps, type TopicDoc } from './store';
import { toDetail } from './views';

export async function open({ ctx, input }: { ctx: Ctx; input: OpenTopicInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const { estate, building } = await readPlace(ctx, input.estateId, input.buildingId ?? null);
  if (!estate || estate.communityId !== input.communityId) {
    throw new AppError('NOT_FOUND', 'topic.estate-not-found', '该小区不存在或不属于本社区');
  }
  if (input.buildingId && (!building || building.estateId !== estate._id)) {
    throw new AppError('NOT_FOUND', 'topic.building-not-found', '该楼栋不存在或不属于该小区');
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
    ...openedTopicSteps(),
    history: [{ at: now, byId: user._id, byName: user.name, from: null, to: 'collect', note: null }],
    openedAt: now,
    updatedAt: now,
    ...holdsForInsert(holds),
  };
  const id = newDocId();
  const residents = await residentsOf(ctx, scope, user._id);
  const title = holds.some((h) => h.field === 'title') ? HELD_PLACEHOLDER : doc.title;
  // Queued with each message: sent by the messages timer to the residents who consented.
  const push: QueuedPush = {
    kind: 'topicProgress',
    values: {
      topicId: id,
      topicTitle: title,
      status: '征集意见',
      notice: `${doc.scopeLabel}新议题，欢迎发表意见`,
      time: now,
    },
  };
  const opened = owe(
    'opened',
    residents.map((userId) => ({
      key: `topic:${id}:opened:${userId}`,
      userId,
      communityId: doc.communityId,
      kind: 'topic' as const,
      title: building ? '您所在楼栋有新议题' : '您所在小区有新议题',
      body: `${doc.scopeLabel}发起了议题“${title}”，欢迎在意见收集截止前发表意见。`,
      link: topicLink(id),
      push,
    })),
  );
  // The leader's own notice that a text is held is delivered with the residents' (one insert).
  const owed = oweBoth(opened, oweHeld(holds, heldWhere({ _id: id, ...doc }, 'topic', id)));
  await ctx.db.collection(Collections.topics).add({ _id: id, ...doc, ...owed });
  crashPoint('deliberation.open.after-insert');
  await deliver(ctx, Collections.topics, { _id: id, ...owed });
  return toDetail(ctx, actor, { ...doc, _id: id });
}

/** The estate and (for a building topic) the building, in one request: the building joined by an uncorrelated `$lookup`. */
async function readPlace(
  ctx: Ctx,
  estateId: string,
  buildingId: string | null,
): Promise<{ estate: EstateDoc | null; building: BuildingDoc | null }> {
  let query = ctx.db.collection(Collections.estates).aggregate().match({ _id: estateId }).limit(1);
  if (buildingId) {
    const $ = ctx.db.command.aggregate;
    query = query.lookup({
      from: Collections.buildings,
      pipeline: $.pipeline().match({ _id: buildingId }).limit(1).done(),
      as: '_building',
    });
  }
  const res = await query.end();
  const row = ((res.data ?? []) as Array<EstateDoc & { _building?: BuildingDoc[] }>)[0];
  if (!row) return { estate: null, building: null };
  const { _building, ...estate } = row;
  return { estate, building: _building?.[0] ?? null };
}
