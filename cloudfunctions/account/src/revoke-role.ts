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
 * Requests: the caller, the role with its holder, the holder's roles, the community's rules and
 * the holder's recent events and activities (one aggregate), the delete, the audit entry — four;
 * five for a member role, whose removal is noted first for the dashboard's roll-ups (a crash
 * after the note removes nothing: `_shared/rollup-removals.ts`).
 */
import { roleKindLabels, type RevokeRoleInput, type Role } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { defaultIntegrityLimits, integrityLimitBounds, type PointRulesDoc } from '../../_shared/point-rules';
import { forbidden, requireAdmin, requireStreetAdmin } from './permissions';
import { toRole } from './to-role';
import { getByIdWith } from '../../_shared/db-helpers';
import { crashPoint } from '../../_shared/crash-points';
import { noteRemoval } from '../../_shared/rollup-removals';

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
    case 'grid_worker':
      return '网格员查看本网格居民、心愿和议题以及代办的权限';
    case 'grid_leader':
      return '网格长查看本网格居民、心愿和议题以及代办的权限';
  }
}

const DAY_MS = 24 * 3600_000;
const ORGANISER_KINDS = new Set<RoleDoc['kind']>(['admin', 'estate_leader', 'building_leader', 'liaison']);

interface Handed {
  id: string;
  title: string;
}

interface LiveDoc {
  _id: string;
  title: string;
  endAt: Date;
}

/** The role with what its revocation needs, read in one request (issue #13: ≤ 4 reads). */
interface RoleWithContext extends RoleDoc {
  /** The person (0 or 1). */
  person: UserDoc[];
  /** All the person's roles (a person holds a handful). */
  kept: RoleDoc[];
  /** The community's stored rules (0 or 1). */
  rules: Array<Partial<PointRulesDoc>>;
  /** The person's events and activities in the community that may still be live (trimmed). */
  events: LiveDoc[];
  activities: LiveDoc[];
}

/**
 * The role, its holder, the holder's other roles, the community's rules and the holder's
 * events and activities that ended less than the longest correction period ago, in one
 * aggregate; the exact correction period is applied afterwards.
 */
async function loadRole(ctx: Ctx, roleId: string): Promise<RoleWithContext | null> {
  const $ = ctx.db.command.aggregate;
  const earliest = new Date(ctx.now().getTime() - integrityLimitBounds.attendanceCorrectionDays.max * DAY_MS);
  const live = (field: 'events' | 'activities') =>
    $.map({
      input: $.filter({
        input: `$${field}`,
        as: 'x',
        cond: $.and([
          $.eq(['$$x.communityId', '$communityId']),
          $.eq(['$$x.cancelled', false]),
          $.gt(['$$x.endAt', earliest]),
        ]),
      }),
      as: 'x',
      in: { _id: '$$x._id', title: '$$x.title', endAt: '$$x.endAt' },
    });
  return getByIdWith<RoleWithContext>(ctx, Collections.roles, roleId, (one) =>
    one
      .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: 'person' })
      .lookup({ from: Collections.roles, localField: 'userId', foreignField: 'userId', as: 'kept' })
      .lookup({ from: Collections.pointRules, localField: 'communityId', foreignField: '_id', as: 'rules' })
      .lookup({ from: Collections.events, localField: 'userId', foreignField: 'organiserId', as: 'events' })
      .lookup({ from: Collections.activities, localField: 'userId', foreignField: 'organiserId', as: 'activities' })
      .addFields({ events: live('events'), activities: live('activities') }),
  );
}

/**
 * What passes to the community's admins when `role` goes: the person's live events and
 * activities, unless another role in the community still lets them organise.
 */
function handedToAdmins(ctx: Ctx, loaded: RoleWithContext): { events: Handed[]; activities: Handed[] } {
  const none = { events: [], activities: [] };
  if (!ORGANISER_KINDS.has(loaded.kind)) return none;
  const others = loaded.kept.filter((r) => r._id !== loaded._id && r.communityId === loaded.communityId);
  if (others.some((r) => ORGANISER_KINDS.has(r.kind))) return none;
  const days = loaded.rules[0]?.attendanceCorrectionDays ?? defaultIntegrityLimits.attendanceCorrectionDays;
  const since = ctx.now().getTime() - days * DAY_MS;
  const brief = (docs: LiveDoc[]) =>
    docs
      .filter((d) => new Date(d.endAt).getTime() > since)
      .map((d) => ({ id: d._id, title: d.title }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { events: brief(loaded.events), activities: brief(loaded.activities) };
}

export async function revokeRole({ ctx, input }: { ctx: Ctx; input: RevokeRoleInput }): Promise<Role> {
  const actor = await loadActor(ctx);
  const notFound = new AppError('NOT_FOUND', 'role.not-found', '该身份不存在或已被撤销');
  const loaded = await loadRole(ctx, input.roleId);
  if (!loaded) {
    // Only an admin learns that a role id does not exist.
    if (!actor.has('admin') && !actor.has('street_admin')) {
      throw new AppError('FORBIDDEN', 'auth.not-admin', '只有本社区的管理员可以进行此操作');
    }
    throw notFound;
  }
  const { person: people, kept, rules, events, activities, ...role } = loaded;
  void [kept, rules, events, activities];
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

  // A member role counts in the dashboard's roll-ups: the fold must see it go.
  if (role.kind === 'member') await noteRemoval(ctx, Collections.roles, role);
  crashPoint('account.revokeRole.before-remove');
  const res = await ctx.db.collection(Collections.roles).where({ _id: role._id }).remove();
  if (res.deleted !== 1) throw notFound;
  const person = people[0];
  const revoked = toRole(role);
  const powers = powersOf(role);
  const handed = handedToAdmins(ctx, loaded);
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
