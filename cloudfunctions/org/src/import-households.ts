/**
 * org.importHouseholds — households from a csv or xlsx sheet (小区, 楼栋, 房号, 建筑面积,
 * 党员中心户, and optionally 网格 — the building's grid, created when missing) the app uploaded to
 * cloud storage; all rows or none. docs/adr/0023.
 * Invariants:
 *  - admins of the community only; the file id must be an import file of this environment
 *    (`imports/<yyyymmdd>/<random>.csv|xlsx`, import/import-file.ts), at most 4 MB, and at most
 *    MAX_IMPORT_ROWS (10,000) data rows — each refused with its declared reason before anything
 *    is checked or written;
 *  - csv is UTF-8 (with or without BOM) or GB18030/GBK (import/decode-csv.ts); xlsx: first sheet;
 *  - every row is checked (see import/plan.ts) and every error counted (`errorCount`) — the first
 *    MAX_LISTED_ERRORS listed with their 1-based spreadsheet row (header = row 1), column and
 *    Chinese message; with any error, or with dryRun, nothing is written;
 *  - otherwise every row is written, or — if a write fails midway — none (import/apply.ts
 *    describes the rollback), with one audit entry summarising the import;
 *  - one import per file: a job document (`import_jobs`, _id from the file id, with the reply
 *    and the updated households' earlier values) is written before the first household write;
 *    the audit entry (_id from the job) is the last write and marks it finished. A retry of a
 *    crashed import finishes it — the new households' ids derive from the job, so the ones
 *    already written are not written twice, and the counts and audit are those of the whole
 *    import; a repeat of a finished one answers its reply again; the same file for another
 *    community is refused (crash points: org.import.after-insert, org.import.before-audit,
 *    org.import.after-audit);
 *  - the uploaded file is deleted once the import is over: written, refused for its content, or
 *    checked with errors; a dry run that found none keeps it for the import that follows;
 *  - database requests: one aggregation (the caller, the community with its estates, buildings,
 *    grids and households, this file's job and its audit entry), the job (not on a retry: it is
 *    there), one update per distinct new (area, flag) among the changed rows, an insert per 1000
 *    new rows, the new grids (one insert) and one update per grid buildings move into, and the
 *    audit entry (see import/apply.ts): 4 for new rows alone (docs/adr/0017). Storage: one
 *    getTempFileURL (+ the download) and the delete;
 *  - `created`/`updated` count the households written (or, in a dry run, that would be);
 *    both are 0 when there are errors; unchanged existing rows count as neither.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../types/errors';
import {
  MAX_IMPORT_ROWS,
  MAX_LISTED_ERRORS,
  type ImportHouseholdsResult,
  type ImportRowError,
} from '../../../types/import-file';
import type { ImportHouseholdsInput } from '../../../types/org';
import { callerJoined, type Actor } from '../../_shared/actor';
import type { AuditInput } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import type {
  AuditDoc,
  BuildingDoc,
  CommunityDoc,
  EstateDoc,
  GridDoc,
  HouseholdDoc,
  ImportJobDoc,
  UserDoc,
} from '../../_shared/documents';
import { requireAdmin } from './access';
import { applyImport } from './import/apply';
import { checkImportFileId, deleteImportFile, downloadImportFile } from './import/import-file';
import { planImport, type ImportPlan } from './import/plan';
import { readTable } from './import/read-table';
import { isDuplicateWrite } from './store';
import { getByIdWith } from '../../_shared/db-helpers';

export { MAX_IMPORT_ROWS };

type Loaded = CommunityDoc & {
  estates: EstateDoc[];
  buildings: BuildingDoc[];
  households: HouseholdDoc[];
  grids: GridDoc[];
};

type Pipeline = Parameters<Parameters<typeof getByIdWith>[3]>[0];

/** The community's estates, buildings, grids and households joined to it. */
const withPlaces = (one: Pipeline): Pipeline =>
  one
    .lookup({ from: Collections.estates, localField: '_id', foreignField: 'communityId', as: 'estates' })
    .lookup({ from: Collections.buildings, localField: '_id', foreignField: 'communityId', as: 'buildings' })
    .lookup({ from: Collections.grids, localField: '_id', foreignField: 'communityId', as: 'grids' })
    .lookup({ from: Collections.households, localField: '_id', foreignField: 'communityId', as: 'households' });

