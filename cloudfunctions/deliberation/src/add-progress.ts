/**
 * deliberation.addProgress — the topic's leader (or an admin) records execution progress.
 * Invariants: only during execute (PRECONDITION_FAILED); only leaders/admins (FORBIDDEN); the
 * percentage never goes down (VALIDATION); note passes the content check, photos must be this
 * environment's files; the entry is appended conditionally on step + rev; audited; then every
 * author and supporter of the topic's opinions is told, with the key
 * `topic:<id>:progress:<n>:<userId>` so a retry tells nobody twice.
 */
import { AppError } from '../../../types/errors';
import type { AddProgressInput, TopicDetail } from '../../../types/deliberation';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { assertSafeText } from '../../_shared/content-check';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import { notify } from '../../_shared/notify';
import { requireLeader, requireVisible } from './access';
import { updateTopic } from './move';
import { checkPhotos } from './photos';
import { changed, mustFindTopic, OPINIONS, SUPPORTS, type ProgressDoc, type TopicDoc } from './store';
import { wrongStep } from './transitions';
import { toDetail } from './views';

export function topicLink(topicId: string): string {
  return `/packages/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`;
}

/** Authors and supporters of the topic's opinions (user ids, once each). */
async function participants(ctx: Ctx, topicId: string): Promise<string[]> {
  const [opinions, supports] = await Promise.all([
    getAll<{ authorId: string }>(ctx.db.collection(OPINIONS).where({ topicId }).field({ authorId: true })),
    getAll<{ userId: string }>(ctx.db.collection(SUPPORTS).where({ topicId }).field({ userId: true })),
  ]);
  return [...new Set([...opinions.map((o) => o.authorId), ...supports.map((s) => s.userId)])];
}

export async function addProgress({ ctx, input }: { ctx: Ctx; input: AddProgressInput }): Promise<TopicDetail> {
  const actor = await loadActor(ctx);
  const topic = await mustFindTopic(ctx, input.topicId);
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
  await assertSafeText(ctx, { note: input.note });
  const entry: ProgressDoc = {
    percent: input.percent,
    note: input.note,
    photos: input.photos,
    byId: user._id,
    byName: user.name,
    at: ctx.now(),
  };
  const ok = await updateTopic(ctx, topic, {}, { 'execution.progress': ctx.db.command.push({ each: [entry] }) });
  if (!ok) throw changed();
  const n = topic.execution.progress.length + 1;
  const moved: TopicDoc = {
    ...topic,
    rev: topic.rev + 1,
    execution: { ...topic.execution, progress: [...topic.execution.progress, entry] },
    updatedAt: ctx.now(),
  };
  await writeAudit(ctx, user, {
    communityId: topic.communityId,
    action: 'deliberation.addProgress',
    targetKind: 'topic',
    targetId: topic._id,
    summary: `更新议题“${topic.title}”执行进度：${input.percent}%`,
    before: { percent: last?.percent ?? null },
    after: { percent: input.percent },
  });
  for (const userId of await participants(ctx, topic._id)) {
    await notify(ctx, {
      key: `topic:${topic._id}:progress:${n}:${userId}`,
      userId,
      communityId: topic.communityId,
      kind: 'topic',
      title: '议事执行进度更新',
      body: `您参与的议题“${topic.title}”执行进度已更新为${input.percent}%：${input.note}`,
      link: topicLink(topic._id),
    });
  }
  return toDetail(ctx, actor, moved);
}
