/**
 * The shapes of stored documents. Verbs read and write these; results sent to clients are
 * built from them through the schemas in `types/` (never returned raw, so no field leaks by
 * accident). Times are Dates in the database and ISO strings on the wire.
 */
import type { CouncilPosition, MemberType, Relation, RoleKind, BindingStatus } from '../../types/account';
import type { CouncilKind } from '../../types/org';

/**
 * On a place or unit whose name others copy (place-labels.ts): set by a rename in the same write,
 * cleared by the relabel job (org/src/relabel-copies.ts) once every copy follows. Absent = none.
 */
export interface RelabelMark {
  relabelPending?: boolean;
  relabelRev?: number;
  /** Where a cut-off relabel run resumes: the scan it was in and the last `_id` done. */
  relabelCursor?: { scan: number; after: string | null } | null;
}

export interface StreetDoc {
  _id: string;
  name: string;
}

export interface CommunityDoc extends RelabelMark {
  _id: string;
  streetId: string;
  name: string;
  address: string;
  /** When the community came onto the platform; schedules may not start before it (absent in older data). */
  createdAt?: Date;
  updatedAt: Date;
}

export interface EstateDoc extends RelabelMark {
  _id: string;
  communityId: string;
  name: string;
  partyBranchName: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface BuildingDoc extends RelabelMark {
  _id: string;
  communityId: string;
  estateId: string;
  name: string;
  partyGroupName: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface HouseholdDoc extends RelabelMark {
  _id: string;
  communityId: string;
  estateId: string;
  buildingId: string;
  room: string;
  floorArea: number;
  isPartyCenter: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One household import (`import_jobs`, _id = import-<hash of the fileID>): written before the
 * import's first household write; the import's audit entry (_id audit-<job id>) marks it done.
 */
export interface ImportJobDoc {
  _id: string;
  communityId: string;
  fileID: string;
  actorId: string;
  /** The write time of every household the import writes (a retry reuses it). */
  startedAt: Date;
  /** The updated households' values before the import. */
  updatesBefore: Array<Pick<HouseholdDoc, '_id' | 'floorArea' | 'isPartyCenter' | 'updatedAt'>>;
  /** The reply (known before the first write). */
  result: unknown;
}

export interface CouncilDoc {
  _id: string;
  communityId: string;
  kind: CouncilKind;
  name: string;
}

export interface WorkUnitDoc extends RelabelMark {
  _id: string;
  communityId: string;
  name: string;
  partyOrgName: string;
  contactPhone: string;
  liaisonUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  phone: string | null;
  avatarUrl: string | null;
  /** 政治面貌 as the person declared it: true for 中共党员. Absent (= false) on users stored before it existed. */
  partyMember?: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Local demo data only: how the persona switcher describes and orders this person. */
  title?: string;
  personaOrder?: number;
}

/**
 * A role assignment. `_id` is a natural key (`<kind>:<userId>:<scopeId>`) so granting the
 * same role twice is the same document. Revoking deletes it (the audit log keeps the before).
 */
export interface RoleDoc {
  _id: string;
  userId: string;
  kind: RoleKind;
  communityId: string;
  estateId: string | null;
  buildingId: string | null;
  householdId: string | null;
  councilId: string | null;
  councilKind: CouncilKind | null;
  position: CouncilPosition | null;
  workUnitId: string | null;
  memberType: MemberType | null;
  /** street_viewer / street_admin: its street. Absent on roles stored before that kind existed (= null). */
  streetId?: string | null;
  /** council_member chair of the owners' committee granted as a 一肩挑 dual post (absent = false). */
  dualPost?: boolean;
  scopeLabel: string;
  grantedBy: string | null;
  grantedAt: Date;
}

export interface BindingRequestDoc {
  _id: string;
  userId: string;
  userName: string;
  communityId: string;
  estateId: string;
  buildingId: string;
  householdId: string;
  householdLabel: string;
  relation: Relation;
  status: BindingStatus;
  reason: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** A lock held while something is open (e.g. `binding:<userId>:<householdId>`); removed on close. */
export interface LockDoc {
  _id: string;
  holder: string;
  createdAt: Date;
}

export interface AuditDoc {
  _id: string;
  communityId: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetKind: string;
  targetId: string;
  summary: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** The natural key of a role: one document per person, kind and scope. */
export function roleId(kind: RoleKind, userId: string, scopeId: string): string {
  return `${kind}:${userId}:${scopeId}`;
}

// ---- check-in area (报到, events, 签到) ------------------------------------------------------

export interface RegistrationDoc {
  _id: string;
  userId: string;
  userName: string;
  communityId: string;
  workUnitId: string;
  workUnitName: string;
  partyOrgName: string;
  householdId: string;
  householdLabel: string;
  skills: string[];
  intentions: string[];
  /** `ended`: approved, but the member role it granted was revoked (settled by registerMember). */
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'ended';
  reason: string | null;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
}

export interface UnitRegistrationDoc {
  _id: string;
  communityId: string;
  applicantId: string;
  applicantName: string;
  name: string;
  partyOrgName: string;
  contactPhone: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  reason: string | null;
  workUnitId: string | null;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface EventDoc {
  _id: string;
  communityId: string;
  title: string;
  kind: 'volunteer' | 'party_day' | 'meeting' | 'other';
  place: string;
  startAt: Date;
  endAt: Date;
  checkinOpensAt: Date;
  organiserId: string;
  organiserName: string;
  /** Signs the event's rotating QR codes; never leaves the server. */
  qrSecret: string;
  checkedInCount: number;
  cancelled: boolean;
  cancelReason: string | null;
  createdAt: Date;
}

/** One per member and event: `_id` is `<eventId>:<userId>`, so checking in twice is one document. */
export interface CheckinDoc {
  _id: string;
  eventId: string;
  eventTitle: string;
  communityId: string;
  userId: string;
  userName: string;
  method: 'qr' | 'manual';
  reason: string | null;
  recordedBy: string | null;
  quarter: string;
  checkedInAt: Date;
}

/** A role document with every scope field not given set to null. */
export function buildRole(
  fields: Pick<RoleDoc, 'kind' | 'userId' | 'communityId' | 'scopeLabel' | 'grantedBy' | 'grantedAt'> &
    Partial<Omit<RoleDoc, '_id'>> & { scopeId: string },
): RoleDoc {
  const { scopeId, ...rest } = fields;
  return {
    _id: roleId(fields.kind, fields.userId, scopeId),
    estateId: null,
    buildingId: null,
    householdId: null,
    councilId: null,
    councilKind: null,
    position: null,
    workUnitId: null,
    memberType: null,
    streetId: null,
    ...rest,
  };
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
