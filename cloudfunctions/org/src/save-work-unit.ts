/**
 * org.saveWorkUnit — registers a work unit (报到单位) in a community, or edits one, and sets
 * its liaison (联络员).
 * Invariants: admins of the unit's community only; unit names are unique within the community
 * (CONFLICT `org.duplicate-work-unit`); the liaison must be an existing person (NOT_FOUND
 * otherwise); when the liaison changes, the old liaison's role document is deleted and the new
 * one's created (`roleId('liaison', userId, unitId)`, scope label = the unit's name); a rename
 * keeps the liaison role's scope label in step; an admin never makes themself a unit's new
 * liaison (FORBIDDEN `role.self-grant`, as in account.grantRole). Audited: one entry for the unit and one per
 * role granted or revoked.
 */
import type { Saved, SaveWorkUnitInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import {
  liaisonRole,
  roleId,
  type CommunityDoc,
  type RoleDoc,
  type UserDoc,
  type WorkUnitDoc,
} from '../../_shared/documents';
import { communityMismatch, requireAdmin } from './access';
import { existsOther, findById, mustFind, newId } from './store';

/** Replaces the liaison role (old deleted, new created) and audits each change. */
async function moveLiaison(ctx: Ctx, admin: UserDoc, unit: WorkUnitDoc, oldUserId: string | null): Promise<void> {
  const roles = ctx.db.collection(Collections.roles);
  if (oldUserId) {
    const old = await findById<RoleDoc>(ctx, Collections.roles, roleId('liaison', oldUserId, unit._id));
    if (old) {
      await roles.doc(old._id).remove();
      await writeAudit(ctx, admin, {
        communityId: unit.communityId,
        action: 'org.saveWorkUnit',
        targetKind: 'role',
        targetId: old._id,
        summary: `撤销“${unit.name}”的联络员`,
        before: old,
        after: null,
      });
    }
  }
  if (unit.liaisonUserId) {
    const role = liaisonRole(unit, unit.liaisonUserId, admin._id, ctx.now());
    const { _id, ...fields } = role;
    await roles.doc(_id).set(fields);
    await writeAudit(ctx, admin, {
      communityId: unit.communityId,
      action: 'org.saveWorkUnit',
      targetKind: 'role',
      targetId: _id,
      summary: `设置“${unit.name}”的联络员`,
      before: null,
      after: role,
    });
  }
}

export async function saveWorkUnit({ ctx, input }: { ctx: Ctx; input: SaveWorkUnitInput }): Promise<Saved> {
  const actor = await loadActor(ctx);
  const before = input.workUnitId
    ? await mustFind<WorkUnitDoc>(ctx, Collections.workUnits, input.workUnitId, { key: 'work-unit', label: '报到单位' })
    : null;
  if (before) {
    requireAdmin(actor, before.communityId);
    if (before.communityId !== input.communityId) throw communityMismatch();
  }
  await mustFind<CommunityDoc>(ctx, Collections.communities, input.communityId, { key: 'community', label: '社区' });
  const admin = requireAdmin(actor, input.communityId);
  if (input.liaisonUserId === admin._id && before?.liaisonUserId !== admin._id) {
    throw new AppError('FORBIDDEN', 'role.self-grant', '不能把自己设为报到单位联络员，请由其他管理员操作');
  }

  if (input.liaisonUserId && !(await findById<UserDoc>(ctx, Collections.users, input.liaisonUserId))) {
    throw new AppError('NOT_FOUND', 'org.liaison-not-found', '所选联络员不存在，请先让其登录并完善个人信息');
  }
  if (
    await existsOther(ctx, Collections.workUnits, { communityId: input.communityId, name: input.name }, before?._id)
  ) {
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
  if (before) await ctx.db.collection(Collections.workUnits).doc(before._id).update(fields);
  else await ctx.db.collection(Collections.workUnits).add(after);
  await writeAudit(ctx, admin, {
    communityId: after.communityId,
    action: 'org.saveWorkUnit',
    targetKind: 'work_unit',
    targetId: after._id,
    summary: `${before ? '修改' : '登记'}报到单位“${after.name}”`,
    before,
    after,
  });

  const oldLiaison = before?.liaisonUserId ?? null;
  if (oldLiaison !== after.liaisonUserId) {
    await moveLiaison(ctx, admin, after, oldLiaison);
  } else if (after.liaisonUserId && before && before.name !== after.name) {
    await ctx.db
      .collection(Collections.roles)
      .doc(roleId('liaison', after.liaisonUserId, after._id))
      .update({ scopeLabel: after.name });
  }
  return { id: after._id, updatedAt: now.toISOString() };
}
