/**
 * org.importHouseholds — households from a csv or xlsx sheet (小区, 楼栋, 房号, 建筑面积,
 * 党员中心户), all rows or none.
 * Invariants:
 *  - admins of the community only;
 *  - at most 2000 data rows (LIMIT_EXCEEDED beyond, before anything is checked or written);
 *  - every row is checked (see import/plan.ts) and every error reported with its 1-based
 *    spreadsheet row number (header = row 1) and a Chinese message; with any error, or with
 *    dryRun, nothing is written;
 *  - otherwise every row is written, or — if a write fails midway — none (import/apply.ts
 *    describes the rollback), with one audit entry summarising the import;
 *  - requests: the caller, one aggregate (community, estates, buildings, households), one
 *    update per distinct new (area, flag) among the changed rows, an insert per 1000 new rows
 *    and the audit entry (see import/apply.ts);
 *  - `created`/`updated` count the households written (or, in a dry run, that would be);
 *    both are 0 when there are errors; unchanged existing rows count as neither.
 */
import { AppError } from '../../../types/errors';
import type { ImportHouseholdsInput, ImportHouseholdsResult } from '../../../types/org';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { BuildingDoc, CommunityDoc, EstateDoc, HouseholdDoc } from '../../_shared/documents';
import { requireAdmin } from './access';
import { applyImport } from './import/apply';
import { planImport } from './import/plan';
import { readTable } from './import/read-table';

export const MAX_IMPORT_ROWS = 2000;

/** The community with its estates, buildings and households: one request, whatever their number. */
async function loadCommunity(
  ctx: Ctx,
  communityId: string,
): Promise<(CommunityDoc & { estates: EstateDoc[]; buildings: BuildingDoc[]; households: HouseholdDoc[] }) | null> {
  const res = await ctx.db
    .collection(Collections.communities)
    .aggregate()
    .match({ _id: communityId })
    .limit(1)
    .lookup({ from: Collections.estates, localField: '_id', foreignField: 'communityId', as: 'estates' })
    .lookup({ from: Collections.buildings, localField: '_id', foreignField: 'communityId', as: 'buildings' })
    .lookup({ from: Collections.households, localField: '_id', foreignField: 'communityId', as: 'households' })
    .end();
  return (
    (
      res.data as Array<CommunityDoc & { estates: EstateDoc[]; buildings: BuildingDoc[]; households: HouseholdDoc[] }>
    )[0] ?? null
  );
}

export async function importHouseholds({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ImportHouseholdsInput;
}): Promise<ImportHouseholdsResult> {
  const actor = await loadActor(ctx);
  const loaded = await loadCommunity(ctx, input.communityId);
  if (!loaded) throw new AppError('NOT_FOUND', 'org.community-not-found', '社区不存在或已被删除');
  const { estates, buildings, households, ...community } = loaded;
  const admin = requireAdmin(actor, community._id);

  const table = await readTable(input.format, input.content);
  const dataRows = Math.max(0, table.length - 1);
  if (dataRows > MAX_IMPORT_ROWS) {
    throw new AppError(
      'LIMIT_EXCEEDED',
      'org.import-too-many-rows',
      `一次最多导入${MAX_IMPORT_ROWS}户，该文件有${dataRows}行，请分批导入`,
    );
  }

  const plan = planImport(community._id, table, { estates, buildings, households });
  if (plan.errors.length > 0) return { rows: plan.rows, created: 0, updated: 0, errors: plan.errors };
  const counts = { rows: plan.rows, created: plan.creates.length, updated: plan.updates.length, errors: [] };
  if (input.dryRun) return counts;

  await applyImport(ctx, plan, {
    finalWrite: ({ created }) =>
      writeAudit(ctx, admin, {
        communityId: community._id,
        action: 'org.importHouseholds',
        targetKind: 'community',
        targetId: community._id,
        summary: `导入住户：新增${created.length}户，更新${plan.updates.length}户（共${plan.rows}行）`,
        before: {
          updated: plan.updates.map(({ before: b }) => ({
            id: b._id,
            room: b.room,
            floorArea: b.floorArea,
            isPartyCenter: b.isPartyCenter,
          })),
        },
        after: {
          created: created.map((h) => ({
            id: h._id,
            buildingId: h.buildingId,
            room: h.room,
            floorArea: h.floorArea,
            isPartyCenter: h.isPartyCenter,
          })),
          updated: plan.updates.map((u) => ({
            id: u.before._id,
            floorArea: u.floorArea,
            isPartyCenter: u.isPartyCenter,
          })),
        },
      }),
  });
  return counts;
}
