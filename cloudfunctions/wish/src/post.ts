/**
 * wish.post — a resident posts a wish; it awaits review (待审核).
 * Invariants: the poster holds a resident role in the community (for the household named, or
 * their first one there); the wanted-by date is a real day from today to a year ahead (China
 * time); title and content pass the content check (or are held for manual
 * review: saved, with a hold each, never refused for an unavailable check) and the photos are this environment's
 * existing files — all before anything is written; the wish starts with its first timeline
 * entry (the `post` row of the transition table); then its reviewers (the community's admins,
 * the leaders of its building and estate; never the poster) are told it waits for them, each
 * with the key `wish:<id>:to-review:<userId>` — messages the wish owes from its insert on
 * (`outbox`, _shared/outbox.ts): a crash right after the insert leaves them on the wish, and the
 * next request that reads it (a view, a review, the poster's list, a review queue) delivers them.
 * Each carries a queued `wishReview` subscription message (ADR 0038), sent by the messages timer
 * to the reviewers who consented (订阅待审提醒).
 * 代办 (`proxy`): the same act, run as the resident of the consent (_shared/proxy.ts checks the
 * proxy, the consent and the scope, and reads the resident with their roles, in the caller's one
 * read), for the consent's household; the wish carries the proxy's stamp, its first timeline note
 * says who acted, and the wish with its audit entry `audit-proxy.postWish:<id>` is one
 * transaction; the reviewers' messages then stay owed (delivered by their message centres, the
 * wish's next read, or the `send-subscriptions` timer within a minute, which also queues their
 * push).
 * Requests: the caller 1, the reviewers 1, the wish with what it owes 1, the messages in one
 * insert 1, the owed batch removed 1, the estate's name for the detail 1 — 6; a 代办 post: 7 (the
 * proxy with the resident, the reviewers, the transaction of the wish and its audit entry: start,
 * wish, entry, commit, the estate's name) — ADR 0017's 8 for an act and its audit entry written
 * atomically.
 */
import { AppError } from '../../../types/errors';
import { HELD_PLACEHOLDER } from '../../../types/moderation';
import type { QueuedPush } from '../../../types/subscriptions';
import type { PostWishInput, WishDetail } from '../../../types/wish';
import { holdsForInsert, moderate, oweHeld } from '../../_shared/moderation';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { deliver, newDocId, owe, oweBoth } from '../../_shared/outbox';
import { reviewersOf } from '../../_shared/tell-many';
import { wishLink } from './notices';
import { wantedByEnd } from './dates';
import { checkPhotos } from './photos';
import { neverClaimed, type WishDoc } from './store';
import { transitions } from './transitions';
import { toDetail } from './views';
import { Collections } from '../../_shared/collections';
import { runTransaction } from '../../_shared/database';
import { actingFor, proxyAuditDoc, proxyNote } from '../../_shared/proxy';

export async function post({ ctx: call, input }: { ctx: Ctx; input: PostWishInput }): Promise<WishDetail> {
  // 代办: the wish is the resident's, posted for the consent's household (_shared/proxy.ts).
  const { ctx, grant, actor } = await actingFor(call, input.proxy, 'post_wish');
  if (grant) input = { ...input, householdId: grant.consent.householdId };
  const homes = actor.roles
    .filter((r) => r.kind === 'resident' && r.communityId === input.communityId && r.householdId)
    .sort((a, b) => new Date(a.grantedAt).getTime() - new Date(b.grantedAt).getTime() || a._id.localeCompare(b._id));
  const user = actor.user;
  if (!user || homes.length === 0) {
    throw new AppError('FORBIDDEN', 'wish.not-resident', '只有本社区已绑定房屋的居民可以发布心愿');
  }
  const home = input.householdId ? homes.find((r) => r.householdId === input.householdId) : homes[0];
  if (!home || !home.householdId || !home.estateId || !home.buildingId) {
    throw new AppError('VALIDATION', 'wish.not-your-household', '您没有绑定该房屋', {
      householdId: '您没有绑定该房屋',
    });
  }
  const now = ctx.now();
  const end = wantedByEnd(input.wantedBy, now);
  const holds = await moderate(
    ctx,
    { id: user._id, name: user.name },
    {
      title: { text: input.title, label: '心愿标题', paths: ['title'] },
      content: { text: input.content, label: '心愿描述', paths: ['content'] },
    },
    3,
  );
  const urls = await checkPhotos('photos', input.photos);

  const row = transitions.find((t) => t.via === 'post')!;
  const doc: Omit<WishDoc, '_id'> = {
    communityId: input.communityId,
    estateId: home.estateId,
    buildingId: home.buildingId,
    householdId: home.householdId,
    householdLabel: home.scopeLabel,
    posterId: user._id,
    posterName: user.name,
    posterOpenid: user.openid,
    category: input.category,
    title: input.title,
    content: input.content,
    photos: input.photos,
    wantedBy: input.wantedBy,
    wantedByEnd: end,
    state: row.to,
    rev: 0,
    ...neverClaimed,
    timeline: [
      { at: now, from: null, to: row.to, via: row.via, byId: user._id, byName: user.name, note: proxyNote(grant) },
    ],
    ...(grant ? { proxy: grant.stamp } : {}),
    createdAt: now,
    updatedAt: now,
    ...holdsForInsert(holds),
  };
  const id = newDocId();
  const reviewers = await reviewersOf(ctx, doc, user._id);
  const title = holds.some((h) => h.field === 'title') ? HELD_PLACEHOLDER : doc.title;
  // Queued with each message: sent by the messages timer to the reviewers who consented.
  const push: QueuedPush = {
    kind: 'wishReview',
    values: { wishId: id, wishTitle: title, notice: '有居民发布了心愿，等待您审核', time: now },
  };
  const toReview = owe(
    'to-review',
    reviewers.map((userId) => ({
      key: `wish:${id}:to-review:${userId}`,
      userId,
      communityId: doc.communityId,
      kind: 'wish' as const,
      title: '有新心愿待审核',
      body: `有居民发布了心愿“${title}”，等待您审核。`,
      link: wishLink(id),
      push,
    })),
  );
  // The poster's own notice that a text is held rides with the reviewers' (delivered together).
  const owed = oweBoth(
    toReview,
    oweHeld(holds, {
      kind: 'wish',
      id,
      communityId: doc.communityId,
      messageKind: 'wish',
      link: wishLink(id),
      where: '您发布的心愿的',
    }),
  );
  if (grant) {
    // The wish and its 代办 audit entry are one write: a crash leaves both or neither.
    const audit = proxyAuditDoc(ctx, grant, {
      action: 'proxy.postWish',
      targetKind: 'wish',
      targetId: id,
      summary: `发布心愿“${doc.title}”`,
    });
    await runTransaction(ctx.db, async (tx) => {
      await tx.collection(Collections.wishes).add({ _id: id, ...doc, ...owed });
      await tx.collection(Collections.auditLog).add(audit);
      crashPoint('wish.post.proxy-before-commit');
    });
  } else {
    await ctx.db.collection(Collections.wishes).add({ _id: id, ...doc, ...owed });
  }
  crashPoint('wish.post.after-insert');
  // A 代办 post has spent its budget on the proxy's read and the transaction (ADR 0017): the
  // reviewers' messages stay owed, delivered by their message centres, the wish's next read or
  // the messages timer within a minute (ADR 0038), like a leader's close of a vote.
  if (!grant) await deliver(ctx, Collections.wishes, { _id: id, ...owed });
  // The poster is the caller: their phone is already known.
  return toDetail(ctx, actor, { ...doc, _id: id }, { urls, posterPhone: user.phone });
}
