/**
 * org.saveWorkUnit — registers a work unit (报到单位) in a community, or edits one, and sets
 * its liaison (联络员).
 * Invariants: admins of the unit's community only; unit names are unique within the community
 * (CONFLICT `org.duplicate-work-unit`); the liaison must be an existing person (NOT_FOUND
 * otherwise); when the liaison changes, the old liaison's role document is deleted and the new
 * one's created (`roleId('liaison', userId, unitId)`, scope label = the unit's name); a rename
 * keeps the liaison role's scope label in step; an admin never makes themself a unit's new
 * liaison (FORBIDDEN `role.self-grant`, as in account.grantRole). Audited: one entry for the unit and one per
 * role granted or revoked, written together in one batch after the changes.
 * Requests: the caller, one aggregate (unit or community, its old liaison role, the new liaison,
 * units with the same name), then at most the unit, two role writes and the audit batch: ≤ 6.
 */
import type { Saved, SaveWorkUnitInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudits, type AuditInput } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import { getByIdWith, type Pipeline } from '../../_shared/db-helpers';
import type { Ctx } from '../../_shared/context';
import { relabelMark } from '../../_shared/place-labels';
import {
  liaisonRole,
  roleId,
  type CommunityDoc,
  type RoleDoc,
  type UserDoc,
  type WorkUnitDoc,
} from '../../_shared/documents';
import { communityMismatch, requireAdmin } from './access';
import { newId } from './store';

/** What the save reads, in one aggregate (issue #13: a write costs at most six requests). */
interface Loaded {
  /** The unit being edited (null for a new one). */
  before: WorkUnitDoc | null;
  community: CommunityDoc | null;
  /** The old liaison's role on the unit, when there is one. */
  oldRole: RoleDoc | null;
  /** The chosen liaison's profile. */
  liaison: UserDoc | null;
  /** Work units (of any community) with the chosen name. */
  sameName: WorkUnitDoc[];
}

interface Row {
  community?: CommunityDoc[];
  oldRole?: RoleDoc[];
  liaison: UserDoc[];
  sameName: WorkUnitDoc[];
}

/**
 * The unit (or, for a new one, the community) with, joined in the same request: its community,
 * the old liaison's role, the new liaison's profile and the units bearing the chosen name.
 */
async function load(ctx: Ctx, input: SaveWorkUnitInput): Promise<Loaded> {
  const $ = ctx.db.command.aggregate;
  const wanted = { wantedName: $.literal(input.name), wantedLiaison: $.literal(input.liaisonUserId ?? '') };
  const joins = (q: Pipeline): Pipeline =>
    q
      .lookup({ from: Collections.users, localField: 'wantedLiaison', foreignField: '_id', as: 'liaison' })
      .lookup({ from: Collections.workUnits, localField: 'wantedName', foreignField: 'name', as: 'sameName' });
  if (!input.workUnitId) {
    const row = await getByIdWith<CommunityDoc & Row>(ctx, Collections.communities, input.communityId, (one) =>
      joins(one.addFields(wanted)),
    );
    if (!row) return { before: null, community: null, oldRole: null, liaison: null, sameName: [] };
    const {
      liaison,
      sameName,
      wantedName: _n,
      wantedLiaison: _l,
      ...community
    } = row as CommunityDoc & Row & { wantedName: string; wantedLiaison: string };
    void [_n, _l];
    return { before: null, community, oldRole: null, liaison: liaison[0] ?? null, sameName };
  }
  type UnitRow = WorkUnitDoc & Row & Record<'wantedName' | 'wantedLiaison' | 'oldRoleId', string>;
  const row = await getByIdWith<UnitRow>(ctx, Collections.workUnits, input.workUnitId, (one) =>
    joins(
      one
        .addFields({ ...wanted, oldRoleId: $.concat(['liaison:', $.ifNull(['$liaisonUserId', '']), ':', '$_id']) })
        .lookup({ from: Collections.roles, localField: 'oldRoleId', foreignField: '_id', as: 'oldRole' })
        .lookup({ from: Collections.communities, localField: 'communityId', foreignField: '_id', as: 'community' }),
    ),
  );
  if (!row) return { before: null, community: null, oldRole: null, liaison: null, sameName: [] };
  const { community, oldRole, liaison, sameName, wantedName, wantedLiaison, oldRoleId, ...before } = row;
  void [wantedName, wantedLiaison, oldRoleId];
  return {
    before,
    community: community?.[0] ?? null,
    oldRole: oldRole?.[0] ?? null,
    liaison: liaison[0] ?? null,
    sameName,
  };
}

