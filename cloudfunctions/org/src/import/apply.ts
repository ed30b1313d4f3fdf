/**
 * Writes an import plan "all rows or none".
 *
 * CloudBase has no multi-document atomic batch we can rely on for up to 10,000 rows, so the
 * writer compensates:
 *  1. every new household gets its id before anything is written (the caller's `idOf`: derived
 *     from the import, so a retry after a crash writes the same ids), and the ids of every
 *     batch that was *attempted* are remembered (a failed batch may have been partly written);
 *     ids in `alreadyWritten` (a crashed attempt wrote them) are not inserted again;
 *  2. updates go first, in place: the updated households are grouped by their new floor area
 *     and flag, and each group is one `where({ _id: in [...] }).update(...)` (issue #13: the
 *     cost follows the number of distinct new values, not the rows — one request when a
 *     re-import only sets flags or one area); then the creates, in inserts of up to 1000;
 *     (Replacing the households — one delete and re-inserts — would make the cost fixed, but a
 *     crash between the delete and the insert would lose them; in-place updates never lose a
 *     household.)
 *  2b. then the grids of the 网格 column: the new grids in one insert (ids from the caller's
 *     `gridIdOf`, derived from the import), and each changed building's `gridId`, one update per
 *     target grid;
 *  3. the audit entry is the last write (the caller passes it in), so a failed audit also undoes
 *     the import;
 *  4. if any write fails, the rollback deletes every attempted new id (`_id in [...]`, which
 *     ignores ids that were never written — nobody else can hold our fresh ids) and puts each
 *     attempted update's previous floor area, flag and updatedAt back (grouped the same way),
 *     deletes the attempted new grids and puts each reassigned building's previous grid back;
 *     then the original error is rethrown (a unique-index failure as CONFLICT
 *     `org.import-conflict`).
 * A crash of the function (SimulatedCrash in tests: crash points `org.import.after-insert` after
 * each insert batch, `org.import.before-audit`) is not rolled back: the import's job document
 * (import-households.ts) lets the retry finish it.
 * Limits: between the write and a rollback another admin's edit of the same household's area or
 * flag is overwritten by the restore, and a rollback that itself fails leaves a partial import
 * (logged with the request id, answered as INTERNAL; a retry of the same file finishes it).
 */
import { AppError } from '../../../../types/errors';
import { Collections } from '../../../_shared/collections';
import type { Ctx } from '../../../_shared/context';
import { crashPoint, SimulatedCrash } from '../../../_shared/crash-points';
import type { GridDoc, HouseholdDoc } from '../../../_shared/documents';
import { isDuplicateWrite, newId } from '../store';
import type { ImportPlan } from './plan';

/** The most documents CloudBase accepts in one insert. */
const MAX_INSERT = 1000;

export interface ApplyOptions {
  /** Documents per insert batch (CloudBase accepts at most 1000 per insert). */
  batchSize?: number;
  /** The id of a new household (default: a fresh random one). */
  idOf?: (create: ImportPlan['creates'][number]) => string;
  /** The id of a new grid, by its name (default: a fresh random one). */
  gridIdOf?: (name: string) => string;
  /** New households' ids an earlier, crashed attempt of the same import already wrote. */
  alreadyWritten?: ReadonlySet<string>;
  /** The write time (default ctx.now()); a retry passes the first attempt's. */
  now?: Date;
  /** Written last, inside the all-or-none. */
  finalWrite?: (summary: { created: HouseholdDoc[] }) => Promise<void>;
}

async function inChunks<T>(items: T[], size: number, run: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}

type Values = Pick<HouseholdDoc, 'floorArea' | 'isPartyCenter' | 'updatedAt'>;

