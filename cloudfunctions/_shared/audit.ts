/**
 * The audit log: every admin or leader action that changes someone else's data writes one
 * entry (who, what, when, before/after). Entries are only ever added.
 */
import { Collections } from './collections';
import type { Ctx } from './context';
import type { AuditDoc, UserDoc } from './documents';

export interface AuditInput {
  communityId: string;
  action: string;
  targetKind: string;
  targetId: string;
  summary: string;
  before: unknown;
  after: unknown;
}

export async function writeAudit(ctx: Ctx, actor: UserDoc | null, entry: AuditInput): Promise<void> {
  const doc: Omit<AuditDoc, '_id'> = {
    ...entry,
    before: entry.before ?? null,
    after: entry.after ?? null,
    actorId: actor?._id ?? null,
    actorName: actor?.name ?? '系统',
    at: ctx.now(),
  };
  await ctx.db.collection(Collections.auditLog).add(doc);
}

/**
 * Several entries of one act in one request (a batch insert), in the given order; nothing is
 * written for an empty list.
 */
export async function writeAudits(ctx: Ctx, actor: UserDoc | null, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const at = ctx.now();
  const docs: Array<Omit<AuditDoc, '_id'>> = entries.map((entry) => ({
    ...entry,
    before: entry.before ?? null,
    after: entry.after ?? null,
    actorId: actor?._id ?? null,
    actorName: actor?.name ?? '系统',
    at,
  }));
  await ctx.db.collection(Collections.auditLog).add(docs);
}
