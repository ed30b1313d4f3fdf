/**
 * Bounded scheduled jobs (docs/adr/0041-bounded-jobs): a run does a bounded amount of work,
 * community by community, and saves where it stopped in `job_cursors`, so the next run resumes.
 * Invariants:
 * - budget: a run spends at most `budget` units (≈ database requests; the job charges what it
 *   does through `Budget.spend`), and one community at most `perCommunity` of them, so a
 *   community with a backlog takes its share and the run moves on to the next;
 * - ring: communities are visited in `_id` order starting after the one the last run started
 *   last (`job_cursors/<job>.after`), each at most once per run. A run cut off by its budget
 *   saves `after`; a community resuming a backlog writes `after` BEFORE its work, so one that is
 *   slow, or that kills the run, is resumed on the next lap while the communities after it are
 *   served first — one community delays no other. A run that walks the whole ring writes no
 *   ring (a clean run of a perpetual job writes nothing at all);
 * - community cursor: the job's own keyset cursor for a community
 *   (`job_cursors/<job>:<communityId>.state`), saved by the job after each page it finished;
 *   every write the job does is conditional or keyed, so redoing a page after a crash (the
 *   cursor not yet saved) changes nothing twice;
 * - scope: a cursor belongs to a scope (a quarter; `-` for jobs that sweep forever); a cursor of
 *   another scope is ignored. A once-per-scope job marks a community `finished`, and the ring
 *   `finished` after a lap in which every community was finished, after which a run costs one
 *   read;
 * - a community's failure is logged and stays with it (its cursor as last saved), and the run goes
 *   on with the next community; a simulated crash (tests) ends the run as a real one would;
 * - every query here is by `_id` (the primary key): the ring's communities page by `_id` range.
 */
import type { CollectionName, JobCursorDoc } from '../../types/documents';
import { Collections } from './collections';
import type { Ctx } from './context';
import { crashPoint, SimulatedCrash } from './crash-points';
import { encodeCursor, keysOf, sortedBy, whereAfter, type PageOrder } from './paging';

/** A run's or a community's allowance, in units ≈ database requests. */
export class Budget {
  constructor(public left: number) {}
  spend(n = 1): void {
    this.left -= n;
  }
  get spent(): boolean {
    return this.left <= 0;
  }
}

export interface JobLimits {
  /** Units one run may spend. */
  budget: number;
  /** Units one community may spend in one run. */
  perCommunity: number;
}

/** What a job's work for one community gets. */
export interface CommunityRun<S> {
  communityId: string;
  /** The saved cursor (undefined: start from the beginning). */
  state: S | undefined;
  budget: Budget;
  /** Saves the community's cursor (null: the next pass starts from the beginning). */
  save(state: S | null): Promise<void>;
}

/** `done`: nothing left for now (the cursor is cleared); `more`: the budget ran out (the cursor is kept). */
export type CommunityOutcome = 'done' | 'more';

export interface JobRunReport {
  /** Communities whose work this run started. */
  communities: number;
  /** Of them, those left with work (their cursor saved). */
  unfinished: number;
  /** Communities whose pass completed in this run (their work done, their cursor cleared). */
  passed: string[];
  /** Communities whose work failed (logged; visited again on the next lap). */
  failed: string[];
  /** Whether work may remain: a community unfinished or not reached. */
  more: boolean;
}

const COMMUNITY_PAGE = 50;

function cursorId(job: string, communityId: string | null): string {
  return communityId === null ? job : `${job}:${communityId}`;
}

async function readCursors(ctx: Ctx, ids: string[], budget: Budget): Promise<Map<string, JobCursorDoc>> {
  const out = new Map<string, JobCursorDoc>();
  if (ids.length === 0) return out;
  budget.spend();
  const res = await ctx.db
    .collection(Collections.jobCursors)
    .where({ _id: ctx.db.command.in(ids) })
    .limit(ids.length)
    .get();
  for (const doc of (res.data ?? []) as JobCursorDoc[]) out.set(doc._id, doc);
  return out;
}

async function writeCursor(
  ctx: Ctx,
  job: string,
  communityId: string | null,
  fields: Omit<JobCursorDoc, '_id' | 'job' | 'communityId' | 'updatedAt'>,
): Promise<void> {
  const _id = cursorId(job, communityId);
  await ctx.db
    .collection(Collections.jobCursors)
    .doc(_id)
    .set({ job, communityId, ...fields, updatedAt: ctx.now() });
}

/** The next communities of the ring: those after `after` in `_id` order, then from the first (a lap). */
async function ringOrder(ctx: Ctx, after: string | null, budget: Budget): Promise<{ ids: string[]; wrapped: boolean }> {
  const _ = ctx.db.command;
  const page = async (where: object) => {
    budget.spend();
    const res = await ctx.db
      .collection(Collections.communities)
      .where(where)
      .field({ _id: true })
      .orderBy('_id', 'asc')
      .limit(COMMUNITY_PAGE)
      .get();
    return ((res.data ?? []) as Array<{ _id: string }>).map((c) => c._id);
  };
  const tail = after === null ? [] : await page({ _id: _.gt(after) });
  if (tail.length === COMMUNITY_PAGE) return { ids: tail, wrapped: false };
  const head = await page(after === null ? {} : { _id: _.lte(after) });
  return { ids: [...tail, ...head.slice(0, COMMUNITY_PAGE - tail.length)], wrapped: true };
}

/**
 * Runs `work` for the communities of the ring within the limits (see the header). `scope` is
 * the cursors' scope; `once`: a community whose work is done is not visited again in the scope,
 * and when one run walks the whole ring and finds every community done, the scope is finished.
 */
