/**
 * Writes an import plan "all rows or none".
 *
 * CloudBase has no multi-document atomic batch we can rely on for up to 2000 rows, so the
 * writer compensates:
 *  1. every new household gets its id here, before anything is written, and the ids of every
 *     batch that was *attempted* are remembered (a failed batch may have been partly written);
 *  2. an updated household is replaced, not updated in place, so the cost does not grow with
 *     the rows (issue #13: ≤ 6 requests per call): the updated households are deleted in one
 *     request (`_id in [...]`) and written again — same `_id`, same fields but the new floor
 *     area, flag and updatedAt — in the same insert batches as the new ones (≤ 1000 documents
 *     per insert, so at most two inserts for the 2000-row limit);
 *  3. the audit entry is the last write (the caller passes it in), so a failed audit also undoes
 *     the import;
 *  4. if any write fails, the rollback deletes every attempted id and every replaced household
 *     (`_id in [...]`, which ignores ids that were never written — nobody else can hold our
 *     fresh ids) and writes the replaced households back exactly as they were read; then the
 *     original error is rethrown (a unique-index failure as CONFLICT `org.import-conflict`).
 * Limits: for the moment between the delete and the insert a replaced household is absent (a
 * binding request filed in that instant is refused as NOT_FOUND and may be retried); another
 * admin's edit of a replaced household between the import's read and its write is overwritten;
 * a rollback that itself fails leaves a partial import (logged with the request id, answered as
 * INTERNAL) — a failure during a failure.
 */
import { AppError } from '../../../../types/errors';
import { Collections } from '../../../_shared/collections';
import type { Ctx } from '../../../_shared/context';
import type { HouseholdDoc } from '../../../_shared/documents';
import { isDuplicateWrite, newId } from '../store';
import type { ImportPlan } from './plan';

/** The most documents CloudBase accepts in one insert. */
const MAX_INSERT = 1000;

export interface ApplyOptions {
  /** Documents per insert batch (CloudBase accepts at most 1000 per insert). */
  batchSize?: number;
  /** Written last, inside the all-or-none. */
  finalWrite?: (summary: { created: HouseholdDoc[] }) => Promise<void>;
}

async function inChunks<T>(items: T[], size: number, run: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}

export async function applyImport(ctx: Ctx, plan: ImportPlan, options: ApplyOptions = {}): Promise<HouseholdDoc[]> {
  const batchSize = options.batchSize ?? MAX_INSERT;
  const households = ctx.db.collection(Collections.households);
  const _ = ctx.db.command;
  const now = ctx.now();
  const created: HouseholdDoc[] = plan.creates.map((c) => ({ _id: newId('hh'), ...c, createdAt: now, updatedAt: now }));
  const replaced: HouseholdDoc[] = plan.updates.map((u) => ({
    ...u.before,
    floorArea: u.floorArea,
    isPartyCenter: u.isPartyCenter,
    updatedAt: now,
  }));
  const updatedIds = plan.updates.map((u) => u.before._id);
  const attemptedIds: string[] = [];
  let removed = false;

  try {
    if (updatedIds.length > 0) {
      removed = true;
      await households.where({ _id: _.in(updatedIds) }).remove();
    }
    await inChunks([...replaced, ...created], batchSize, async (chunk) => {
      attemptedIds.push(...chunk.map((d) => d._id));
      await households.add(chunk);
    });
    await options.finalWrite?.({ created });
    return created;
  } catch (error) {
    await rollback(ctx, removed ? [...new Set([...updatedIds, ...attemptedIds])] : attemptedIds, removed ? plan : null);
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

/** Deletes every id the import may have written, then puts the replaced households back as they were. */
async function rollback(ctx: Ctx, ids: string[], replaced: ImportPlan | null): Promise<void> {
  const households = ctx.db.collection(Collections.households);
  const _ = ctx.db.command;
  try {
    await inChunks(ids, MAX_INSERT, async (chunk) => {
      await households.where({ _id: _.in(chunk) }).remove();
    });
    await inChunks(replaced?.updates.map((u) => u.before) ?? [], MAX_INSERT, async (chunk) => {
      await households.add(chunk);
    });
  } catch (error) {
    console.error(`[org] ${ctx.requestId} import rollback failed; the import may be partly written`, error);
    throw new AppError('INTERNAL', 'org.import-rollback-failed');
  }
}
