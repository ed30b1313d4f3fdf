/** RoleDoc → the `Role` result (ISO time, every scope field present, nothing else). */
import type { Role } from '../../../types/account';
import { iso } from '../../_shared/db-helpers';
import type { RoleDoc } from '../../_shared/documents';

export function toRole(doc: RoleDoc): Role {
  return {
    id: doc._id,
    userId: doc.userId,
    kind: doc.kind,
    communityId: doc.communityId,
    estateId: doc.estateId ?? null,
    buildingId: doc.buildingId ?? null,
    householdId: doc.householdId ?? null,
    councilId: doc.councilId ?? null,
    councilKind: doc.councilKind ?? null,
    position: doc.position ?? null,
    workUnitId: doc.workUnitId ?? null,
    memberType: doc.memberType ?? null,
    streetId: doc.streetId ?? null,
    gridId: doc.gridId ?? null,
    dualPost: doc.dualPost === true,
    scopeLabel: doc.scopeLabel,
    grantedAt: iso(doc.grantedAt),
  };
}

const kindOrder = [
  'admin',
  'street_admin',
  'street_viewer',
  'grid_leader',
  'estate_leader',
  'building_leader',
  'grid_worker',
  'council_member',
  'member',
  'liaison',
  'resident',
];

/** Roles in a stable, readable order: by kind (most responsible first), then scope. */
export function sortRoles(roles: readonly RoleDoc[]): RoleDoc[] {
  return [...roles].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a._id.localeCompare(b._id));
}
