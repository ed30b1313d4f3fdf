/**
 * account.me — the caller's own profile, roles and latest binding requests, found by the OPENID
 * of the call. Invariants: needs an identity; a first-time visitor gets registered=false and
 * nothing else; the caller sees their own phone and name in full. Writes nothing, except
 * the message a listed request's decision still owes them (delivered: _shared/outbox.ts).
 */
import type { MeResult } from '../../../types/account';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BindingRequestDoc } from '../../_shared/documents';
import { deliverAll } from '../../_shared/outbox';
import { toBinding } from './to-binding';
import { sortRoles, toRole } from './to-role';

const LATEST_BINDINGS = 10;

export async function me({ ctx }: { ctx: Ctx }): Promise<MeResult> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  if (!user) return { registered: false, profile: null, roles: [], bindings: [] };
  const requests = await ctx.db
    .collection(Collections.bindingRequests)
    .where({ userId: user._id })
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(LATEST_BINDINGS)
    .get();
  await deliverAll(ctx, Collections.bindingRequests, requests.data as BindingRequestDoc[]);
  const self = { fullName: true, fullPhone: true };
  return {
    registered: true,
    profile: {
      id: user._id,
      name: user.name,
      phone: user.phone ?? null,
      avatarUrl: user.avatarUrl ?? null,
      partyMember: actor.isPartyMember(),
    },
    roles: sortRoles(actor.roles).map(toRole),
    bindings: (requests.data as BindingRequestDoc[]).map((doc) => toBinding(doc, user, self)),
  };
}
