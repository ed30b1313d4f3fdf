/**
 * org.deleteNode — deletes an estate, building or household that nothing depends on.
 * Invariants: admins of the node's community only; refused (PRECONDITION_FAILED) for an estate
 * with buildings, a building with households, a household with residents or an open binding
 * request, and any node someone holds a role on (an estate Party secretary, a building
 * leader) — so no role or request ever points at a deleted node; one audit entry whose
 * `before` is the deleted document.
 * Requests: the caller, the node with what hangs on it (one aggregate), the delete, the audit.
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

type Kind = DeleteNodeInput['kind'];
type NodeDoc = EstateDoc | BuildingDoc | HouseholdDoc;

const nodes: Record<Kind, { collection: CollectionName; label: string; scopeField: string }> = {
  estate: { collection: Collections.estates, label: '小区', scopeField: 'estateId' },
  building: { collection: Collections.buildings, label: '楼栋', scopeField: 'buildingId' },
  household: { collection: Collections.households, label: '住户', scopeField: 'householdId' },
};

/** A lookup of what hangs on a node, by the node's `_id`. */
interface Join {
  from: CollectionName;
  foreignField: string;
  as: string;
}

/** Besides the roles held on it: an estate's buildings, a building's households, a household's binding requests. */
const hanging: Record<Kind, Join[]> = {
  estate: [{ from: Collections.buildings, foreignField: 'estateId', as: 'children' }],
  building: [{ from: Collections.households, foreignField: 'buildingId', as: 'children' }],
  household: [{ from: Collections.bindingRequests, foreignField: 'householdId', as: 'requests' }],
};

function refuse(reason: string, message: string): AppError {
  return new AppError('PRECONDITION_FAILED', reason, message);
}

/** The node with, trimmed to one each, what may still hang on it (see `assertDeletable`). */
interface Loaded {
  children: unknown[];
  roles: unknown[];
  residents: unknown[];
  pending: unknown[];
}

/**
 * The node and what hangs on it in one aggregate (issue #13): its children (buildings of an
 * estate, households of a building), the roles held on it, a household's residents and pending
 * binding requests — each trimmed to its first element in the database.
 */
async function loadNode(ctx: Ctx, kind: Kind, id: string): Promise<(NodeDoc & Loaded) | null> {
  const $ = ctx.db.command.aggregate;
  const first = (list: unknown) => $.slice([$.ifNull([list, []]), 1]);
  const only = (field: string, cond: Record<string, unknown>) =>
    first(
      $.filter({
        input: $.ifNull([`$${field}`, []]),
        as: 'x',
        cond: $.and(Object.entries(cond).map(([k, v]) => $.eq([`$$x.${k}`, v]))),
      }),
    );
  let query = ctx.db.collection(nodes[kind].collection).aggregate().match({ _id: id }).limit(1);
  const roles: Join = { from: Collections.roles, foreignField: nodes[kind].scopeField, as: 'roles' };
  for (const join of [...hanging[kind], roles]) query = query.lookup({ localField: '_id', ...join });
  const res = await query
    .addFields({
      children: first('$children'),
      residents: only('roles', { kind: 'resident' }),
      pending: only('requests', { status: 'pending' }),
      roles: first('$roles'),
    })
    .project({ requests: 0 })
    .end();
  return (res.data as Array<NodeDoc & Loaded>)[0] ?? null;
}

/** Throws when something still hangs on the node. */
function assertDeletable(kind: Kind, loaded: Loaded): void {
  if (kind === 'estate' && loaded.children.length > 0) {
    throw refuse('org.estate-not-empty', '该小区下还有楼栋，请先删除楼栋');
  }
  if (kind === 'building' && loaded.children.length > 0) {
    throw refuse('org.building-not-empty', '该楼栋下还有住户，请先删除住户');
  }
  if (kind === 'household') {
    if (loaded.residents.length > 0) {
      throw refuse('org.household-has-residents', '该户还有绑定的居民，无法删除');
    }
    if (loaded.pending.length > 0) {
      throw refuse('org.household-has-pending-binding', '该户还有待审核的绑定申请，请先处理');
    }
  }
  if (loaded.roles.length > 0) {
    throw refuse('org.node-has-roles', `还有人担任该${nodes[kind].label}的职务，请先撤销后再删除`);
  }
}

function describe(kind: Kind, doc: NodeDoc): string {
  return kind === 'household' ? (doc as HouseholdDoc).room : (doc as EstateDoc | BuildingDoc).name;
}

export async function deleteNode({ ctx, input }: { ctx: Ctx; input: DeleteNodeInput }): Promise<Deleted> {
  const actor = await loadActor(ctx);
  const node = nodes[input.kind];
  const loaded = await loadNode(ctx, input.kind, input.id);
  if (!loaded) {
    throw new AppError('NOT_FOUND', `org.${input.kind}-not-found`, `${node.label}不存在或已被删除`);
  }
  const { children, roles, residents, pending, ...before } = loaded;
  const admin = requireAdmin(actor, before.communityId);
  assertDeletable(input.kind, { children, roles, residents, pending });
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