const notFound = (key: string, label: string) =>
  new AppError('NOT_FOUND', `org.${key}-not-found`, `${label}不存在或已被删除`);

export async function saveWorkUnit({ ctx, input }: { ctx: Ctx; input: SaveWorkUnitInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const loaded = await load(ctx, input);
  const { before } = loaded;
  if (input.workUnitId && !before) throw notFound('work-unit', '报到单位');
  if (before) {
    requireAdmin(actor, before.communityId);
    if (before.communityId !== input.communityId) throw communityMismatch();
  }
  if (!loaded.community) throw notFound('community', '社区');
  const admin = requireAdmin(actor, input.communityId);
  if (input.liaisonUserId === admin._id && before?.liaisonUserId !== admin._id) {
    throw new AppError('FORBIDDEN', 'role.self-grant', '不能把自己设为报到单位联络员，请由其他管理员操作');
  }

  if (input.liaisonUserId && !loaded.liaison) {
    throw new AppError('NOT_FOUND', 'org.liaison-not-found', '所选联络员不存在，请先让其登录并完善个人信息');
  }
  if (loaded.sameName.some((u) => u.communityId === input.communityId && u._id !== before?._id)) {
    throw new AppError('CONFLICT', 'org.duplicate-work-unit', `本社区已登记名为“${input.name}”的报到单位`);
  }

  const now = ctx.now();
  const fields = {
    name: input.name,
    partyOrgName: input.partyOrgName,
    contactPhone: input.contactPhone,
    liaisonUserId: input.liaisonUserId,
    updatedAt: now,
  };
  const after: WorkUnitDoc = before
    ? { ...before, ...fields }
    : { _id: newId('wu'), communityId: input.communityId, ...fields, createdAt: now };
  if (before) {
    const renamed = before.name !== input.name || before.partyOrgName !== input.partyOrgName;
    await ctx.db
      .collection(Collections.workUnits)
      .doc(before._id)
      .update({ ...fields, ...(renamed ? relabelMark(ctx) : {}) });
  } else await ctx.db.collection(Collections.workUnits).add(after);
  const audits: AuditInput[] = [
    {
      communityId: after.communityId,
      action: 'org.saveWorkUnit',
      targetKind: 'work_unit',
      targetId: after._id,
      summary: `${before ? '修改' : '登记'}报到单位“${after.name}”`,
      before,
      after,
    },
  ];

  const oldLiaison = before?.liaisonUserId ?? null;
  const roles = ctx.db.collection(Collections.roles);
  if (oldLiaison !== after.liaisonUserId) {
    // The liaison moves: the old role is deleted and the new one created, each audited.
    const old = loaded.oldRole;
    if (old) {
      await roles.doc(old._id).remove();
      audits.push({
        communityId: after.communityId,
        action: 'org.saveWorkUnit',
        targetKind: 'role',
        targetId: old._id,
        summary: `撤销“${after.name}”的联络员`,
        before: old,
        after: null,
      });
    }
    if (after.liaisonUserId) {
      const role = liaisonRole(after, after.liaisonUserId, admin._id, now);
      const { _id, ...roleFields } = role;
      await roles.doc(_id).set(roleFields);
      audits.push({
        communityId: after.communityId,
        action: 'org.saveWorkUnit',
        targetKind: 'role',
        targetId: _id,
        summary: `设置“${after.name}”的联络员`,
        before: null,
        after: role,
      });
    }
  } else if (after.liaisonUserId && before && before.name !== after.name) {
    await roles.doc(roleId('liaison', after.liaisonUserId, after._id)).update({ scopeLabel: after.name });
  }
  await writeAudits(ctx, admin, audits);
  return { id: after._id, updatedAt: now.toISOString() };
}
