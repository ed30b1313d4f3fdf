/**
 * org.deleteNode — deletes an estate, building or household that nothing depends on.
 * Invariants: admins of the node's community only; refused (PRECONDITION_FAILED) for an estate
 * with buildings, a building with households, a household with residents or an open binding
 * request, and any node someone holds a role on (an estate Party secretary, a building
 * leader) — so no role or request ever points at a deleted node; one audit entry whose
 * `before` is the deleted document.
 * The checks and the delete are not atomic: a binding request filed in between is possible
 * in principle and is left to the account area's own checks.
 */
import type { Deleted, DeleteNodeInput } from '../../../types/org';
import { AppError } from '../../../types/errors';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections, type CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BuildingDoc, EstateDoc, HouseholdDoc } from '../../_shared/documents';
import { requireAdmin } from './access';
import { existsOther, mustFind } from './store';

type Kind = DeleteNodeInput['kind'];
type NodeDoc = EstateDoc | BuildingDoc | HouseholdDoc;

const nodes: Record<Kind, { collection: CollectionName; label: string; scopeField: string }> = {
  estate: { collection: Collections.estates, label: '小区', scopeField: 'estateId' },
  building: { collection: Collections.buildings, label: '楼栋', scopeField: 'buildingId' },
  household: { collection: Collections.households, label: '住户', scopeField: 'householdId' },
};

function refuse(reason: string, message: string): AppError {
  return new AppError('PRECONDITION_FAILED', reason, message);
}

async function any(ctx: Ctx, collection: CollectionName, where: Record<string, unknown>): Promise<boolean> {
  return existsOther(ctx, collection, where, undefined);
}

/** Throws when something still hangs on the node. */
async function assertDeletable(ctx: Ctx, kind: Kind, id: string): Promise<void> {
  if (kind === 'estate' && (await any(ctx, Collections.buildings, { estateId: id }))) {
    throw refuse('org.estate-not-empty', '该小区下还有楼栋，请先删除楼栋');
  }
  if (kind === 'building' && (await any(ctx, Collections.households, { buildingId: id }))) {
    throw refuse('org.building-not-empty', '该楼栋下还有住户，请先删除住户');
  }
  if (kind === 'household') {
    if (await any(ctx, Collections.roles, { householdId: id, kind: 'resident' })) {
      throw refuse('org.household-has-residents', '该户还有绑定的居民，无法删除');
    }
    if (await any(ctx, Collections.bindingRequests, { householdId: id, status: 'pending' })) {
      throw refuse('org.household-has-pending-binding', '该户还有待审核的绑定申请，请先处理');
    }
  }
  if (await any(ctx, Collections.roles, { [nodes[kind].scopeField]: id })) {
    throw refuse('org.node-has-roles', `还有人担任该${nodes[kind].label}的职务，请先撤销后再删除`);
  }
}

function describe(kind: Kind, doc: NodeDoc): string {
  return kind === 'household' ? (doc as HouseholdDoc).room : (doc as EstateDoc | BuildingDoc).name;
}

export async function deleteNode({ ctx, input }: { ctx: Ctx; input: DeleteNodeInput }): Promise<Deleted> {
  const actor = await loadActor(ctx);
  const node = nodes[input.kind];
  const before = await mustFind<NodeDoc>(ctx, node.collection, input.id, { key: input.kind, label: node.label });
  const admin = requireAdmin(actor, before.communityId);
  await assertDeletable(ctx, input.kind, before._id);
  await ctx.db.collection(node.collection).doc(before._id).remove();
  await writeAudit(ctx, admin, {
    communityId: before.communityId,
    action: 'org.deleteNode',
    targetKind: input.kind,
    targetId: before._id,
    summary: `删除${node.label}“${describe(input.kind, before)}”`,
    before,
    after: null,
  });
  return { id: before._id };
}
