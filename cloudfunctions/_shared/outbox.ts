/**
 * Messages that cannot be lost to a crash: the act's own write carries them (`outbox.<batch>`
 * on the act's document, in the same request, so it costs the act nothing), and they are
 * delivered — one insert for all of them (`tellMany`), then the batch removed — right after the
 * act, or by whichever request meets the document next with a batch still on it (the act's
 * retry, a view of the document, a list of them). docs/adr/0031.
 * Invariants: a document never changes state without the messages that change owes (they are
 * in the same write); every message keeps its caller-made key, so a batch delivered twice (a
 * crash after the insert, before the removal; two requests delivering at once) tells nobody
 * twice; a batch is removed by its name only, so a batch another act added meanwhile stays; a
 * batch holds one text for all its people (a fan-out, or one person); whoever a batch tells is in
 * the document's `owedTo` from the same write until their messages are delivered, so each
 * person's message centre finds what is owed to them in one indexed read and delivers their
 * share (`deliverTo`, ADR 0038).
 */
import { randomUUID } from 'node:crypto';
import type { OutboxBatch } from '../../types/documents';
import type { QueuedPush } from '../../types/subscriptions';
import type { Ctx } from './context';
import { tellMany, type InAppNotice } from './tell-many';

export type { OutboxBatch };

/** What a document that owes messages carries. */
export interface WithOutbox {
  _id: string;
  outbox?: Record<string, OutboxBatch>;
  /**
   * Who the batches tell (each person once; absent when nothing is owed): the marker the
   * message centre finds its caller's owed messages by, one indexed read (`owed_to` indexes).
   */
  owedTo?: string[];
}

/** The people `batch` tells, each once. */
export function recipientsOf(batch: OutboxBatch): string[] {
  return [...new Set(batch.to.map((t) => t.userId))];
}

/**
 * The marker that goes with a batch written by an update (`owedTo` grows by its people; the
 * other batches' people stay), for an act that writes its `outbox.<name>` path itself.
 */
export function owedToInUpdate(ctx: Ctx, batches: ReadonlyArray<OutboxBatch | null>): Record<string, unknown> {
  const people = [...new Set(batches.flatMap((b) => (b ? recipientsOf(b) : [])))];
  return people.length > 0 ? { owedTo: ctx.db.command.addToSet({ $each: people }) } : {};
}

/**
 * A new document id in the form CloudBase gives one (32 hex digits), for an insert whose owed
 * messages name the document (their keys and links need its id before it is written).
 */
export function newDocId(): string {
  return randomUUID().replace(/-/g, '');
}

/** The batch that tells `notices` (all with one text), or null when nobody is to be told. */
export function batchOf(notices: readonly InAppNotice[]): OutboxBatch | null {
  const first = notices[0];
  if (!first) return null;
  for (const n of notices) {
    if (
      n.title !== first.title ||
      n.body !== first.body ||
      n.link !== first.link ||
      n.kind !== first.kind ||
      n.push !== first.push
    ) {
      throw new Error(`outbox batch: ${n.key} does not share the text of ${first.key}`);
    }
  }
  return {
    to: notices.map((n) => ({ key: n.key, userId: n.userId })),
    communityId: first.communityId,
    kind: first.kind,
    title: first.title,
    body: first.body,
    link: first.link,
    ...(first.push ? { push: first.push } : {}),
  };
}

/**
 * The fields to write with the act so that it owes `notices` (in an insert or an update: one
 * named batch; nothing when nobody is to be told).
 */
export function owe(
  name: string,
  notices: readonly InAppNotice[],
): { outbox?: Record<string, OutboxBatch>; owedTo?: string[] } {
  const batch = batchOf(notices);
  return batch ? { outbox: { [name]: batch }, owedTo: recipientsOf(batch) } : {};
}

/** Two owings of one insert as one: both batches, and both people's markers. */
export function oweBoth(
  a: ReturnType<typeof owe>,
  b: ReturnType<typeof owe>,
): { outbox?: Record<string, OutboxBatch>; owedTo?: string[] } {
  if (!a.outbox) return b;
  if (!b.outbox) return a;
  return { outbox: { ...a.outbox, ...b.outbox }, owedTo: [...new Set([...(a.owedTo ?? []), ...(b.owedTo ?? [])])] };
}

/**
 * The same for an update of the act's document: the named batch set whole (`_.set`), any other
 * batch left as it is (one field path), and its people added to `owedTo`.
 */
export function oweInUpdate(ctx: Ctx, name: string, batch: OutboxBatch | null): Record<string, unknown> {
  return batch ? { [`outbox.${name}`]: ctx.db.command.set(batch), ...owedToInUpdate(ctx, [batch]) } : {};
}

