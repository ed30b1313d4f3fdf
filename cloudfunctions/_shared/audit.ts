/**
 * The audit log: every admin or leader action that changes someone else's data writes one
 * entry (who, what, when, before/after). Entries are only ever added.
 */
import { Collections } from './collections';
import type { Ctx } from './context';
import type { AuditDoc, UserDoc } from './documents';

/** Who acted, as the entry records them (null: the system, e.g. a timer). */
export type AuditActor = Pick<UserDoc, '_id' | 'name'>;

export interface AuditInput {
  communityId: string;
  action: string;
  targetKind: string;
  targetId: string;
  summary: string;
  before: unknown;
  after: unknown;
}

/**
 * The entry `writeAudit` adds, with a deterministic id, for a verb that writes it inside the
 * transaction of the act it records (so a crash leaves both or neither).
 */
export function auditDocOf(ctx: Pick<Ctx, 'now'>, actor: AuditActor | null, entry: AuditInput, id: string): AuditDoc {
  return { _id: id, ...entryOf(entry, actor, ctx.now()) };
}

function entryOf(entry: AuditInput, actor: AuditActor | null, at: Date): Omit<AuditDoc, '_id'> {
  return {
    ...entry,
    before: entry.before ?? null,
    after: entry.after ?? null,
    actorId: actor?._id ?? null,
    actorName: actor?.name ?? '系统',
    at,
  };
}

export async function writeAudit(ctx: Ctx, actor: UserDoc | null, entry: AuditInput): Promise<void> {
  await ctx.db.collection(Collections.auditLog).add(entryOf(entry, actor, ctx.now()));
}

/**
 * Several entries of one act in one request (a batch insert), in the given order; nothing is
 * written for an empty list.
 */
export async function writeAudits(ctx: Ctx, actor: UserDoc | null, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const at = ctx.now();
  const docs = entries.map((entry) => entryOf(entry, actor, at));
  await ctx.db.collection(Collections.auditLog).add(docs);
}
