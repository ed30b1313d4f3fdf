/**
 * account.listAudit — a community's audit log, newest first, optionally by target kind, by the
 * person who acted (`actorId`), by kind (`kind`: the actions of types/labels/audit.ts) and by
 * Asia/Shanghai days (`from`, `to` inclusive), paginated. Invariants: admins of the community
 * only (checked before anything else is read); the filters only narrow that community's entries;
 * a 代办 act's entry says whether an admin refused it (`refused`: its refusal's entry, of the
 * deterministic id `audit-proxy.refuseAct:<act entry id>`, exists — docs/adr/0044), whatever the
 * filters show of the refusals themselves.
 * Requests: the caller with their roles, then one page query — 2 whatever the filters — and one
 * more (the page's refusals by id) when the page shows a 代办 act.
 * Writes nothing.
 */
import type { AuditPage, ListAuditInput } from '../../../types/account';
import { auditActionsOf } from '../../../types/labels/audit';
import { PROXY_ACT_ENTRIES } from '../../../types/labels/proxy';
import type { AuditDoc } from '../../_shared/documents';
import { addDaysToDay, parseCstDay } from '../../../types/time';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import { pageOrderedBy } from '../../_shared/paging';
import { refusalIdOf } from '../../_shared/proxy-refusal';
import { requireAdmin } from './permissions';

export async function listAudit({ ctx, input }: { ctx: Ctx; input: ListAuditInput }): Promise<AuditPage> {
  const actor = await loadActor(ctx);
  requireAdmin(actor, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.targetKind) where.targetKind = input.targetKind;
  if (input.actorId) where.actorId = input.actorId;
  const _ = ctx.db.command;
  if (input.kind) where.action = _.in(auditActionsOf(input.kind));
  const from = input.from ? parseCstDay(input.from) : null;
  const to = input.to ? addDaysToDay(input.to, 1) : null;
  const end = to ? parseCstDay(to) : null;
  if (from && end) where.at = _.gte(from).and(_.lt(end));
  else if (from) where.at = _.gte(from);
  else if (end) where.at = _.lt(end);
  const page = await pageOrderedBy(ctx, Collections.auditLog, where, input, { by: 'at', dir: 'desc' });
  const refused = await refusedActs(ctx, page.items);
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
      refused: refused.has(refusalIdOf(doc._id)),
    })),
    nextCursor: page.nextCursor,
  };
}

/** The ids of the refusals of the 代办 acts among `docs` that exist (none read when no act is shown). */
async function refusedActs(ctx: Ctx, docs: readonly AuditDoc[]): Promise<Set<string>> {
  const refusals = docs.filter((doc) => PROXY_ACT_ENTRIES[doc.action]).map((doc) => refusalIdOf(doc._id));
  if (refusals.length === 0) return new Set();
  const found = await ctx.db
    .collection(Collections.auditLog)
    .where({ _id: ctx.db.command.in(refusals) })
    .field({ _id: true })
    .get();
  return new Set(found.data.map((doc) => String(doc._id)));
}
