/**
 * BindingRequestDoc → the `BindingRequest` result, as one particular caller may see it.
 * Invariant: the applicant's name is masked unless the caller is the applicant, an admin of the
 * community or a leader of the building; the phone is masked unless the caller is the applicant
 * or an admin. The name and phone come from the applicant's current profile.
 */
import type { BindingRequest } from '../../../types/account';
import type { Actor } from '../../_shared/actor';
import { iso } from '../../_shared/db-helpers';
import type { BindingRequestDoc, UserDoc } from '../../_shared/documents';
import { maskName, maskPhone } from '../../_shared/privacy';

export interface BindingView {
  fullName: boolean;
  fullPhone: boolean;
}

type Scope = Pick<BindingRequestDoc, 'userId' | 'communityId' | 'estateId' | 'buildingId'>;

/** Whether the caller may decide the request: an admin of its community or a leader of its building. */
export function mayDecide(actor: Actor, req: Scope): boolean {
  return actor.isAdminOf(req.communityId) || actor.leadsBuilding({ _id: req.buildingId, estateId: req.estateId });
}

/** How the caller sees a request, or null when they may not see it at all. */
export function bindingViewFor(actor: Actor, req: Scope): BindingView | null {
  const self = actor.user !== null && actor.user._id === req.userId;
  const admin = actor.isAdminOf(req.communityId);
  const leader = actor.leadsBuilding({ _id: req.buildingId, estateId: req.estateId });
  if (!self && !admin && !leader) return null;
  return { fullName: true, fullPhone: self || admin };
}

export function toBinding(doc: BindingRequestDoc, person: UserDoc | undefined, view: BindingView): BindingRequest {
  const name = person?.name ?? doc.userName;
  const phone = person?.phone ?? null;
  return {
    id: doc._id,
    userId: doc.userId,
    userName: view.fullName ? name : maskName(name),
    userPhone: view.fullPhone ? phone : maskPhone(phone),
    communityId: doc.communityId,
    estateId: doc.estateId,
    buildingId: doc.buildingId,
    householdId: doc.householdId,
    householdLabel: doc.householdLabel,
    relation: doc.relation,
    status: doc.status,
    reason: doc.reason ?? null,
    decidedByName: doc.decidedByName ?? null,
    createdAt: iso(doc.createdAt),
    decidedAt: doc.decidedAt ? iso(doc.decidedAt) : null,
    claimsOffline: Boolean(doc.claimOfflineId),
  };
}
