/**
 * deliberation.clearHold — a leader of the topic (or an admin of its community) clears text held
 * for manual review on the topic, or on one of its opinions, objections or ratings: `pass` keeps
 * the text and lifts the hold, `reject` replaces it (everywhere it is stored) with the removal
 * notice and tells its author in the app, with a queued `topicProgress` (sent by the messages
 * timer if they consented, ADR 0038).
 * Invariants: the reviewer is judged on the topic the document belongs to (access.ts
 * `isLeader`); nobody clears a hold on their own text (FORBIDDEN `hold.own-text`); the write is
 * conditional on the holds as read and on each held text still being there
 * (_shared/moderation.ts `settleHolds`; a text changed meanwhile is PRECONDITION_FAILED
 * `hold.changed`); a retry, or a hold cleared already, answers with nothing cleared and writes
 * nothing; the decision, its one audit entry and the author's message (keyed by the document,
 * the field and the hold's time) commit in one transaction.
 * Requests: the caller with the document and its topic 1, then start, the document's re-read,
 * its write, the audit entry, one message per rejected text, commit — 6 to pass, 7 to reject
 * one text (docs/adr/0017).
 */
import type { ClearTopicHoldInput } from '../../../types/deliberation';
import { AppError } from '../../../types/errors';
import { HELD_PLACEHOLDER, type ClearHoldResult } from '../../../types/moderation';
import { callerJoined, type Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import { clearHolds, type Holdable } from '../../_shared/moderation';
import { isLeader } from './access';
import { topicLink } from './add-progress';
import { notLeader } from './held-texts';
import { topicNotFound, type TopicDoc } from './store';

const COLLECTIONS: Record<ClearTopicHoldInput['kind'], CollectionName> = {
  topic: Collections.topics,
  opinion: Collections.opinions,
  objection: Collections.objections,
  rating: Collections.topicRatings,
};
const KIND_LABELS: Record<ClearTopicHoldInput['kind'], string> = {
  topic: '议题',
  opinion: '意见',
  objection: '异议',
  rating: '评价',
};

type HeldDoc = Holdable & { _id: string; topicId?: string };

/**
 * The caller with their roles, the held document and (for an opinion, objection or rating) its
 * topic, in one request: an aggregation on the caller's user joining the document by its id and
 * the topic by the document's `topicId`. A caller without a profile reads them the ordinary way
 * (so a missing document is still NOT_FOUND before the refusal).
 */
async function callerAndHeld(
  ctx: Ctx,
  collection: CollectionName,
  id: string,
): Promise<{ actor: Actor; doc: HeldDoc | null; topic: TopicDoc | null }> {
  const $ = ctx.db.command.aggregate;
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query
      .addFields({ _heldId: $.literal(id) })
      .lookup({ from: collection, localField: '_heldId', foreignField: '_id', as: '_held' })
      .addFields({ _topicId: $.arrayElemAt(['$_held.topicId', 0]) })
      .lookup({ from: Collections.topics, localField: '_topicId', foreignField: '_id', as: '_topic' }),
  );
  if (!joined) {
    const doc = (await getById(ctx, collection, id)) as HeldDoc | null;
    const topic = doc && doc.topicId !== undefined ? await getById(ctx, Collections.topics, doc.topicId) : null;
    return { actor, doc, topic };
  }
  return {
    actor,
    doc: (joined._held as HeldDoc[] | undefined)?.[0] ?? null,
    topic: (joined._topic as TopicDoc[] | undefined)?.[0] ?? null,
  };
}

export async function clearHold({ ctx, input }: { ctx: Ctx; input: ClearTopicHoldInput }): Promise<ClearHoldResult> {
  const collection = COLLECTIONS[input.kind];
  const read = await callerAndHeld(ctx, collection, input.id);
  const { actor, doc } = read;
  if (!doc) throw new AppError('NOT_FOUND', 'hold.not-found', '该内容不存在或已被删除');
  const found = input.kind === 'topic' ? (doc as unknown as TopicDoc) : read.topic;
  if (!found) throw topicNotFound();
  const topic: TopicDoc = found;
  if (!actor.user || !isLeader(actor, topic)) throw notLeader();
  const me = actor.user;
  return clearHolds(ctx, {
    kind: input.kind,
    collection,
    doc,
    input,
    reviewer: me,
    own: () => new AppError('FORBIDDEN', 'hold.own-text', '不能审核自己提交的内容，请由其他审核人处理'),
    changed: () => new AppError('PRECONDITION_FAILED', 'hold.changed', '该内容刚刚发生了变化，请刷新后重试'),
    audit: {
      communityId: topic.communityId,
      action: 'deliberation.clearHold',
      targetKind: input.kind,
      what: (labels) => `议题“${topic.title}”的${KIND_LABELS[input.kind]}（${labels}）`,
    },
    notice: {
      communityId: topic.communityId,
      kind: 'topic',
      link: topicLink(topic._id),
      where: `您在议题“${topic.title}”中提交的`,
    },
    push: () => ({
      kind: 'topicProgress',
      values: {
        topicId: topic._id,
        // The topic's own title rejected or still held is not sent to WeChat.
        topicTitle: (topic.holds ?? []).some((h) => h.field === 'title') ? HELD_PLACEHOLDER : topic.title,
        status: '未通过审核',
        notice: `您提交的${KIND_LABELS[input.kind]}未通过人工审核`,
        time: ctx.now(),
      },
    }),
  });
}
