/**
 * deliberation.heldTexts — text held for manual review (待人工审核) on topics the caller leads:
 * the topics themselves, then their opinions, objections and ratings, each oldest first.
 * Invariants: admins of the community see all of it; building and estate leaders the topics
 * they lead (access.ts `leadsTopic`: their building's topics, their estate's topics); anyone
 * else is FORBIDDEN; the caller's own texts are left out (nobody clears their own hold); every
 * query is on the indexed `held` flag. The cursor walks the four collections in order:
 * `<kind index>` (that collection from its start) or `<kind index>.<keyset cursor>` (after a
 * row of it; `_shared/paging.ts`), so a page costs the same wherever it is. Writes nothing.
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
import {
  badCursor,
  decodeCursor,
  encodeCursor,
  keysOf,
  sortStage,
  whereAfter,
  type PageOrder,
} from '../../_shared/paging';

const KINDS: ReadonlyArray<{ kind: Exclude<HeldKind, 'wish'>; collection: CollectionName; time: string }> = [
  { kind: 'topic', collection: Collections.topics, time: 'openedAt' },
  { kind: 'opinion', collection: Collections.opinions, time: 'createdAt' },
  { kind: 'objection', collection: Collections.objections, time: 'createdAt' },
  { kind: 'rating', collection: Collections.topicRatings, time: 'createdAt' },
];
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

/** Where a page starts: a collection's index and, within it, the keyset cursor to continue after. */
interface HeldCursor {
  k: number;
  after: string | undefined;
}

function parseCursor(cursor: string | undefined): HeldCursor {
  if (cursor === undefined) return { k: 0, after: undefined };
  const dot = cursor.indexOf('.');
  const head = dot < 0 ? cursor : cursor.slice(0, dot);
  const k = /^\d$/.test(head) ? Number(head) : -1;
  const after = dot < 0 ? undefined : cursor.slice(dot + 1);
  if (k < 0 || k >= KINDS.length) throw badCursor();
  if (after !== undefined) decodeCursor(after, 2); // validates
  return { k, after };
}

const oldestFirst = (time: string): PageOrder => ({ by: time, dir: 'asc' });

/**
 * For each collection from the `k`-th on, in one request: its held documents in scope, oldest
 * first, after the cursor's row in the `k`-th only, at most `limit + 1` (one more tells whether the
 * page goes on), each with the title of the topic it belongs to. An aggregation on the
 * community's document with one uncorrelated sub-pipeline per collection (each the page that
 * collection would give if the ones before it were exhausted). Null when there is no community.
 */
async function heldPages(
  ctx: Ctx,
  communityId: string,
  { k, after }: HeldCursor,
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
          .match(j === k ? whereAfter(ctx, scoped(kind), after, oldestFirst(time)) : scoped(kind))
          .sort(sortStage(oldestFirst(time)))
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
  const start = parseCursor(input.cursor);
  let k = start.k;
  let nextCursor: string | null = null;
  // Every collection's page from the cursor on, in one request (heldPages); the walk below takes
  // from them in order, as separate queries would have.
  const pages =
    topicIds !== null && topicIds.length === 0
      ? null
      : await heldPages(ctx, input.communityId, start, input.limit, scoped);
  while (pages && k < KINDS.length && found.length < input.limit) {
    const { kind, time } = KINDS[k]!;
    const need = input.limit - found.length;
    const rows = pages[k] ?? [];
    for (const doc of rows.slice(0, need)) found.push({ kind, doc });
    if (rows.length > need) {
      const last = rows[need - 1]!;
      nextCursor = `${k}.${encodeCursor(keysOf(oldestFirst(time))(last))}`;
      break;
    }
    k += 1;
  }
  if (nextCursor === null && found.length >= input.limit && k < KINDS.length) nextCursor = String(k);

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
