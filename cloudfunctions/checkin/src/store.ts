/**
 * Helpers of the checkin area: new ids and offset pagination (documents are read through
 * `_shared/db-helpers.ts`, collections named `Collections.<name>`). Invariant: ids made here use
 * only `[A-Za-z0-9-]`, so an event id always fits into a QR code (see `_shared/qr.ts`).
 */
import { randomBytes } from 'node:crypto';
import { Collections } from '../../_shared/collections';

/**
 * @deprecated name the collection `Collections.<name>` and read with `getById`; `C` and
 * `findById` stay only for the registration verbs another branch is changing.
 */
export const C = Collections;
/** @deprecated see `C`. */
export { getById as findById } from '../../_shared/db-helpers';

/** A new id with a readable prefix, e.g. `evt-3f2a…` (hex only after the prefix). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export { pageOf } from '../../_shared/paging';