/** Sets `values` on the households, one request per group of equal values (and per 1000 ids). */
async function setInGroups(ctx: Ctx, changes: Array<{ id: string; values: Values }>): Promise<void> {
  const households = ctx.db.collection(Collections.households);
  const _ = ctx.db.command;
  const groups = new Map<string, { values: Values; ids: string[] }>();
  for (const { id, values } of changes) {
    const key = JSON.stringify([values.floorArea, values.isPartyCenter, new Date(values.updatedAt).getTime()]);
    const group = groups.get(key) ?? { values, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const { values, ids } of groups.values()) {
    await inChunks(ids, MAX_INSERT, async (chunk) => {
      await households.where({ _id: _.in(chunk) }).update(values);
    });
  }
}

export async function applyImport(ctx: Ctx, plan: ImportPlan, options: ApplyOptions = {}): Promise<HouseholdDoc[]> {
  const batchSize = options.batchSize ?? MAX_INSERT;
  const households = ctx.db.collection(Collections.households);
  const now = options.now ?? ctx.now();
  const idOf = options.idOf ?? (() => newId('hh'));
  const created: HouseholdDoc[] = plan.creates.map((c) => ({ _id: idOf(c), ...c, createdAt: now, updatedAt: now }));
  const already = options.alreadyWritten ?? new Set<string>();
  const attemptedIds: string[] = created.filter((d) => already.has(d._id)).map((d) => d._id);
  let updatesAttempted = false;
  const gridIdOf = options.gridIdOf ?? (() => newId('grid'));
  const newGrids: GridDoc[] = plan.gridCreates.map((g) => ({
    _id: gridIdOf(g.name),
    ...g,
    createdAt: now,
    updatedAt: now,
  }));
  const gridIdByName = new Map(newGrids.map((g) => [g.name, g._id]));
  let gridsAttempted = false;

  try {
    updatesAttempted = plan.updates.length > 0;
    await setInGroups(
      ctx,
      plan.updates.map((u) => ({
        id: u.before._id,
        values: { floorArea: u.floorArea, isPartyCenter: u.isPartyCenter, updatedAt: now },
      })),
    );
    await inChunks(
      created.filter((d) => !already.has(d._id)),
      batchSize,
      async (chunk) => {
        attemptedIds.push(...chunk.map((d) => d._id));
        await households.add(chunk);
        crashPoint('org.import.after-insert');
      },
    );
    gridsAttempted = newGrids.length > 0 || plan.gridAssignments.length > 0;
    if (newGrids.length > 0) await ctx.db.collection(Collections.grids).add(newGrids);
    await setGrids(
      ctx,
      plan.gridAssignments.map((a) => ({ id: a.buildingId, gridId: a.gridId ?? gridIdByName.get(a.gridName)! })),
    );
    crashPoint('org.import.before-audit');
    await options.finalWrite?.({ created });
    return created;
  } catch (error) {
    // A crash is the process dying: nothing runs after it; the retry finishes the import.
    if (error instanceof SimulatedCrash) throw error;
    await rollback(
      ctx,
      attemptedIds,
      updatesAttempted ? plan.updates : [],
      gridsAttempted ? { grids: newGrids.map((g) => g._id), assignments: plan.gridAssignments } : null,
    );
    if (isDuplicateWrite(error)) {
      throw new AppError(
        'CONFLICT',
        'org.import-conflict',
        '导入时有人同时修改了住户（例如添加了相同房号），本次导入已全部撤销，请重新导入',
      );
    }
    throw error;
  }
}

/** Sets buildings' grid (null: none), one request per target grid (and per 1000 buildings). */
async function setGrids(ctx: Ctx, changes: Array<{ id: string; gridId: string | null }>): Promise<void> {
  const _ = ctx.db.command;
  const groups = new Map<string | null, string[]>();
  for (const { id, gridId } of changes) groups.set(gridId, [...(groups.get(gridId) ?? []), id]);
  for (const [gridId, ids] of groups) {
    await inChunks(ids, MAX_INSERT, async (chunk) => {
      await ctx.db
        .collection(Collections.buildings)
        .where({ _id: _.in(chunk) })
        .update({ gridId: gridId ?? _.remove() });
    });
  }
}

/**
 * Deletes every new id the import may have written, puts the updated households' values back,
 * and (when the grid writes were attempted) deletes the new grids and puts the buildings' grids back.
 */
async function rollback(
  ctx: Ctx,
  createdIds: string[],
  updates: ImportPlan['updates'],
  grids: { grids: string[]; assignments: ImportPlan['gridAssignments'] } | null,
): Promise<void> {
  const households = ctx.db.collection(Collections.households);
  const _ = ctx.db.command;
  try {
    if (grids) {
      await setGrids(
        ctx,
        grids.assignments.map((a) => ({ id: a.buildingId, gridId: a.before })),
      );
      if (grids.grids.length > 0) {
        await ctx.db
          .collection(Collections.grids)
          .where({ _id: _.in(grids.grids) })
          .remove();
      }
    }
    await inChunks(createdIds, MAX_INSERT, async (ids) => {
      await households.where({ _id: _.in(ids) }).remove();
    });
    await setInGroups(
      ctx,
      updates.map(({ before }) => ({
        id: before._id,
        values: { floorArea: before.floorArea, isPartyCenter: before.isPartyCenter, updatedAt: before.updatedAt },
      })),
    );
  } catch (error) {
    console.error(`[org] ${ctx.requestId} import rollback failed; the import may be partly written`, error);
    throw new AppError('INTERNAL', 'org.import-rollback-failed');
  }
}