/** What an import reads before it writes: the caller, the community with its places, this file's job. */
interface Read {
  actor: Actor;
  loaded: Loaded | null;
  /** This file's job and whether its audit entry (the import finished) exists; null: not read. */
  job: { doc: ImportJobDoc | null; finished: boolean } | null;
}

/**
 * The caller, the community with its estates, buildings, grids and households, and this file's
 * job with its audit entry — ONE request, whatever their number (an aggregation on the caller's
 * user with uncorrelated sub-pipelines). A caller without a profile reads the community alone
 * (they are refused after its NOT_FOUND, as anyone).
 */
async function readForImport(ctx: Ctx, communityId: string, jobId: string): Promise<Read> {
  const $ = ctx.db.command.aggregate;
  const byId = (id: string) => $.pipeline().match({ _id: id }).limit(1);
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query
      .lookup({ from: Collections.communities, pipeline: withPlaces(byId(communityId)).done(), as: '_community' })
      .lookup({ from: Collections.importJobs, pipeline: byId(jobId).done(), as: '_job' })
      .lookup({
        from: Collections.auditLog,
        pipeline: byId(auditIdOf(jobId)).project({ _id: 1 }).done(),
        as: '_audit',
      }),
  );
  if (!joined) {
    return {
      actor,
      loaded: await getByIdWith<Loaded>(ctx, Collections.communities, communityId, withPlaces),
      job: null,
    };
  }
  const first = <T>(key: string) => ((joined[key] as T[] | undefined) ?? [])[0] ?? null;
  return {
    actor,
    loaded: first<Loaded>('_community'),
    job: { doc: first<ImportJobDoc>('_job'), finished: first<{ _id: string }>('_audit') !== null },
  };
}

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The job of a file: one per file id. */
export const importJobId = (fileID: string) => `import-${hash(fileID, 32)}`;
/** The id a household created by `jobId` gets: the same on every attempt of that import. */
export const importedHouseholdId = (jobId: string, buildingId: string, room: string) =>
  `hh-${hash(`${jobId}\u0000${buildingId}\u0000${room}`, 32)}`;

/** The id a grid created by `jobId` gets (the 网格 column): the same on every attempt of that import. */
export const importedGridId = (jobId: string, name: string) => `grid-${hash(`${jobId}\u0000${name}`, 32)}`;

/** The import's audit entry: written last, so it also marks the import finished. */
const auditIdOf = (jobId: string) => `audit-${jobId}`;

async function loadJob(ctx: Ctx, jobId: string): Promise<ImportJobDoc | null> {
  const res = await ctx.db.collection(Collections.importJobs).doc(jobId).get();
  return ((res.data as ImportJobDoc[] | undefined) ?? [])[0] ?? null;
}

/**
 * The households as they were before a crashed attempt of this import: without the ones it
 * created and with the updated ones' earlier values. Also the ids it had already created.
 */
function beforeJob(households: HouseholdDoc[], job: ImportJobDoc | null) {
  const alreadyWritten = new Set<string>();
  if (!job) return { households, alreadyWritten };
  const before = new Map(job.updatesBefore.map((b) => [b._id, b]));
  const restored: HouseholdDoc[] = [];
  for (const h of households) {
    if (h._id === importedHouseholdId(job._id, h.buildingId, h.room)) alreadyWritten.add(h._id);
    else restored.push({ ...h, ...(before.get(h._id) ?? {}) });
  }
  return { households: restored, alreadyWritten };
}

