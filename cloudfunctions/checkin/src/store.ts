/**
 * Database helpers of the checkin area: its collection names (the shared ones), reading
 * one document by id, new ids, and offset pagination. Invariant: ids made here use only
 * `[A-Za-z0-9-]`, so an event id always fits into a QR code (see `_shared/qr.ts`).
 */
import { randomBytes } from 'node:crypto';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';

/** Every collection the checkin area reads or writes (declared in database/collections.json). */
export const C = Collections;
export type CheckinCollection = (typeof C)[keyof typeof C];

/** One document by `_id`, or null. */
export async function findById<T>(ctx: Ctx, collection: CheckinCollection, id: string): Promise<T | null> {
  const res = await ctx.db.collection(collection).where({ _id: id }).limit(1).get();
  return ((res.data ?? []) as T[])[0] ?? null;
}

/** A new id with a readable prefix, e.g. `evt-3f2a…` (hex only after the prefix). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export { pageOf } from '../../_shared/paging';
