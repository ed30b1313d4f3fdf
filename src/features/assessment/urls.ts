/** Pages of the assessment feature (subpackage packages/admin). */
export const ADMIN_ROOT = '/packages/admin/pages';

export function ledgerUrl(communityId: string, userId: string, name: string): string {
  return `${ADMIN_ROOT}/member-ledger/index?communityId=${encodeURIComponent(communityId)}&userId=${encodeURIComponent(userId)}&name=${encodeURIComponent(name)}`;
}
