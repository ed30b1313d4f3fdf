/**
 * Writes an import plan "all rows or none".
 *
 * CloudBase has no multi-document atomic batch we can rely on for up to 2000 rows, so the
 * writer compensates:
 *  1. every new household gets its id here, before anything is written, and the ids of every
 *     batch that was *attempted* are remembered (a failed batch may have been partly written);
 *  2. updates go first, each remembering the document's previous floor area, flag and
 *     updatedAt; then the creates, in batches;
 *  3. the audit entry is the last write (the caller passes it in), so a failed audit also undoes
 *     the import;
 *  4. if any write fails, the rollback deletes every attempted new id (`_id in [...]`, which
 *     ignores ids that were never written — nobody else can hold our fresh ids) and puts each
 *     attempted update's previous values back; then the original error is rethrown (a unique-
 *     index failure as CONFLICT `org.import-conflict`).
 * Limits: between the write and a rollback another admin's edit of the same household is
 * overwritten by the restore, and a rollback that itself fails leaves a partial import (logged
 * with the request id, answered as INTERNAL). Both need a failure during a failure.
 */
import { AppError } from '../../../../types/errors';
import { Collections } from '../../../_shared/collections';
import type { Ctx } from '../../../_shared/context';
import type { HouseholdDoc } from '../../../_shared/documents';
import { isDuplicateWrite, newId } from '../store';
import type { ImportPlan } from './plan';

export interface ApplyOptions {
  /** Documents per insert batch (CloudBase accepts at most 1000; smaller keeps requests small). */
  batchSize?: number;
  /** Updates sent concurrently. */
  concurrency?: number;
  /** Written last, inside the all-or-none. */
  finalWrite?: (summary: { created: HouseholdDoc[] }) => Promise<void>;
}

async function inChunks<T>(items: T[], size: number, run: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}

export async function applyImport(ctx: Ctx, plan: ImportPlan, options: ApplyOptions = {}): Promise<HouseholdDoc[]> {
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 10;
  const households = ctx.db.collection(Collections.households);
  const now = ctx.now();
  const created: HouseholdDoc[] = plan.creates.map((c) => ({ _id: newId('hh'), ...c, createdAt: now, updatedAt: now }));
  const attemptedIds: string[] = [];
  const attemptedUpdates: ImportPlan['updates'] = [];

  try {
    await inChunks(plan.updates, concurrency, async (chunk) => {
      attemptedUpdates.push(...chunk);
      await Promise.all(
        chunk.map((u) =>
          households
            .doc(u.before._id)
            .update({ floorArea: u.floorArea, isPartyCenter: u.isPartyCenter, updatedAt: now }),
        ),
      );
    });
    await inChunks(created, batchSize, async (chunk) => {
      attemptedIds.push(...chunk.map((d) => d._id));
      await households.add(chunk);
    });
    await options.finalWrite?.({ created });
    return created;
  } catch (error) {
    await rollback(ctx, attemptedIds, attemptedUpdates, concurrency);
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

async function rollback(
  ctx: Ctx,
  createdIds: string[],
  updates: ImportPlan['updates'],
  concurrency: number,
): Promise<void> {
  const households = ctx.db.collection(Collections.households);
  const _ = ctx.db.command;
  try {
    await inChunks(createdIds, 500, async (ids) => {
      await households.where({ _id: _.in(ids) }).remove();
    });
    await inChunks(updates, concurrency, async (chunk) => {
      await Promise.all(
        chunk.map(({ before }) =>
          households.doc(before._id).update({
            floorArea: before.floorArea,
            isPartyCenter: before.isPartyCenter,
            updatedAt: before.updatedAt,
          }),
        ),
      );
    });
  } catch (error) {
    console.error(`[org] ${ctx.requestId} import rollback failed; the import may be partly written`, error);
    throw new AppError('INTERNAL', 'org.import-rollback-failed');
  }
}
