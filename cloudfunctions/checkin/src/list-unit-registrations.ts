/**
 * checkin.listUnitRegistrations — a community's work-unit applications, newest first,
 * optionally by status, paginated. Invariants: admins of the community only (everyone else is
 * FORBIDDEN); applicants' names and phones in full for them. Writes nothing, except the message a listed
 * application's decision still owes its applicant (delivered: _shared/outbox.ts).
 */
import type { ListUnitRegistrationsInput, UnitRegistrationPage } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { deliverAll } from '../../_shared/outbox';
import { requireAdmin } from './permissions';
import { newestFirstPage } from '../../_shared/paging';
import { toUnitRegistration } from './to-registration';
import { Collections } from '../../_shared/collections';

export async function listUnitRegistrations({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListUnitRegistrationsInput;
}): Promise<UnitRegistrationPage> {
  const actor = await loadActor(ctx);
  requireAdmin(actor, input.communityId);
  const where: Record<string, unknown> = { communityId: input.communityId };
  if (input.status) where.status = input.status;
  const page = await newestFirstPage(ctx, Collections.unitRegistrations, where, input);
  await deliverAll(ctx, Collections.unitRegistrations, page.items);
  return { items: page.items.map((doc) => toUnitRegistration(doc, actor)), nextCursor: page.nextCursor };
}
