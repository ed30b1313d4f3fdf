/**
 * account.grantRole — grants a scoped role (member, leader, council member, admin, street
 * viewer).
 * Invariants:
 * - member, leaders, council members and admins: admins of the community only;
 * - a street viewer reads every community of a street, so it is granted only at street level:
 *   by a street admin (街道管理员) of the community's street — a community admin asking is
 *   FORBIDDEN `role.street-level-only`, a street admin of another street FORBIDDEN
 *   `role.other-street`; the street is the community's (never taken from the input), and the
 *   community is the role's home (listed and audited there);
 * - nobody grants a role to themself (FORBIDDEN `role.self-grant`), whatever the kind;
 * - a dual post (`dualPost`, 支部书记+业委会主任 一肩挑) only for the chair of the owners'
 *   committee (PRECONDITION_FAILED `role.dual-post-owners-chair-only`) of a person who holds the
 *   Party branch secretary (estate leader) role of an estate of the community at grant time
 *   (PRECONDITION_FAILED `role.dual-post-needs-estate-leader`); granted by someone else, as any role;
 * - a 网格长 (grid_leader) only for a Party member — the person's profile says 中共党员 or they hold
 *   a Party member role, as checkin.registerMember decides (PRECONDITION_FAILED
 *   `role.grid-leader-not-party-member`); a 网格员 (grid_worker) needs no Party membership; both
 *   are scoped to a grid of the community (`gridId`);
 * - the person exists; the scope target exists and belongs to that community (FORBIDDEN
 *   otherwise);
 * - the role's `_id` is its natural key (`roleId()`, for a street viewer
 *   `street_viewer:<userId>:<streetId>`), so granting a role the person already holds collides →
 *   CONFLICT; resident roles are never granted here (only by approving a binding), street admin
 *   roles only by the platform's provisioning; one audit entry. A refusal writes nothing.
 */
import { roleKindLabels, type GrantRoleInput, type Role } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor, type Actor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIdWith, isDuplicateWrite } from '../../_shared/db-helpers';
import { roleId, type RoleDoc, type UserDoc } from '../../_shared/documents';
import { forbidden, requireAdmin, requireStreetAdmin } from './permissions';
import { communityWithStreet, resolveScope, type CommunityWithStreet, type ResolvedScope } from './role-scope';
import { toRole } from './to-role';

/**
 * Who may grant this kind in this community: its admin, or for a street viewer its street's
 * admin (the community and its street are read here, once, and handed on to the scope).
 */
async function requireGranter(
  ctx: Ctx,
  actor: Actor,
  input: GrantRoleInput,
): Promise<{ granter: UserDoc; community?: CommunityWithStreet | null }> {
  if (input.kind !== 'street_viewer') return { granter: requireAdmin(actor, input.communityId) };
  const community = actor.user ? await communityWithStreet(ctx, input.communityId) : null;
  return { granter: requireStreetAdmin(actor, community?.streetId ?? null), community };
}

/** The person to grant to, with their roles (one request). */
async function personWithRoles(ctx: Ctx, userId: string): Promise<{ person: UserDoc; roles: RoleDoc[] } | null> {
  const row = await getByIdWith<UserDoc & { roles?: RoleDoc[] }>(ctx, Collections.users, userId, (one) =>
    one.lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: 'roles' }),
  );
  if (!row) return null;
  const { roles = [], ...person } = row;
  return { person, roles };
}

/** The dual-post conditions, read from the stored council and the person's stored roles. */
function checkDualPost(input: GrantRoleInput, scope: ResolvedScope, roles: readonly RoleDoc[]): void {
  if (!input.dualPost) return;
  if (scope.councilKind !== 'owners' || scope.position !== 'chair') {
    throw new AppError('PRECONDITION_FAILED', 'role.dual-post-owners-chair-only', '一肩挑只适用于业委会主任');
  }
  const secretary = roles.some((r) => r.kind === 'estate_leader' && r.communityId === input.communityId);
  if (!secretary) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'role.dual-post-needs-estate-leader',
      '一肩挑须由本社区的小区党支部书记兼任业委会主任，请先授予其党支部书记身份',
    );
  }
}

/** 网格长 must be a Party member: 政治面貌 中共党员 on the profile, or a Party member role (Actor.isPartyMember). */
function checkGridLeader(input: GrantRoleInput, person: UserDoc, roles: readonly RoleDoc[]): void {
  if (input.kind !== 'grid_leader') return;
  if (person.partyMember === true || roles.some((r) => r.kind === 'member')) return;
  throw new AppError(
    'PRECONDITION_FAILED',
    'role.grid-leader-not-party-member',
    '网格长须由中共党员担任，该人员的政治面貌不是中共党员',
  );
}

export async function grantRole({ ctx, input }: { ctx: Ctx; input: GrantRoleInput }): Promise<Role> {
  const actor = await loadActor(ctx);
  const { granter, community } = await requireGranter(ctx, actor, input);
  if (input.userId === granter._id) {
    throw forbidden('role.self-grant', '不能给自己授予角色，请由其他管理员操作');
  }
  const found = await personWithRoles(ctx, input.userId);
  if (!found) throw new AppError('NOT_FOUND', 'user.not-found', '该用户不存在');
  const { person } = found;
  checkGridLeader(input, person, found.roles);
  const { scopeId, ...scope } = await resolveScope(ctx, input, community);
  checkDualPost(input, { scopeId, ...scope }, found.roles);

  const role: RoleDoc = {
    _id: roleId(input.kind, person._id, scopeId),
    userId: person._id,
    kind: input.kind,
    communityId: input.communityId,
    ...scope,
    ...(input.dualPost ? { dualPost: true } : {}),
    grantedBy: granter._id,
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
  const dual = role.dualPost ? '，一肩挑（兼任小区党支部书记）' : '';
  await writeAudit(ctx, granter, {
    communityId: input.communityId,
    action: 'account.grantRole',
    targetKind: 'role',
    targetId: role._id,
    summary: `授予 ${person.name} ${roleKindLabels[input.kind]}（${role.scopeLabel}${dual}）`,
    before: null,
    after: granted,
  });
  return granted;
}
