/**
 * Paging and repair shared by the counters' reconcile verbs (`checkin.reconcile`,
 * `deliberation.reconcile`, `points.reconcile`) and their daily timers (docs/adr/0016).
 * Invariants:
 * - bounded: an admin's call checks one page of at most ADMIN_PAGE documents of one community,
 *   in `_id` order after the cursor it is given (`next` continues); a timer run spends at most
 *   JOB_LIMITS (docs/adr/0041-bounded-jobs): community by community in the ring of
 *   `_shared/jobs.ts`, each community's documents in pages of an indexed order (the counter's
 *   `order`: events by endAt, opinions by createdAt, balances by userId; then `_id`) after the
 *   keyset cursor it saved in
 *   `job_cursors` when its share ran out, so the next day's run resumes there and every
 *   document is checked once per lap of the ring; every query is by the community's index;
 * - a repair is one conditional write on the counter's value as it was read: a counter that
 *   moved meanwhile belongs to the write that moved it (and to the next run), so a run never
 *   overwrites a newer value with an older count, and running twice changes nothing more;
 * - each repair is reported `{ id, field, from, to }`, and audited (by the admin, or by 系统
 *   for a timer run), one entry per community and run; a clean run writes nothing.
 */
import type { CounterRepair, ReconcileInput, ReconcileReport } from '../../types/reconcile';
import { writeAudit } from './audit';
import type { Ctx } from './context';
import type { UserDoc } from './documents';
import type { CollectionName } from './collections';
import { forEachCommunity, type JobLimits } from './jobs';
import { decodeCursor, orderKeys, pageOrderedBy, type PageOrder } from './paging';

export const ADMIN_PAGE = 50;

export interface Scoped {
  _id: string;
  communityId: string;
}

/** One page of a community's documents after `after`, in `_id` order, and the cursor of the next. */
export async function communityPage<T extends Scoped>(
  ctx: Ctx,
  collection: string,
  communityId: string,
  after: string | undefined,
  size = ADMIN_PAGE,
): Promise<{ docs: T[]; next: string | null }> {
  const _ = ctx.db.command;
  const where = after === undefined ? { communityId } : { communityId, _id: _.gt(after) };
  const res = await ctx.db.collection(collection).where(where).orderBy('_id', 'asc').limit(size).get();
  const docs = res.data as T[];
  return { docs, next: docs.length === size ? docs[docs.length - 1]!._id : null };
}

function validCursor(cursor: string, order: PageOrder): boolean {
  try {
    decodeCursor(cursor, orderKeys(order).length);
    return true;
  } catch {
    return false;
  }
}

/** A timer run's limits: ≈ 2 units a page of ADMIN_PAGE documents (+1 a repair). */
export const JOB_LIMITS: JobLimits = { budget: 150, perCommunity: 40 };

/**
 * A timer run (see the header): community by community in the ring of `_shared/jobs.ts`, the
 * community's documents in pages of ADMIN_PAGE in `order` (an order an index led by
 * `communityId` serves; `_id` last) after its saved keyset cursor, each page checked by `check`
 * (which returns the repairs), within `limits`.
 */
export async function reconcileRun<T extends Scoped, R>(
  ctx: Ctx,
  job: string,
  collection: CollectionName,
  order: PageOrder,
  check: (docs: T[]) => Promise<R[]>,
  limits: JobLimits = JOB_LIMITS,
): Promise<{ checked: number; repairs: R[]; communities: number; passed: number; more: boolean }> {
  let checked = 0;
  const repairs: R[] = [];
  const run = await forEachCommunity<string>(ctx, job, limits, async (c) => {
    let after = c.state ?? undefined;
    for (;;) {
      if (c.budget.spent) {
        if (after !== undefined) await c.save(after);
        return 'more';
      }
      c.budget.spend(2);
      // A cursor this order did not write (an older run's) starts the pass over.
      const cursor = after !== undefined && validCursor(after, order) ? after : undefined;
      const page = await pageOrderedBy(
        ctx,
        collection,
        { communityId: c.communityId },
        { cursor, limit: ADMIN_PAGE },
        order,
      );
      const docs = page.items as unknown as T[];
      const next = page.nextCursor;
      checked += docs.length;
      const found = await check(docs);
      c.budget.spend(found.length);
      repairs.push(...found);
      if (next === null) return 'done';
      after = next;
    }
  });
  return { checked, repairs, communities: run.communities, passed: run.passed.length, more: run.more };
}

/** How many documents of `collection` carry each of `keys` in `field` (one aggregation). */
export async function countBy(
  ctx: Ctx,
  collection: string,
  field: string,
  keys: string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (keys.length === 0) return counts;
  const $ = ctx.db.command.aggregate;
  const res = await ctx.db
    .collection(collection)
    .aggregate()
    .match({ [field]: ctx.db.command.in(keys) })
    .group({ _id: `$${field}`, n: $.sum(1) })
    .limit(keys.length)
    .end();
  for (const row of res.data as Array<{ _id: string; n: number }>) counts.set(row._id, row.n);
  return counts;
}

