/**
 * What the app may offer a person, read from their roles (the server decides for real; this
 * only chooses which entry points to show).
 */
import type { Role, RoleKind } from '~types/account';

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