function reply(plan: ImportPlan, encoding: ImportHouseholdsResult['encoding']): ImportHouseholdsResult {
  const errors: ImportRowError[] = plan.errors;
  if (errors.length > 0) {
    return {
      rows: plan.rows,
      created: 0,
      updated: 0,
      errorCount: errors.length,
      errors: errors.slice(0, MAX_LISTED_ERRORS),
      encoding,
    };
  }
  return {
    rows: plan.rows,
    created: plan.creates.length,
    updated: plan.updates.length,
    errorCount: 0,
    errors: [],
    encoding,
  };
}

function auditOf(communityId: string, plan: ImportPlan, created: HouseholdDoc[]): AuditInput {
  return {
    communityId,
    action: 'org.importHouseholds',
    targetKind: 'community',
    targetId: communityId,
    summary: `导入住户：新增${created.length}户，更新${plan.updates.length}户（共${plan.rows}行）${
      plan.gridCreates.length + plan.gridAssignments.length > 0
        ? `；新建${plan.gridCreates.length}个网格，${plan.gridAssignments.length}栋楼划入网格`
        : ''
    }`,
    before: {
      updated: plan.updates.map(({ before: b }) => ({
        id: b._id,
        room: b.room,
        floorArea: b.floorArea,
        isPartyCenter: b.isPartyCenter,
      })),
      ...(plan.gridAssignments.length > 0
        ? { grids: plan.gridAssignments.map((a) => ({ buildingId: a.buildingId, gridId: a.before })) }
        : {}),
    },
    after: {
      created: created.map((h) => ({
        id: h._id,
        buildingId: h.buildingId,
        room: h.room,
        floorArea: h.floorArea,
        isPartyCenter: h.isPartyCenter,
      })),
      updated: plan.updates.map((u) => ({ id: u.before._id, floorArea: u.floorArea, isPartyCenter: u.isPartyCenter })),
      ...(plan.gridCreates.length + plan.gridAssignments.length > 0
        ? {
            newGrids: plan.gridCreates.map((g) => g.name),
            grids: plan.gridAssignments.map((a) => ({ buildingId: a.buildingId, gridName: a.gridName })),
          }
        : {}),
    },
  };
}

