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
 * batch holds one text for all its people (a fan-out, or one person).
 */
import { randomUUID } from 'node:crypto';
import type { OutboxBatch } from '../../types/documents';
import type { Ctx } from './context';
import { tellMany, type InAppNotice } from './tell-many';

export type { OutboxBatch };

/** What a document that owes messages carries. */
export interface WithOutbox {
  _id: string;
  outbox?: Record<string, OutboxBatch>;
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
    if (n.title !== first.title || n.body !== first.body || n.link !== first.link || n.kind !== first.kind) {
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
  };
}

/**
 * The fields to write with the act so that it owes `notices` (in an insert or an update: one
 * named batch; nothing when nobody is to be told).
 */
export function owe(name: string, notices: readonly InAppNotice[]): { outbox?: Record<string, OutboxBatch> } {
  const batch = batchOf(notices);
  return batch ? { outbox: { [name]: batch } } : {};
}

/**
 * The same for an update of the act's document: the named batch set whole (`_.set`), any other
 * batch left as it is (one field path).
 */
export function oweInUpdate(ctx: Ctx, name: string, batch: OutboxBatch | null): Record<string, unknown> {
  return batch ? { [`outbox.${name}`]: ctx.db.command.set(batch) } : {};
}

/** What a document owes after an act that owes `batch` under `name` (to deliver it at once). */
export function owed(id: string, name: string, batch: OutboxBatch | null): WithOutbox {
  return batch ? { _id: id, outbox: { [name]: batch } } : { _id: id };
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
  }));
}

/**
 * Delivers what `doc` (as read) owes: every batch's messages in one insert, then the batches
 * removed (one update). Nothing when it owes nothing. Two requests otherwise.
 */
export async function deliver(ctx: Ctx, collection: string, doc: WithOutbox): Promise<void> {
  if (!owes(doc)) return;
  const batches = doc.outbox!;
  await tellMany(
    ctx,
    Object.values(batches).flatMap((b) => noticesOf(b)),
  );
  const _ = ctx.db.command;
  const removed: Record<string, unknown> = {};
  for (const name of Object.keys(batches)) removed[`outbox.${name}`] = _.remove();
  await ctx.db.collection(collection).doc(doc._id).update(removed);
}

/** Delivers what each of `docs` owes (nothing, and no request, when none owes anything). */
export async function deliverAll(ctx: Ctx, collection: string, docs: readonly WithOutbox[]): Promise<void> {
  for (const doc of docs) if (owes(doc)) await deliver(ctx, collection, doc);
}
