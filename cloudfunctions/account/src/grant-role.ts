/**
 * account.grantRole — an admin grants a scoped role (member, leader, council member, admin,
 * street viewer). Invariants: admins of the community only; the person exists; the scope target
 * exists and belongs to that community (FORBIDDEN otherwise); a street viewer's street is the
 * community's street, and the community is the role's home (listed, audited and revoked there);
 * the role's `_id` is its natural key (`roleId()`, for a street viewer
 * `street_viewer:<userId>:<streetId>`), so granting a role the person already holds collides →
 * CONFLICT; resident roles are never granted here (only by approving a binding); one audit entry.
 */
import { roleKindLabels, type GrantRoleInput, type Role } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import { roleId, type RoleDoc, type UserDoc } from '../../_shared/documents';
import { requireAdmin } from './permissions';
import { resolveScope } from './role-scope';
import { toRole } from './to-role';

export async function grantRole({ ctx, input }: { ctx: Ctx; input: GrantRoleInput }): Promise<Role> {
  const actor = await loadActor(ctx);
  const admin = requireAdmin(actor, input.communityId);
  const person = await getById<UserDoc>(ctx, Collections.users, input.userId);
  if (!person) throw new AppError('NOT_FOUND', 'user.not-found', '该用户不存在');
  const { scopeId, ...scope } = await resolveScope(ctx, input);

  const role: RoleDoc = {
    _id: roleId(input.kind, person._id, scopeId),
    userId: person._id,
    kind: input.kind,
    communityId: input.communityId,
    householdId: null,
    ...scope,
    grantedBy: admin._id,
    grantedAt: ctx.now(),
  };
  try {
    await ctx.db.collection(Collections.roles).add(role);
  } catch (error) {
    if (isDuplicateWrite(error)) {
      throw new AppError('CONFLICT', 'role.already-granted', `${person.name} 已拥有该身份`);
    }
    throw error;
  }
  const granted = toRole(role);
  await writeAudit(ctx, admin, {
    communityId: input.communityId,
    action: 'account.grantRole',
    targetKind: 'role',
    targetId: role._id,
    summary: `授予 ${person.name} ${roleKindLabels[input.kind]}（${role.scopeLabel}）`,
    before: null,
    after: granted,
  });
  return granted;
}
