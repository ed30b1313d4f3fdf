/**
 * The `relabel` timer job: makes every stored copy of a place's or unit's name follow a rename.
 * Invariants:
 * - a rename (org.updateCommunity, saveEstate, saveBuilding, saveHousehold, saveWorkUnit) marks
 *   the renamed document in the SAME write: `relabelPending: true`, `relabelRev + 1`, cursor
 *   cleared (`relabelMark`), so a crash can never leave a rename without its mark;
 * - each run does a bounded amount of work (`maxRequests`), page by page in `_id` order, and saves
 *   its cursor on the renamed document after each page, so a cut-off run resumes where it
 *   stopped and does not start over;
 * - a copy is written only when it differs from its recomputation from the names as they are
 *   now (place-labels.ts), so a run is idempotent and two runs never disagree;
 * - the mark is cleared only at the revision the run started from: a second rename during a run
 *   keeps the mark (and its cleared cursor), so the next run relabels again from the start.
 */
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { Collections, type CollectionName } from '../../_shared/collections';
import type {
  BuildingDoc,
  CommunityDoc,
  EstateDoc,
  HouseholdDoc,
  RelabelMark,
  WorkUnitDoc,
} from '../../_shared/documents';
import {
  labelCopies,
  staleFields,
  type LabelCopy,
  type LabelSources,
  type SourceKind,
} from '../../_shared/place-labels';

const PAGE = 100;
/** Marked documents read per kind per run. */
const MARKED = 20;

/** The kinds of renamed documents, in the order a run visits them. */
const sourceCollections: Record<SourceKind, CollectionName> = {
  communities: Collections.communities,
  estates: Collections.estates,
  buildings: Collections.buildings,
  households: Collections.households,
  workUnits: Collections.workUnits,
};

type Node = { _id: string; communityId?: string } & RelabelMark;
type AnyCopy = LabelCopy<{ _id: string }>;

/** Which copies a rename of this kind can make stale, and how to find them. */
function scansFor(kind: SourceKind, node: Node): Array<{ copy: AnyCopy; where: Record<string, unknown> }> {
  const c = labelCopies as unknown as Record<string, AnyCopy>;
  const id = node._id;
  switch (kind) {
    case 'communities':
      return [{ copy: c.roles!, where: { communityId: id, kind: 'admin' } }];
    case 'estates':
    case 'buildings': {
      const field = kind === 'estates' ? 'estateId' : 'buildingId';
      return [
        { copy: c.roles!, where: { [field]: id } },
        { copy: c.bindingRequests!, where: { [field]: id } },
        { copy: c.wishes!, where: { [field]: id } },
        { copy: c.topics!, where: { [field]: id } },
        // A registration names its household only: look at the community's registrations.
        { copy: c.registrations!, where: { communityId: node.communityId } },
      ];
    }
    case 'households':
      return [
        { copy: c.roles!, where: { householdId: id } },
        { copy: c.bindingRequests!, where: { householdId: id } },
        { copy: c.wishes!, where: { householdId: id } },
        { copy: c.registrations!, where: { householdId: id } },
      ];
    case 'workUnits':
      return [
        { copy: c.roles!, where: { workUnitId: id } },
        { copy: c.registrations!, where: { workUnitId: id } },
      ];
  }
}

interface Budget {
  requests: number;
}

async function readByIds<T extends { _id: string }>(
  ctx: Ctx,
  kind: SourceKind,
  ids: Iterable<string | null | undefined>,
  into: Map<string, T>,
  budget: Budget,
): Promise<void> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && !into.has(id)))];
  if (wanted.length === 0) return;
  budget.requests -= 1;
  const res = await ctx.db
    .collection(sourceCollections[kind])
    .where({ _id: ctx.db.command.in(wanted) })
    .limit(wanted.length)
    .get();
  for (const doc of (res.data ?? []) as T[]) into.set(doc._id, doc);
}

