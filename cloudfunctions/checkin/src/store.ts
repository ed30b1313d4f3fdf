/**
 * Helpers of the checkin area: new ids and offset pagination (documents are read through
 * `_shared/db-helpers.ts`, collections named `Collections.<name>`). Invariant: ids made here use
 * only `[A-Za-z0-9-]`, so an event id always fits into a QR code (see `_shared/qr.ts`).
 */
import { randomBytes } from 'node:crypto';

/** A new id with a readable prefix, e.g. `evt-3f2a…` (hex only after the prefix). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}
