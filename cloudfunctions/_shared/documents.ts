/**
 * Role documents' keys and builders, and a new binding request's undecided fields. The shapes of stored documents are declared once, as zod
 * schemas with their types, in types/documents.ts; they are re-exported here for the code that
 * imports them from this module.
 */
import type { RoleKind } from '../../types/account';
import type { BindingRequestDoc, RoleDoc, WorkUnitDoc } from '../../types/documents';

export type {
  AuditDoc,
  BindingRequestDoc,
  BuildingDoc,
  CheckinDoc,
  CommunityDoc,
  CouncilDoc,
  EstateDoc,
  EventDoc,
  GridDoc,
  HouseholdDoc,
  ImportJobDoc,
  LockDoc,
  RegistrationDoc,
  RelabelMark,
  RoleDoc,
  StreetDoc,
  UnitRegistrationDoc,
  UserDoc,
  WorkUnitDoc,
} from '../../types/documents';

/** The natural key of a role: one document per person, kind and scope. */
export function roleId(kind: RoleKind, userId: string, scopeId: string): string {
  return `${kind}:${userId}:${scopeId}`;
}

/** A role's scope fields, all null: a role sets only the ones its kind is scoped by. */
export const noRoleScope = {
  estateId: null,
  buildingId: null,
  householdId: null,
  councilId: null,
  councilKind: null,
  position: null,
  workUnitId: null,
  memberType: null,
  streetId: null,
} as const satisfies Partial<RoleDoc>;

/** A role document with every scope field not given set to null. */
export function buildRole(
  fields: Pick<RoleDoc, 'kind' | 'userId' | 'communityId' | 'scopeLabel' | 'grantedBy' | 'grantedAt'> &
    Partial<Omit<RoleDoc, '_id'>> & { scopeId: string },
): RoleDoc {
  const { scopeId, ...rest } = fields;
  return { _id: roleId(fields.kind, fields.userId, scopeId), ...noRoleScope, ...rest };
}

/** The liaison role of a work unit. */
export function liaisonRole(unit: WorkUnitDoc, userId: string, grantedBy: string, now: Date): RoleDoc {
  return buildRole({
    kind: 'liaison',
    userId,
    communityId: unit.communityId,
    scopeId: unit._id,
    workUnitId: unit._id,
    scopeLabel: unit.name,
    grantedBy,
    grantedAt: now,
  });
}

/** A binding request as asked at `createdAt`: pending, nobody has decided it yet. */
export function undecidedBinding(
  createdAt: Date,
): Pick<BindingRequestDoc, 'status' | 'reason' | 'decidedBy' | 'decidedByName' | 'createdAt' | 'decidedAt'> {
  return { status: 'pending', reason: null, decidedBy: null, decidedByName: null, createdAt, decidedAt: null };
}
