/**
 * account.revokeRole — an admin revokes a role, with a reason.
 * Invariants: admins of the role's community only (looked up from the role, never from the
 * input); an admin cannot revoke their own admin role (PRECONDITION_FAILED); a liaison role
 * follows its work unit and is changed there (PRECONDITION_FAILED); resident roles may be
 * revoked (unbinding a household); the role document is deleted and one audit entry keeps the
 * before and the reason.
 */
import { roleKindLabels, type RevokeRoleInput, type Role } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { requireAdmin } from './permissions';
import { toRole } from './to-role';

export async function revokeRole({ ctx, input }: { ctx: Ctx; input: RevokeRoleInput }): Promise<Role> {
  const actor = await loadActor(ctx);
  const notFound = new AppError('NOT_FOUND', 'role.not-found', '该身份不存在或已被撤销');
  const role = await getById<RoleDoc>(ctx, Collections.roles, input.roleId);
  if (!role) {
    // Only an admin learns that a role id does not exist.
    if (!actor.has('admin')) throw new AppError('FORBIDDEN', 'auth.not-admin', '只有本社区的管理员可以进行此操作');
    throw notFound;
  }
  const admin = requireAdmin(actor, role.communityId);
  if (role.kind === 'admin' && role.userId === admin._id) {
    throw new AppError('PRECONDITION_FAILED', 'role.self-admin', '不能撤销自己的管理员身份，请由其他管理员操作');
  }
  if (role.kind === 'liaison') {
    throw new AppError('PRECONDITION_FAILED', 'role.liaison-via-work-unit', '联络员身份请在报到单位中更换');
  }

  const res = await ctx.db.collection(Collections.roles).where({ _id: role._id }).remove();
  if (res.deleted !== 1) throw notFound;
  const person = await getById<UserDoc>(ctx, Collections.users, role.userId);
  const revoked = toRole(role);
  await writeAudit(ctx, admin, {
    communityId: role.communityId,
    action: 'account.revokeRole',
    targetKind: 'role',
    targetId: role._id,
    summary: `撤销 ${person?.name ?? role.userId} 的${roleKindLabels[role.kind]}身份（${role.scopeLabel}）：${input.reason}`,
    before: revoked,
    after: null,
  });
  return revoked;
}
