/**
 * checkin.listRegistrations — a community's registrations, newest first, optionally by status
 * and work unit, paginated.
 * Invariants: admins of the community see all of them (names and households in full); the
 * liaison of a work unit of that community sees only that unit's registrations — the unit
 * filter is forced to their own unit(s), and naming another unit is FORBIDDEN — with names in
 * full and households hidden; everyone else is FORBIDDEN. An approved registration whose
 * member role was revoked shows as `ended` (derived, see registrations.ts). Writes nothing.
 */
import type { ListRegistrationsInput, RegistrationPage } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { forbidden } from './permissions';
import { withEndedDerived } from './registrations';
import { newestFirstPage } from '../../_shared/paging';
import { toRegistration } from './to-registration';
import { Collections } from '../../_shared/collections';

export async function listRegistrations({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListRegistrationsInput;
}): Promise<RegistrationPage> {
  const actor = await loadActor(ctx);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.status) where.status = input.status;
  if (input.workUnitId) where.workUnitId = input.workUnitId;
  if (!actor.isAdminOf(input.communityId)) {
    const units = actor.roles
      .filter((r) => r.kind === 'liaison' && r.communityId === input.communityId && r.workUnitId)
      .map((r) => r.workUnitId as string);
    if (!actor.user || units.length === 0) {
      throw forbidden('registration.not-reviewer', '只有本社区管理员或报到单位联络员可以查看报到记录');
    }
    if (input.workUnitId && !units.includes(input.workUnitId)) {
      throw forbidden('registration.other-unit', '联络员只能查看本单位党员的报到记录');
    }
    if (!input.workUnitId) where.workUnitId = _.in(units);
  }
  const page = await newestFirstPage(ctx, Collections.registrations, where, input);
  const docs = await withEndedDerived(ctx, page.items);
  return { items: docs.map((doc) => toRegistration(doc, actor)), nextCursor: page.nextCursor };
}
