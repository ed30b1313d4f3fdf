/**
 * account.revokeRole — revokes a role, with a reason.
 * Invariants:
 * - admins of the role's community only (looked up from the role, never from the input); a
 *   street viewer's role only by a street admin of its street (a community admin is FORBIDDEN
 *   `role.street-level-only`); a street admin's role is the platform's (FORBIDDEN
 *   `role.platform-only`);
 * - an admin cannot revoke their own admin role (PRECONDITION_FAILED); a liaison role follows
 *   its work unit and is changed there (PRECONDITION_FAILED); resident roles may be revoked
 *   (unbinding a household — how a person leaves a household);
 * - rights end with the role: every power is derived from the caller's roles at call time, so
 *   deleting the role document ends them at once (e.g. a council chair's 联审 signature, a
 *   leader's binding review queue). When the person keeps no role in the community that lets
 *   them organise (admin, estate or building leader, liaison), the check-in events and volunteer
 *   activities they organise that are still running or correctable (ended less than the
 *   community's attendance correction period ago) pass to the community's admins; the one audit
 *   entry keeps the before, the reason, the powers that ended and what passed to the admins.
 */
import { roleKindLabels, type RevokeRoleInput, type Role } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll, getById } from '../../_shared/db-helpers';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { pointRules } from '../../_shared/point-rules';
import { forbidden, requireAdmin, requireStreetAdmin } from './permissions';
import { toRole } from './to-role';

/** The powers a role carried, in one Chinese phrase. */
function powersOf(role: RoleDoc): string {
  switch (role.kind) {
    case 'admin':
      return '社区管理权限';
    case 'estate_leader':
      return '小区党支部书记的联审签署、议题主持、绑定审核和活动组织权限';
    case 'building_leader':
      return '楼栋党小组长的议题主持、绑定审核和活动组织权限';
    case 'council_member':
      return role.position === 'chair' ? `${role.scopeLabel}的联审签署权限` : `${role.scopeLabel}的权限`;
    case 'member':
      return '党员报到与积分身份';
    case 'resident':
      return '该房屋居民的议事和投票权限';
    case 'liaison':
      return '报到单位联络员权限';
    case 'street_viewer':
      return '街道数据看板的查看权限';
    case 'street_admin':
      return '街道管理员权限';
  }
}

const ORGANISER_KINDS = new Set<RoleDoc['kind']>(['admin', 'estate_leader', 'building_leader', 'liaison']);

interface Handed {
  id: string;
  title: string;
}

/**
 * What passes to the community's admins when `role` goes: the person's live events and
 * activities, unless another role in the community still lets them organise.
 */
async function handedToAdmins(ctx: Ctx, role: RoleDoc): Promise<{ events: Handed[]; activities: Handed[] }> {
  const none = { events: [], activities: [] };
  if (!ORGANISER_KINDS.has(role.kind)) return none;
  const kept = await getAll<RoleDoc>(
    ctx.db.collection(Collections.roles).where({ userId: role.userId, communityId: role.communityId }),
  );
  if (kept.some((r) => r._id !== role._id && ORGANISER_KINDS.has(r.kind))) return none;
  const rules = await pointRules(ctx, role.communityId);
  const since = new Date(ctx.now().getTime() - rules.attendanceCorrectionDays * 24 * 3600_000);
  const _ = ctx.db.command;
  const live = { communityId: role.communityId, organiserId: role.userId, cancelled: false, endAt: _.gt(since) };
  const [events, activities] = await Promise.all([
    getAll<{ _id: string; title: string }>(ctx.db.collection(Collections.events).where(live)),
    getAll<{ _id: string; title: string }>(ctx.db.collection(Collections.activities).where(live)),
  ]);
  const brief = (docs: Array<{ _id: string; title: string }>) => docs.map((d) => ({ id: d._id, title: d.title }));
  return { events: brief(events), activities: brief(activities) };
}

export async function revokeRole({ ctx, input }: { ctx: Ctx; input: RevokeRoleInput }): Promise<Role> {
  const actor = await loadActor(ctx);
  const notFound = new AppError('NOT_FOUND', 'role.not-found', '该身份不存在或已被撤销');
  const role = await getById<RoleDoc>(ctx, Collections.roles, input.roleId);
  if (!role) {
    // Only an admin learns that a role id does not exist.
    if (!actor.has('admin') && !actor.has('street_admin')) {
      throw new AppError('FORBIDDEN', 'auth.not-admin', '只有本社区的管理员可以进行此操作');
    }
    throw notFound;
  }
  if (role.kind === 'street_admin') {
    throw forbidden('role.platform-only', '街道管理员由平台设置，不能在此撤销');
  }
  const revoker =
    role.kind === 'street_viewer'
      ? requireStreetAdmin(actor, role.streetId ?? null)
      : requireAdmin(actor, role.communityId);
  if (role.kind === 'admin' && role.userId === revoker._id) {
    throw new AppError('PRECONDITION_FAILED', 'role.self-admin', '不能撤销自己的管理员身份，请由其他管理员操作');
  }
  if (role.kind === 'liaison') {
    throw new AppError('PRECONDITION_FAILED', 'role.liaison-via-work-unit', '联络员身份请在报到单位中更换');
  }

  const res = await ctx.db.collection(Collections.roles).where({ _id: role._id }).remove();
  if (res.deleted !== 1) throw notFound;
  const person = await getById<UserDoc>(ctx, Collections.users, role.userId);
  const revoked = toRole(role);
  const powers = powersOf(role);
  const handed = await handedToAdmins(ctx, role);
  const passed =
    handed.events.length + handed.activities.length > 0
      ? `；其组织的${handed.events.length}场签到活动、${handed.activities.length}个志愿活动移交社区管理员管理`
      : '';
  await writeAudit(ctx, revoker, {
    communityId: role.communityId,
    action: 'account.revokeRole',
    targetKind: 'role',
    targetId: role._id,
    summary: `撤销 ${person?.name ?? role.userId} 的${roleKindLabels[role.kind]}身份（${role.scopeLabel}）：${input.reason}。其${powers}即时终止${passed}`,
    before: revoked,
    after: { role: null, reason: input.reason, endedPowers: powers, passedToAdmins: handed },
  });
  return revoked;
}
