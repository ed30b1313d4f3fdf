/**
 * account.listAudit — a community's audit log, newest first, optionally by target kind,
 * paginated. Invariants: admins of the community only. Writes nothing.
 */
import type { AuditPage, ListAuditInput } from '../../../types/account';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import { pageOrderedBy } from '../../_shared/paging';
import { requireAdmin } from './permissions';

export async function listAudit({ ctx, input }: { ctx: Ctx; input: ListAuditInput }): Promise<AuditPage> {
  const actor = await loadActor(ctx);
  requireAdmin(actor, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.targetKind) where.targetKind = input.targetKind;
  const page = await pageOrderedBy(ctx, Collections.auditLog, where, input, { by: 'at', dir: 'desc' });
  return {
    items: page.items.map((doc) => ({
      id: doc._id,
      communityId: doc.communityId,
      actorId: doc.actorId ?? null,
      actorName: doc.actorName,
      action: doc.action,
      targetKind: doc.targetKind,
      targetId: doc.targetId,
      summary: doc.summary,
      before: doc.before ?? null,
      after: doc.after ?? null,
      at: iso(doc.at),
    })),
    nextCursor: page.nextCursor,
  };
}