export async function forEachCommunity<S>(
  ctx: Ctx,
  job: string,
  opts: JobLimits & { scope?: string; once?: boolean },
  work: (run: CommunityRun<S>) => Promise<CommunityOutcome>,
): Promise<JobRunReport> {
  const scope = opts.scope ?? '-';
  const budget = new Budget(opts.budget);
  const report: JobRunReport = { communities: 0, unfinished: 0, passed: [], failed: [], more: false };

  const ringDoc = (await readCursors(ctx, [job], budget)).get(job);
  const ring = ringDoc?.scope === scope ? ringDoc : undefined;
  if (opts.once && ring?.finished) return report;
  const startedAfter = ring?.after ?? null;
  let after = startedAfter;

  const { ids, wrapped } = await ringOrder(ctx, after, budget);
  const cursors = await readCursors(
    ctx,
    ids.map((id) => cursorId(job, id)),
    budget,
  );
  let visited = 0;
  let allFinished = true;
  for (const communityId of ids) {
    // The ring's own reads never starve a run: it always starts one community.
    if (budget.spent && report.communities > 0) break;
    visited++;
    const saved = cursors.get(cursorId(job, communityId));
    const current = saved?.scope === scope ? saved : undefined;
    if (opts.once && current?.finished) {
      after = communityId;
      continue;
    }
    // A community resuming a backlog moves the ring past itself before its work, so a run it
    // kills resumes after it; a run cut off saves the ring where it stopped (below).
    if (current?.state !== undefined && current.state !== null) {
      budget.spend();
      await writeCursor(ctx, job, null, { scope, after: communityId, finished: false });
    }
    after = communityId;
    report.communities++;
    const own = new Budget(Math.max(1, Math.min(opts.perCommunity, budget.left)));
    const before = own.left;
    let holdsState = current?.state !== undefined && current.state !== null;
    let outcome: CommunityOutcome;
    try {
      outcome = await work({
        communityId,
        state: current?.state as S | undefined,
        budget: own,
        save: async (state) => {
          own.spend();
          await writeCursor(ctx, job, communityId, { scope, state, finished: false });
          holdsState = state !== null;
          crashPoint(`job.${job}.after-save`);
        },
      });
    } catch (error) {
      // A failure stays with its community (its cursor as last saved; visited again next lap).
      if (error instanceof SimulatedCrash) throw error;
      console.error(`[jobs] ${ctx.requestId} ${job} failed for ${communityId}`, error);
      outcome = 'more';
      report.failed.push(communityId);
    }
    budget.spend(before - own.left);
    if (outcome === 'done') {
      report.passed.push(communityId);
      if (opts.once) {
        budget.spend();
        await writeCursor(ctx, job, communityId, { scope, state: null, finished: true });
      } else if (holdsState) {
        budget.spend();
        await writeCursor(ctx, job, communityId, { scope, state: null, finished: false });
      }
    } else {
      report.unfinished++;
      allFinished = false;
    }
  }
  const wholeRing = wrapped && visited === ids.length && ids.length < COMMUNITY_PAGE;
  if (opts.once && wholeRing && allFinished) {
    budget.spend();
    await writeCursor(ctx, job, null, { scope, after, finished: true });
    return report;
  }
  if (!wholeRing && after !== startedAfter) {
    // Cut off (or more communities than one page): the next run starts after the last one started.
    budget.spend();
    await writeCursor(ctx, job, null, { scope, after, finished: false });
  }
  report.more = report.unfinished > 0 || !wholeRing;
  return report;
}

// ---- sweeps: a community's documents in keyset pages, one sweep after another ----------------

/** A community's place in a job's sweeps: the sweep it is in and the keyset after the last document handled. */
export interface SweepPlace {
  sweep: number;
  after?: string;
}

/** One sweep of a job: which of a community's documents it handles, in what order, and how. */
export interface Sweep<D, K extends string> {
  order: PageOrder;
  where: (ctx: Ctx, communityId: string) => Record<string, unknown>;
  /** Handles one document; true when it counts (false: it moved on meanwhile, nothing written). */
  each: (ctx: Ctx, doc: D) => Promise<boolean>;
  counted: K;
}

/**
 * A community's share of a run over `collection`: the sweeps in turn, each reading pages of
 * `batch` documents by its index in keyset order (one unit a page, `cost` units a document).
 * When the share is spent the place is saved and the outcome is 'more', so the next run resumes
 * after the last document handled; 'done' once every sweep has read a short page.
 */
export async function runSweeps<D extends object, K extends string>(
  ctx: Ctx,
  c: CommunityRun<SweepPlace>,
  collection: CollectionName,
  sweeps: ReadonlyArray<Sweep<D, K>>,
  counts: Record<K, number>,
  { batch, cost }: { batch: number; cost: number },
): Promise<CommunityOutcome> {
  let place: SweepPlace = c.state ?? { sweep: 0 };
  while (place.sweep < sweeps.length) {
    const sweep = sweeps[place.sweep]!;
    if (c.budget.spent) {
      await c.save(place);
      return 'more';
    }
    c.budget.spend();
    const res = await sortedBy(
      ctx.db.collection(collection).where(whereAfter(ctx, sweep.where(ctx, c.communityId), place.after, sweep.order)),
      sweep.order,
    )
      .limit(batch)
      .get();
    const page = (res.data ?? []) as D[];
    for (const doc of page) {
      c.budget.spend(cost);
      if (await sweep.each(ctx, doc)) counts[sweep.counted]++;
      place = { sweep: place.sweep, after: encodeCursor(keysOf(sweep.order)(doc)) };
      if (c.budget.spent && doc !== page[page.length - 1]) {
        await c.save(place);
        return 'more';
      }
    }
    if (page.length < batch) place = { sweep: place.sweep + 1 };
  }
  return 'done';
}