/** What a document owes after an act that owes `batch` under `name` (to deliver it at once). */
export function owed(id: string, name: string, batch: OutboxBatch | null): WithOutbox {
  return batch ? { _id: id, outbox: { [name]: batch }, owedTo: recipientsOf(batch) } : { _id: id };
}

/** Whether `doc` still owes messages. */
export function owes(doc: WithOutbox): boolean {
  return !!doc.outbox && Object.keys(doc.outbox).length > 0;
}

function noticesOf(batch: OutboxBatch): InAppNotice[] {
  return batch.to.map((t) => ({
    key: t.key,
    userId: t.userId,
    communityId: batch.communityId,
    kind: batch.kind,
    title: batch.title,
    body: batch.body,
    link: batch.link,
    ...(batch.push ? { push: batch.push as QueuedPush } : {}),
  }));
}

/**
 * How a delivery removes what it delivered. `batches` (the default): each delivered batch by its
 * name and its people from `owedTo` — a batch another act added meanwhile stays. `whole`: the
 * `outbox` and `owedTo` fields themselves, for a document whose collection owes at most one
 * batch in its life (a registration: only its decision owes), so no `outbox: {}` is left behind.
 */
export type Removal = 'batches' | 'whole';

/**
 * Delivers what `doc` (as read) owes: every batch's messages in one insert, then the batches
 * removed (one update). Nothing when it owes nothing. Two requests otherwise. Batches named in
 * `keep` stay owed (and their people in `owedTo`): those an act leaves to the document's views and
 * the message centres by design, so a reader with a tight budget does not tell a whole building.
 */
export async function deliver(
  ctx: Ctx,
  collection: string,
  doc: WithOutbox,
  removal: Removal = 'batches',
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  const all = Object.entries(doc.outbox ?? {});
  const batches = all.filter(([name]) => !keep.has(name));
  if (batches.length === 0) return;
  await tellMany(
    ctx,
    batches.flatMap(([, b]) => noticesOf(b)),
  );
  const _ = ctx.db.command;
  const removed: Record<string, unknown> = {};
  if (removal === 'whole') {
    removed['outbox'] = _.remove();
    removed['owedTo'] = _.remove();
  } else {
    for (const [name] of batches) removed[`outbox.${name}`] = _.remove();
    const stillOwed = new Set(all.filter(([name]) => keep.has(name)).flatMap(([, b]) => recipientsOf(b)));
    const people = [...new Set(batches.flatMap(([, b]) => recipientsOf(b)))].filter((p) => !stillOwed.has(p));
    if (people.length > 0) removed['owedTo'] = _.pullAll(people);
  }
  await ctx.db.collection(collection).doc(doc._id).update(removed);
}

/** Delivers what each of `docs` owes (nothing, and no request, when none owes anything), but `keep`. */
export async function deliverAll(
  ctx: Ctx,
  collection: string,
  docs: readonly WithOutbox[],
  removal: Removal = 'batches',
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const doc of docs) if (owes(doc)) await deliver(ctx, collection, doc, removal, keep);
}

/**
 * Delivers `userId`'s share of what `doc` (as read) owes — the message centre's delivery to its
 * caller: their messages in one insert, then one update that takes them off the document: a
 * batch that tells only them is removed by name (the whole `outbox` with `whole` when that was
 * all it owed), in a batch that tells others too their entries are pulled from its `to` (the
 * others stay owed, to the document's next reader and to their own message centre), and they
 * are pulled from `owedTo`. Two requests; only the update when the document names them in
 * `owedTo` but owes them nothing (a marker left by a race, removed).
 */
export async function deliverTo(
  ctx: Ctx,
  collection: string,
  doc: WithOutbox,
  userId: string,
  removal: Removal = 'batches',
): Promise<void> {
  const batches = doc.outbox ?? {};
  const theirs = Object.entries(batches).filter(([, b]) => b.to.some((t) => t.userId === userId));
  const _ = ctx.db.command;
  if (theirs.length > 0) {
    await tellMany(
      ctx,
      theirs.flatMap(([, b]) => noticesOf(b).filter((n) => n.userId === userId)),
    );
  }
  const update: Record<string, unknown> = {};
  const onlyTheirs = theirs.filter(([, b]) => b.to.every((t) => t.userId === userId));
  if (removal === 'whole' && onlyTheirs.length === Object.keys(batches).length) {
    update['outbox'] = _.remove();
    update['owedTo'] = _.remove();
  } else {
    for (const [name, b] of theirs) {
      if (b.to.every((t) => t.userId === userId)) update[`outbox.${name}`] = _.remove();
      else update[`outbox.${name}.to`] = _.pull({ userId });
    }
    update['owedTo'] = _.pull(userId);
  }
  await ctx.db.collection(collection).doc(doc._id).update(update);
}
