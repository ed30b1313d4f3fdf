/**
 * What is owed to the message centre's caller, found and delivered by the centre's reads
 * (`messages.list`, `messages.unreadCount`; ADR 0038). An act owes its
 * messages on its own document (`outbox.<batch>`, _shared/outbox.ts) and names the people they
 * tell in the document's `owedTo`, in the same write. The caller is read together with every
 * document whose `owedTo` holds them, in ONE aggregation (users by `openid`, then one join per
 * collection that owes, each on its `owed_to` index); one such document is then delivered to them
 * (their messages in one insert, then one update takes them off it), so the read stays within
 * four requests: the caller with what is owed, the insert, the update, the read itself.
 * Invariants:
 * - the caller is known only by `ctx.caller.openid` (UNAUTHENTICATED before anything is read);
 * - only the caller's own share is delivered: other people's entries of a fan-out stay owed;
 * - every message keeps its act's key, so a share delivered twice (a crash after the insert, two
 *   reads at once, the document's own delivery meanwhile) tells nobody twice;
 * - at most one owing document per read; a second one is delivered by the next read.
 */
import { requireOpenid } from '../../_shared/auth';
import { Collections, type CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { deliverTo, type Removal, type WithOutbox } from '../../_shared/outbox';

/** Every collection whose documents owe messages, and how a delivery removes what it delivered. */
const OWING: ReadonlyArray<{ collection: CollectionName; removal: Removal }> = [
  { collection: Collections.registrations, removal: 'whole' },
  { collection: Collections.bindingRequests, removal: 'batches' },
  { collection: Collections.unitRegistrations, removal: 'batches' },
  { collection: Collections.wishes, removal: 'batches' },
  { collection: Collections.topics, removal: 'batches' },
  { collection: Collections.activities, removal: 'batches' },
  // An admin's refusal of a 代办 act owes its two messages on its own entry (ADR 0044).
  { collection: Collections.auditLog, removal: 'batches' },
  // An opinion, objection or rating whose text is held owes its author that notice.
  { collection: Collections.opinions, removal: 'batches' },
  { collection: Collections.objections, removal: 'batches' },
  { collection: Collections.topicRatings, removal: 'batches' },
];

const joined = (collection: string) => `_owed_${collection}`;

export interface CallerWithOwed {
  userId: string;
  /** The first document found owing the caller, with its collection; null when nothing is owed. */
  owing: { collection: CollectionName; removal: Removal; doc: WithOutbox } | null;
}

/** The caller's user id with what is owed to them: one request. Null for a WeChat user without a profile. */
export async function callerWithOwed(ctx: Ctx): Promise<CallerWithOwed | null> {
  const openid = requireOpenid(ctx);
  let pipeline = ctx.db.collection(Collections.users).aggregate().match({ openid }).limit(1);
  for (const { collection } of OWING) {
    pipeline = pipeline.lookup({ from: collection, localField: '_id', foreignField: 'owedTo', as: joined(collection) });
  }
  const res = await pipeline.end();
  const row = ((res.data ?? []) as Array<Record<string, unknown>>)[0];
  if (!row) return null;
  const userId = row['_id'] as string;
  for (const { collection, removal } of OWING) {
    const docs = row[joined(collection)];
    const doc = Array.isArray(docs)
      ? (docs as Array<WithOutbox | null>).find((d): d is WithOutbox => !!d && (d.owedTo ?? []).includes(userId))
      : undefined;
    if (doc) return { userId, owing: { collection, removal, doc } };
  }
  return { userId, owing: null };
}

/** Delivers what `found` says is owed to its caller (two requests; none when nothing is). */
export async function deliverOwed(ctx: Ctx, found: CallerWithOwed): Promise<void> {
  if (!found.owing) return;
  const { collection, removal, doc } = found.owing;
  await deliverTo(ctx, collection, doc, found.userId, removal);
}

/** The caller's user id after delivering what is owed to them (null without a profile). */
export async function callerDelivered(ctx: Ctx): Promise<string | null> {
  const found = await callerWithOwed(ctx);
  if (!found) return null;
  await deliverOwed(ctx, found);
  return found.userId;
}
