/**
 * deliberation.heldTexts — text held for manual review (待人工审核) on topics the caller leads:
 * the topics themselves, then their opinions, objections and ratings, each oldest first.
 * Invariants: admins of the community see all of it; building and estate leaders the topics
 * they lead (access.ts `leadsTopic`: their building's topics, their estate's topics); anyone
 * else is FORBIDDEN; the caller's own texts are left out (nobody clears their own hold); every
 * query is on the indexed `held` flag. The cursor walks the four collections in order:
 * `kind index × KIND_SPAN + offset in that collection`. Writes nothing.
 * Requests: identity 1, the topics a leader leads 1 (not for an admin), the four collections'
 * pages with their topics' titles 1 (`heldPages`) — 3 at most.
 */
import { AppError } from '../../../types/errors';
import type { HeldItem, HeldKind, HeldPage, HeldTextsInput } from '../../../types/moderation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { Collections, type CollectionName } from '../../_shared/collections';
import { getByIdWith, iso } from '../../_shared/db-helpers';
import { heldTextsFor, type Holdable } from '../../_shared/moderation';

const KINDS: ReadonlyArray<{ kind: Exclude<HeldKind, 'wish'>; collection: CollectionName; time: string }> = [
  { kind: 'topic', collection: Collections.topics, time: 'openedAt' },
  { kind: 'opinion', collection: Collections.opinions, time: 'createdAt' },
  { kind: 'objection', collection: Collections.objections, time: 'createdAt' },
  { kind: 'rating', collection: Collections.topicRatings, time: 'createdAt' },
];
const KIND_SPAN = 1_000_000;
/** A leader leads at most this many topics at once (their building's and estate's). */
const MAX_LED_TOPICS = 1000;

export function notLeader(): AppError {
  return new AppError('FORBIDDEN', 'topic.not-leader', '只有该议题所在楼栋/小区的负责人或社区管理员可以进行此操作');
}

type HeldDoc = Holdable & {
  _id: string;
  topicId?: string;
  title?: string;
  openedAt?: Date;
  createdAt?: Date;
  /** The title of the topic an opinion, objection or rating belongs to (joined). */
  _topicTitle?: string;
};

/**
 * For each collection from the `k`-th on, in one request: its held documents in scope, oldest
 * first, skipping `offset` in the `k`-th only, at most `limit + 1` (one more tells whether the
 * page goes on), each with the title of the topic it belongs to. An aggregation on the
 * community's document with one uncorrelated sub-pipeline per collection (each the page that
 * collection would give if the ones before it were exhausted). Null when there is no community.
 */
async function heldPages(
  ctx: Ctx,
  communityId: string,
  k: number,
  offset: number,
  limit: number,
  scoped: (kind: HeldKind) => object,
): Promise<HeldDoc[][] | null> {
  const $ = ctx.db.command.aggregate;
  const row = await getByIdWith<Record<string, HeldDoc[] | undefined>>(
    ctx,
    Collections.communities,
    communityId,
    (one) => {
      let query = one.project({ _id: 1 });
      for (let j = k; j < KINDS.length; j++) {
        const { kind, collection, time } = KINDS[j]!;
        let page = $.pipeline()
          .match(scoped(kind))
          .sort({ [time]: 1, _id: 1 })
          .skip(j === k ? offset : 0)
          .limit(limit + 1);
        if (kind !== 'topic') {
          page = page
            .lookup({ from: Collections.topics, localField: 'topicId', foreignField: '_id', as: '_topic' })
            .addFields({ _topicTitle: $.arrayElemAt(['$_topic.title', 0]) })
            .project({ _topic: 0 });
        }
        query = query.lookup({ from: collection, pipeline: page.done(), as: `_${kind}` });
      }
      return query;
    },
  );
  if (!row) return null;
  return KINDS.map(({ kind }, j) => (j < k ? [] : (row[`_${kind}`] ?? [])));
}

export async function heldTexts({ ctx, input }: { ctx: Ctx; input: HeldTextsInput }): Promise<HeldPage> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  const _ = ctx.db.command;
  let topicIds: string[] | null = null;
  if (!user || !actor.isAdminOf(input.communityId)) {
    const { buildingIds, estateIds } = actor.ledScopes(input.communityId);
    if (!user || (buildingIds.length === 0 && estateIds.length === 0)) throw notLeader();
    const led = await ctx.db
      .collection(Collections.topics)
      .where(
        _.and([
          { communityId: input.communityId },
          _.or([{ estateId: _.in(estateIds) }, { buildingId: _.in(buildingIds) }]),
        ]),
      )
      .field({ _id: true })
      .limit(MAX_LED_TOPICS)
      .get();
    topicIds = ((led.data ?? []) as Array<{ _id: string }>).map((t) => t._id);
  }
  const scoped = (kind: HeldKind): object =>
    topicIds === null
      ? { communityId: input.communityId, held: true }
      : kind === 'topic'
        ? { _id: _.in(topicIds), held: true }
        : { topicId: _.in(topicIds), held: true };

  const found: Array<{ kind: Exclude<HeldKind, 'wish'>; doc: HeldDoc }> = [];
  const cursor = input.cursor ?? 0;
  let k = Math.floor(cursor / KIND_SPAN);
  let offset = cursor % KIND_SPAN;
  let nextCursor: number | null = null;
  // Every collection's page from the cursor on, in one request (heldPages); the walk below takes
  // from them in order, as separate queries would have.
  const pages =
    topicIds !== null && topicIds.length === 0
      ? null
      : await heldPages(ctx, input.communityId, k, offset, input.limit, scoped);
  while (pages && k < KINDS.length && found.length < input.limit) {
    const { kind } = KINDS[k]!;
    const need = input.limit - found.length;
    const rows = pages[k] ?? [];
    for (const doc of rows.slice(0, need)) found.push({ kind, doc });
    if (rows.length > need) {
      nextCursor = k * KIND_SPAN + offset + need;
      break;
    }
    k += 1;
    offset = 0;
  }
  if (nextCursor === null && found.length >= input.limit && k < KINDS.length) nextCursor = k * KIND_SPAN;

  const items: HeldItem[] = found.map(({ kind, doc }) => ({
    kind,
    id: doc._id,
    topicId: kind === 'topic' ? null : (doc.topicId ?? null),
    title: kind === 'topic' ? (doc.title ?? '') : (doc._topicTitle ?? ''),
    holds: heldTextsFor(doc, user?._id ?? null),
    at: iso(doc.openedAt ?? doc.createdAt ?? new Date(0)),
  }));
  // A document whose held texts are all the caller's own has nothing for them to clear.
  return { items: items.filter((item) => item.holds.length > 0), nextCursor };
}