/** A stored counter as a number, or null when it is missing or not a number. */
export function storedCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Sets `field` of the document to `to` if it still holds `from` (null: missing); returns the
 * repair, or null when the counter moved meanwhile or already agreed.
 */
export async function repairCounter(
  ctx: Ctx,
  collection: string,
  id: string,
  field: string,
  from: number | null,
  to: number,
): Promise<CounterRepair | null> {
  if (from === to) return null;
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(collection)
    .where({ _id: id, [field]: from === null ? _.exists(false) : from })
    .update({ [field]: to });
  return res.updated === 1 ? { id, field, from, to } : null;
}

/** One audit entry per community for the repairs of one run (nothing when nothing changed). */
export async function auditRepairs(
  ctx: Ctx,
  actor: UserDoc | null,
  action: string,
  targetKind: string,
  summary: string,
  repairs: Array<CounterRepair & { communityId: string }>,
): Promise<void> {
  const byCommunity = new Map<string, CounterRepair[]>();
  for (const { communityId, ...r } of repairs) {
    byCommunity.set(communityId, [...(byCommunity.get(communityId) ?? []), r]);
  }
  for (const [communityId, list] of byCommunity) {
    await writeAudit(ctx, actor, {
      communityId,
      action,
      targetKind,
      targetId: communityId,
      summary: `${summary}（修正 ${list.length} 项）`,
      // Lists, not maps: a counter's path has dots, which a stored field name may not.
      before: list.map((r) => ({ id: r.id, field: r.field, value: r.from })),
      after: list.map((r) => ({ id: r.id, field: r.field, value: r.to })),
    });
  }
}

/** Repairs as the report gives them: without the community each was found in (the audit has it). */
export const withoutCommunity = (repairs: Array<CounterRepair & { communityId: string }>): CounterRepair[] =>
  repairs.map(({ communityId: _c, ...r }) => r);

/**
 * A reconcile timer: the bounded run (`reconcileRun`), one audit entry per community that had
 * repairs (`auditRepairs`, as `job`, saying `summary`), and the run's report.
 */
export async function reconcileTimer<T extends Scoped, R extends CounterRepair & { communityId: string }>(
  ctx: Ctx,
  spec: {
    job: string;
    collection: CollectionName;
    order: PageOrder;
    check: (docs: T[]) => Promise<R[]>;
    summary: string;
  },
  limits?: JobLimits,
) {
  const run = await reconcileRun<T, R>(ctx, spec.job, spec.collection, spec.order, spec.check, limits);
  await auditRepairs(ctx, null, spec.job, 'community', spec.summary, run.repairs);
  return {
    checked: run.checked,
    repaired: withoutCommunity(run.repairs),
    communities: run.communities,
    passed: run.passed,
    more: run.more,
  };
}

/**
 * A counter that counts the documents of another collection pointing at it (an event's
 * check-ins, an opinion's supports): the admin action (a page of one community) and the daily
 * timer (today's page of the rotation) that recount and repair it, built once.
 */
export function counterReconciler<T extends Scoped & Record<string, unknown>>(spec: {
  /** The collection holding the counter, and the counter's field. */
  collection: CollectionName;
  /** The timer's page order: a field an index led by `communityId` sorts (then `_id`). */
  order: PageOrder;
  field: keyof T & string;
  /** The counted collection and its field naming the counter's document. */
  counted: string;
  countedBy: string;
  /** The action's name in the audit log, and what the audit entry says was checked. */
  action: string;
  summary: string;
}) {
  type Repair = CounterRepair & { communityId: string };
  const repairDocs = async (ctx: Ctx, docs: T[]): Promise<Repair[]> => {
    const counts = await countBy(
      ctx,
      spec.counted,
      spec.countedBy,
      docs.map((d) => d._id),
    );
    const repairs: Repair[] = [];
    for (const doc of docs) {
      const from = storedCount(doc[spec.field]);
      const repaired = await repairCounter(ctx, spec.collection, doc._id, spec.field, from, counts.get(doc._id) ?? 0);
      if (repaired) repairs.push({ ...repaired, communityId: doc.communityId });
    }
    return repairs;
  };
  return {
    /** The admin action's work, for an admin of the community the verb has checked. */
    async reconcilePage(ctx: Ctx, admin: UserDoc, input: ReconcileInput): Promise<ReconcileReport> {
      const { docs, next } = await communityPage<T>(ctx, spec.collection, input.communityId, input.after);
      const repairs = await repairDocs(ctx, docs);
      await auditRepairs(ctx, admin, spec.action, 'community', spec.summary, repairs);
      return { checked: docs.length, repaired: withoutCommunity(repairs), next };
    },
    /** The daily timer: a bounded run over the communities, resuming from their cursors. */
    reconcileJob({ ctx, limits }: { ctx: Ctx; limits?: JobLimits }) {
      return reconcileTimer<T, Repair>(
        ctx,
        {
          job: spec.action,
          collection: spec.collection,
          order: spec.order,
          check: (docs) => repairDocs(ctx, docs),
          summary: `定时${spec.summary}`,
        },
        limits,
      );
    },
  };
}