/** Reads every place and unit a page of copies is computed from (households first: they name their building and estate). */
async function sourcesFor(ctx: Ctx, copy: AnyCopy, docs: Array<{ _id: string }>, budget: Budget) {
  const needs: Record<SourceKind, Array<string | null | undefined>> = {
    communities: [],
    estates: [],
    buildings: [],
    households: [],
    workUnits: [],
  };
  for (const doc of docs) {
    for (const [kind, ids] of Object.entries(copy.needs(doc)) as Array<[SourceKind, Array<string | null>]>) {
      needs[kind].push(...ids);
    }
  }
  const s = {
    communities: new Map<string, CommunityDoc>(),
    estates: new Map<string, EstateDoc>(),
    buildings: new Map<string, BuildingDoc>(),
    households: new Map<string, HouseholdDoc>(),
    workUnits: new Map<string, WorkUnitDoc>(),
  };
  await readByIds(ctx, 'households', needs.households, s.households, budget);
  for (const h of s.households.values()) {
    needs.buildings.push(h.buildingId);
    needs.estates.push(h.estateId);
  }
  await readByIds(ctx, 'buildings', needs.buildings, s.buildings, budget);
  for (const b of s.buildings.values()) needs.estates.push(b.estateId);
  await readByIds(ctx, 'estates', needs.estates, s.estates, budget);
  await readByIds(ctx, 'communities', needs.communities, s.communities, budget);
  await readByIds(ctx, 'workUnits', needs.workUnits, s.workUnits, budget);
  return s satisfies LabelSources;
}

/** Relabels from the node's cursor until done (true) or the budget is spent (false); saves the cursor per page. */
async function relabelNode(
  ctx: Ctx,
  kind: SourceKind,
  node: Node,
  budget: Budget,
  counts: { updated: number },
): Promise<boolean> {
  const _ = ctx.db.command;
  const scans = scansFor(kind, node);
  let cursor = node.relabelCursor ?? { scan: 0, after: null };
  while (cursor.scan < scans.length) {
    if (budget.requests <= 0) return false;
    const { copy, where } = scans[cursor.scan]!;
    const query = cursor.after === null ? where : { ...where, _id: _.gt(cursor.after) };
    budget.requests -= 1;
    const res = await ctx.db.collection(copy.collection).where(query).orderBy('_id', 'asc').limit(PAGE).get();
    const docs = (res.data ?? []) as Array<{ _id: string }>;
    if (docs.length > 0) {
      const sources = await sourcesFor(ctx, copy, docs, budget);
      for (const doc of docs) {
        const stale = staleFields(doc, copy.expected(doc, sources));
        if (Object.keys(stale).length === 0) continue;
        budget.requests -= 1;
        await ctx.db.collection(copy.collection).doc(doc._id).update(stale);
        counts.updated += 1;
      }
    }
    cursor =
      docs.length < PAGE ? { scan: cursor.scan + 1, after: null } : { scan: cursor.scan, after: docs.at(-1)!._id };
    budget.requests -= 1;
    await ctx.db
      .collection(sourceCollections[kind])
      .where({ _id: node._id, relabelRev: node.relabelRev ?? 0 })
      .update({ relabelCursor: _.set(cursor) });
    crashPoint('relabel.after-page');
  }
  return true;
}

export interface RelabelReport {
  /** Renamed documents whose copies are now all current. */
  done: number;
  /** Copies rewritten in this run. */
  updated: number;
  /** Whether marked documents remain (the budget ran out): the next run resumes. */
  more: boolean;
}

export async function relabelCopies({
  ctx,
  maxRequests = 300,
}: {
  ctx: Ctx;
  maxRequests?: number;
}): Promise<RelabelReport> {
  const budget: Budget = { requests: maxRequests };
  const counts = { updated: 0 };
  let done = 0;
  let more = false;
  for (const kind of Object.keys(sourceCollections) as SourceKind[]) {
    budget.requests -= 1;
    const res = await ctx.db.collection(sourceCollections[kind]).where({ relabelPending: true }).limit(MARKED).get();
    const nodes = (res.data ?? []) as Node[];
    if (nodes.length === MARKED) more = true;
    for (const node of nodes) {
      if (budget.requests <= 0) return { done, updated: counts.updated, more: true };
      if (!(await relabelNode(ctx, kind, node, budget, counts))) return { done, updated: counts.updated, more: true };
      budget.requests -= 1;
      await ctx.db
        .collection(sourceCollections[kind])
        .where({ _id: node._id, relabelRev: node.relabelRev ?? 0 })
        .update({ relabelPending: false, relabelCursor: null });
      done += 1;
    }
  }
  return { done, updated: counts.updated, more };
}

export const relabelJob = ({ ctx }: { ctx: Ctx }) => relabelCopies({ ctx });
