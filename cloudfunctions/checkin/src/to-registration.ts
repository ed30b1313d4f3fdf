/**
 * RegistrationDoc / UnitRegistrationDoc → the results of types/checkin.ts, as one caller may see
 * them. Invariants: a member's name is in full only for the member, the community's admins and
 * the liaison of the member's work unit (masked 张* otherwise); the household label only for the
 * member and the admins; a unit's contact phone in full only for the admins and the applicant.
 */
import type { Registration, ServiceIntention, UnitRegistration } from '../../../types/checkin';
import type { Actor } from '../../_shared/actor';
import { iso } from '../../_shared/db-helpers';
import type { RegistrationDoc, UnitRegistrationDoc } from '../../_shared/documents';
import { maskName, maskPhone } from '../../_shared/privacy';

export function toRegistration(doc: RegistrationDoc, actor: Actor): Registration {
  const self = actor.user?._id === doc.userId;
  const admin = actor.isAdminOf(doc.communityId);
  const liaison = actor.has('liaison', (r) => r.workUnitId === doc.workUnitId);
  return {
    id: doc._id,
    userId: doc.userId,
    userName: self || admin || liaison ? doc.userName : maskName(doc.userName),
    communityId: doc.communityId,
    workUnitId: doc.workUnitId,
    workUnitName: doc.workUnitName,
    partyOrgName: doc.partyOrgName,
    householdId: doc.householdId,
    householdLabel: self || admin ? doc.householdLabel : null,
    skills: doc.skills,
    intentions: doc.intentions as ServiceIntention[],
    status: doc.status,
    reason: doc.reason ?? null,
    createdAt: iso(doc.createdAt),
    decidedAt: doc.decidedAt ? iso(doc.decidedAt) : null,
    withdrawnAt: doc.withdrawnAt ? iso(doc.withdrawnAt) : null,
  };
}

export function toUnitRegistration(doc: UnitRegistrationDoc, actor: Actor): UnitRegistration {
  const full = actor.user?._id === doc.applicantId || actor.isAdminOf(doc.communityId);
  return {
    id: doc._id,
    communityId: doc.communityId,
    applicantId: doc.applicantId,
    applicantName: full ? doc.applicantName : maskName(doc.applicantName),
    name: doc.name,
    partyOrgName: doc.partyOrgName,
    contactPhone: full ? doc.contactPhone : (maskPhone(doc.contactPhone) ?? ''),
    status: doc.status,
    reason: doc.reason ?? null,
    workUnitId: doc.workUnitId ?? null,
    createdAt: iso(doc.createdAt),
    decidedAt: doc.decidedAt ? iso(doc.decidedAt) : null,
  };
}