/** The audit entry under an id of the job, so a retry does not write a second one. */
async function writeImportAudit(ctx: Ctx, admin: UserDoc, jobId: string, entry: AuditInput): Promise<void> {
  const doc: AuditDoc = { _id: auditIdOf(jobId), ...entry, actorId: admin._id, actorName: admin.name, at: ctx.now() };
  try {
    await ctx.db.collection(Collections.auditLog).add(doc);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
}

/** This file's job as it is now and whether its import finished (its audit entry exists): two reads. */
async function readJob(ctx: Ctx, jobId: string): Promise<{ doc: ImportJobDoc | null; finished: boolean }> {
  const doc = await loadJob(ctx, jobId);
  if (!doc) return { doc, finished: false };
  const audit = await ctx.db.collection(Collections.auditLog).doc(auditIdOf(jobId)).get();
  return { doc, finished: ((audit.data as unknown[] | undefined) ?? []).length > 0 };
}

/** The job if its import finished; refuses another community's. */
function finishedJob(job: { doc: ImportJobDoc | null; finished: boolean }, communityId: string): ImportJobDoc | null {
  if (!job.doc) return null;
  if (job.doc.communityId !== communityId) {
    throw new AppError('FORBIDDEN', 'org.import-file-other-community', '该文件已导入其他社区，请重新选择文件上传');
  }
  return job.finished ? job.doc : null;
}

export async function importHouseholds({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ImportHouseholdsInput;
}): Promise<ImportHouseholdsResult> {
  const jobId = importJobId(input.fileID);
  const read = await readForImport(ctx, input.communityId, jobId);
  if (!read.loaded) throw new AppError('NOT_FOUND', 'org.community-not-found', '社区不存在或已被删除');
  const { estates, buildings, households, grids, ...community } = read.loaded;
  const admin = requireAdmin(read.actor, community._id);
  const format = checkImportFileId(input.fileID);

  let table;
  try {
    table = await readTable(format, await downloadImportFile(input.fileID));
    const dataRows = Math.max(0, table.rows.length - 1);
    if (dataRows > MAX_IMPORT_ROWS) {
      throw new AppError(
        'LIMIT_EXCEEDED',
        'org.import-too-many-rows',
        `一次最多导入${MAX_IMPORT_ROWS}户，该文件有${dataRows}行，请分批导入`,
      );
    }
  } catch (error) {
    if (error instanceof AppError && error.reason === 'org.import-file-missing') {
      // A finished import deleted its file: a repeat (e.g. after a lost reply) gets its reply
      // (the job as read, or as it is now should it have finished since).
      const done =
        (read.job && finishedJob(read.job, community._id)) ?? finishedJob(await readJob(ctx, jobId), community._id);
      if (done) return done.result as ImportHouseholdsResult;
    } else if (error instanceof AppError) {
      await deleteImportFile(ctx.requestId, input.fileID);
    }
    throw error;
  }

  let plan = planImport(community._id, table.rows, { estates, buildings, households, grids });
  if (plan.errors.length > 0) {
    await deleteImportFile(ctx.requestId, input.fileID);
    return reply(plan, table.encoding);
  }
  if (input.dryRun) return reply(plan, table.encoding);

  // The job is written before the first household write; if it is there already, an earlier
  // attempt of this file crashed (finish it) or finished (answer its reply).
  let startedAt = ctx.now();
  let alreadyWritten = new Set<string>();
  const doc: ImportJobDoc = {
    _id: jobId,
    communityId: community._id,
    fileID: input.fileID,
    actorId: admin._id,
    startedAt,
    updatesBefore: plan.updates.map(({ before: b }) => ({
      _id: b._id,
      floorArea: b.floorArea,
      isPartyCenter: b.isPartyCenter,
      updatedAt: b.updatedAt,
    })),
    result: reply(plan, table.encoding),
  };
  let job = read.job?.doc ? read.job : null;
  if (!job) {
    try {
      await ctx.db.collection(Collections.importJobs).add(doc);
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      // Another attempt of this file wrote its job since it was read.
      job = await readJob(ctx, jobId);
    }
  }
  if (job) {
    const done = finishedJob(job, community._id);
    if (done) {
      await deleteImportFile(ctx.requestId, input.fileID);
      return done.result as ImportHouseholdsResult;
    }
    if (!job.doc) {
      // That attempt was rolled back meanwhile: this one starts afresh.
      throw new AppError(
        'CONFLICT',
        'org.import-conflict',
        '导入时有人同时修改了住户（例如添加了相同房号），本次导入已全部撤销，请重新导入',
      );
    }
    const resume = beforeJob(households, job.doc);
    // Grids and building grids a crashed attempt already wrote are taken as they are (the writes
    // are idempotent); the audit then counts only what the retry still had to change.
    plan = planImport(community._id, table.rows, { estates, buildings, households: resume.households, grids });
    startedAt = new Date(job.doc.startedAt);
    alreadyWritten = resume.alreadyWritten;
  }

  try {
    await applyImport(ctx, plan, {
      now: startedAt,
      idOf: (c) => importedHouseholdId(jobId, c.buildingId, c.room),
      gridIdOf: (name) => importedGridId(jobId, name),
      alreadyWritten,
      finalWrite: ({ created }) => writeImportAudit(ctx, admin, jobId, auditOf(community._id, plan, created)),
    });
  } catch (error) {
    // Rolled back (not a crash, not a failed rollback): the file may be imported afresh.
    if (error instanceof AppError && error.reason === 'org.import-conflict') {
      await ctx.db.collection(Collections.importJobs).doc(jobId).remove();
    }
    throw error;
  }
  crashPoint('org.import.after-audit');
  await deleteImportFile(ctx.requestId, input.fileID);
  return reply(plan, table.encoding);
}
