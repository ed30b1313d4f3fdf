/**
 * What the app may offer a person, read from their roles (the server decides for real; this
 * only chooses which entry points to show).
 */
import type { RoleKind } from '~types/labels/account';
import type { Role } from '~types/account';

export function firstRole(roles: readonly Role[], kinds: readonly RoleKind[]): Role | undefined {
  return roles.find((r) => kinds.includes(r.kind));
}

/** The community a person administers, if any. */
export function adminCommunityId(roles: readonly Role[]): string | null {
  return firstRole(roles, ['admin'])?.communityId ?? null;
}

/** The community whose binding requests the person may review (admin or a leader), if any. */
export function reviewCommunityId(roles: readonly Role[]): string | null {
  return firstRole(roles, ['admin', 'estate_leader', 'building_leader'])?.communityId ?? null;
}

/**
 * The community a person belongs to (where they hold any role but a street-level one, whose
 * community only records its home in the street), if any.
 */
export function communityOf(roles: readonly Role[]): string | null {
  return roles.find((r) => r.kind !== 'street_viewer' && r.kind !== 'street_admin')?.communityId ?? null;
}

/** The community where the person may organise check-in events (admin or a leader), if any. */
export function organiserCommunityId(roles: readonly Role[]): string | null {
  return firstRole(roles, ['admin', 'estate_leader', 'building_leader'])?.communityId ?? null;
}

/** The person's Party-member role, if any (in-office members register with the community). */
export function memberRole(roles: readonly Role[]): Role | undefined {
  return firstRole(roles, ['member']);
}

/** The work unit the person is the liaison of, if any. */
export function liaisonRole(roles: readonly Role[]): Role | undefined {
  return roles.find((r) => r.kind === 'liaison' && r.workUnitId);
}

/** The person's 街道工作人员 role (reads the street's dashboards, read-only), if any. */
export function streetViewerRole(roles: readonly Role[]): Role | undefined {
  return roles.find((r) => r.kind === 'street_viewer' && r.streetId);
}

/** The person's 街道管理员 role (grants and revokes the street's viewers), if any. */
export function streetAdminRole(roles: readonly Role[]): Role | undefined {
  return roles.find((r) => r.kind === 'street_admin' && r.streetId);
}
