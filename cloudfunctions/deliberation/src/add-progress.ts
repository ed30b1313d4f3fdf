/**
 * deliberation.addProgress — the topic's leader (or an admin) records execution progress.
 * Invariants: only during execute (PRECONDITION_FAILED); only leaders/admins (FORBIDDEN); the
 * percentage never goes down (VALIDATION); note passes the content check, photos must be this
 * environment's files; the entry is appended conditionally on step + rev; audited; then every
 * author and supporter of the topic's opinions is told, with the key
 * `topic:<id>:progress:<n>:<userId>` so a retry tells nobody twice — messages the append's own
 * write carries (`outbox.progress-<n>`, _shared/outbox.ts, docs/adr/0031), so a crash after the
 * append leaves them on the topic and the next request reading it delivers them.
 * Requests: identity 1, the topic with its opinions' authors and supporters 1 (one aggregation),
 * the append with what it owes 1, the audit entry 1, every message in one insert 1, the owed
 * batch removed 1, the detail's objections 1 — 7 (docs/adr/0017).
 */
import type { QueuedPush } from '../../../types/subscriptions';
import { AppError } from '../../../types/errors';
import { HELD_PLACEHOLDER } from '../../../types/moderation';
import type { AddProgressInput, TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { holdsForUpdate, moderate, oweHeldInUpdate, withHolds } from '../../_shared/moderation';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { batchOf, deliver, owed } from '../../_shared/outbox';
import type { InAppNotice } from '../../_shared/tell-many';
import { requireLeader, requireVisible } from './access';
import { updateTopic } from './move';
import { checkPhotos } from './photos';
import { changed, topicNotFound, type ProgressDoc, type TopicDoc } from './store';
import { wrongStep } from './transitions';
import { toDetail } from './views';
import { Collections } from '../../_shared/collections';
import { getByIdWith } from '../../_shared/db-helpers';

/** Where a text held on the topic (or its opinion, objection, rating `id`) tells its author it is held. */
export function heldWhere(topic: Pick<TopicDoc, '_id' | 'communityId' | 'title' | 'holds'>, kind: string, id: string) {
  const title = (topic.holds ?? []).some((h) => h.field === 'title') ? HELD_PLACEHOLDER : topic.title;
  return {
    kind,
    id,
    communityId: topic.communityId,
    messageKind: 'topic' as const,
    link: topicLink(topic._id),
    where: `您在议题“${title}”中提交的`,
  };
}

export function topicLink(topicId: string): string {
  return `/packages/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`;
}

/**
 * The topic with the authors and supporters of its opinions (user ids, once each), in one
 * request: the topic with its opinions and their supports joined.
 */
async function topicWithParticipants(ctx: Ctx, topicId: string): Promise<{ topic: TopicDoc; people: string[] }> {
  type Row = TopicDoc & { _opinions?: Array<{ authorId: string }>; _supports?: Array<{ userId: string }> };
  const row = await getByIdWith<Row>(ctx, Collections.topics, topicId, (one) =>
    one
      .lookup({ from: Collections.opinions, localField: '_id', foreignField: 'topicId', as: '_opinions' })
      .lookup({ from: Collections.opinionSupports, localField: '_id', foreignField: 'topicId', as: '_supports' }),
  );
  if (!row) throw topicNotFound();
  const { _opinions: opinions = [], _supports: supports = [], ...topic } = row;
  return {
    topic: topic as TopicDoc,
    people: [...new Set([...opinions.map((o) => o.authorId), ...supports.map((x) => x.userId)])],
  };
}

export async function addProgress({ ctx, input }: { ctx: Ctx; input: AddProgressInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const { topic, people } = await topicWithParticipants(ctx, input.topicId);
  requireVisible(actor, topic);
  const user = requireLeader(actor, topic);
  if (topic.step !== 'execute' || !topic.execution) throw wrongStep(topic.step, '更新执行进度');
  const last = topic.execution.progress[topic.execution.progress.length - 1];
  if (last && input.percent < last.percent) {
    throw new AppError('VALIDATION', 'progress.backwards', `进度不能低于上次的${last.percent}%`, {
      percent: `进度不能低于上次的${last.percent}%`,
    });
  }
  await checkPhotos('photos', input.photos);
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      note: {
        text: input.note,
        label: '执行进度说明',
        paths: [`execution.progress.${topic.execution.progress.length}.note`],
      },
    },
  );
  const entry: ProgressDoc = {
    percent: input.percent,
    note: input.note,
    photos: input.photos,
    byId: user._id,
    byName: user.name,
    at: ctx.now(),
  };
  const n = topic.execution.progress.length + 1;
  // Queued with each message: sent by the messages timer to the participants who consented.
  const push: QueuedPush = {
    kind: 'topicProgress',
    values: {
      topicId: topic._id,
      topicTitle: topic.title,
      status: '执行中',
      notice: `执行进度${input.percent}%`,
      time: entry.at,
    },
  };
  const notices: InAppNotice[] = people.map((userId) => ({
    key: `topic:${topic._id}:progress:${n}:${userId}`,
    userId,
    communityId: topic.communityId,
    kind: 'topic',
    title: '议事执行进度更新',
    body: `您参与的议题“${topic.title}”执行进度已更新为${input.percent}%：${input.note}`,
    link: topicLink(topic._id),
    push,
  }));
  const batch = batchOf(notices);
  const ok = await updateTopic(
    ctx,
    topic,
    {},
    {
      'execution.progress': ctx.db.command.push({ each: [entry] }),
      ...holdsForUpdate(ctx, holds),
      // The progress's batch and the author's held notice (if any): one `owedTo` for both.
      ...oweHeldInUpdate(ctx, holds, heldWhere(topic, 'topic', topic._id), { [`progress-${n}`]: batch }),
    },
  );
  if (!ok) throw changed();
  const moved: TopicDoc = withHolds(
    {
      ...topic,
      rev: topic.rev + 1,
      execution: { ...topic.execution, progress: [...topic.execution.progress, entry] },
      updatedAt: ctx.now(),
    },
    holds,
  );
  await writeAudit(ctx, user, {
    communityId: topic.communityId,
    action: 'deliberation.addProgress',
    targetKind: 'topic',
    targetId: topic._id,
    summary: `更新议题“${topic.title}”执行进度：${input.percent}%`,
    before: { percent: last?.percent ?? null },
    after: { percent: input.percent },
  });
  crashPoint('deliberation.addProgress.before-messages');
  // One insert of every message; should one exist already, they are written one by one.
  await deliver(ctx, Collections.topics, owed(topic._id, `progress-${n}`, batch));
  return toDetail(ctx, actor, moved);
}
