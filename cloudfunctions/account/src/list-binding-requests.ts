/**
 * account.listBindingRequests — a community's binding requests, newest first, optionally by
 * status, paginated. Invariants: admins of the community see all of them; building and estate
 * leaders see only those for their buildings (names in full, phones masked); everyone else is
 * FORBIDDEN. Writes nothing, except the message a listed request's decision still owes its
 * applicant (delivered: _shared/outbox.ts).
 */
import type { BindingRequestPage, ListBindingRequestsInput } from '../../../types/account';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIds } from '../../_shared/db-helpers';
import { newestFirstPage } from '../../_shared/paging';
import { deliverAll } from '../../_shared/outbox';
import { forbidden } from './permissions';
import { bindingViewFor, toBinding } from './to-binding';

export async function listBindingRequests({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListBindingRequestsInput;
}): Promise<BindingRequestPage> {
  const actor = await loadActor(ctx);
  const _ = ctx.db.command;
  const base: Record<string, unknown> = { communityId: input.communityId };
  if (input.status) base.status = input.status;
  let where: object = base;
  if (!actor.isAdminOf(input.communityId)) {
    const { buildingIds, estateIds } = actor.ledScopes(input.communityId);
    if (buildingIds.length === 0 && estateIds.length === 0) {
      throw forbidden('binding.not-reviewer', '只有本社区管理员或楼栋党小组长可以查看绑定申请');
    }
    where = _.and([base, _.or([{ buildingId: _.in(buildingIds) }, { estateId: _.in(estateIds) }])]);
  }
  const page = await newestFirstPage(ctx, Collections.bindingRequests, where, input);
  await deliverAll(ctx, Collections.bindingRequests, page.items);
  const people = await getByIds(
    ctx,
    Collections.users,
    page.items.map((r) => r.userId),
  );
  return {
    items: page.items.map((doc) =>
      toBinding(doc, people.get(doc.userId), bindingViewFor(actor, doc) ?? { fullName: false, fullPhone: false }),
    ),
    nextCursor: page.nextCursor,
  };
}
