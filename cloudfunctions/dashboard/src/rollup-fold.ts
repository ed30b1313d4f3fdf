/**
 * The `rollups` timer job (every 30 s) and the folding both it and the rebuild use.
 * Invariants:
 * - exactly once by difference: each unit's mark (`rollup_marks/<source>:<id>`) holds the
 *   contributions last folded; a fold adds (now − mark) to the roll-ups and sets the mark, in
 *   ONE transaction, so a crash anywhere leaves either both or neither, and folding a document
 *   again changes nothing. The acts themselves write nothing for the roll-ups, so every crash
 *   point of an act leaves the documents as the act left them, and the next fold counts exactly
 *   those (docs/adr/0042-roll-ups.md);
 * - bounded and resumable: per source, a run folds the documents changed in the window
 *   [cursor.at, now − SETTLE) in `_id` order, at most PAGE documents per batch, the sources taking
 *   turns, at most BATCHES batches each and no new batch after RUN_BUDGET_MS; the cursor (`rollup_cursors/<source>`: window and last `_id`) is saved after
 *   each batch, so a cut-off run resumes where it stopped and a window is closed only once read
 *   through; SETTLE (15 s, longer than any act's function timeout of 10 s) lets an act's write
 *   that read the clock before the window's end land before the window is read;
 * - a roll-up document is read and written whole inside the transaction (only folds write it),
 *   so concurrent runs conflict and retry rather than lose an increment.
 */
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { runTransaction, type Transaction } from '../../_shared/database';
import { crashPoint } from '../../_shared/crash-points';
import {
  addAt,
  derivedOf,
  figuresOf,
  leaves,
  periodOf,
  SOURCES,
  type Contribution,
  type Figures,
  type Source,
  type Unit,
} from './rollup-model';

export const SETTLE_MS = 15_000;
export const PAGE = 100;
export const BATCHES = 10;

export interface FoldReport {
  source: string;
  folded: number;
  done: boolean;
}

interface CursorDoc {
  _id: string;
  at: Date;
  to: Date | null;
  after: string | null;
}

async function readDoc<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const res = await tx.collection(collection).doc(id).get();
    const data = (res as { data?: unknown }).data;
    return ((Array.isArray(data) ? data[0] : data) as T | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Folds a batch of units: adds (contributions − marks) to the roll-ups and sets the marks, atomically. */
export async function foldUnits(ctx: Ctx, units: Unit[]): Promise<void> {
  if (units.length === 0) return;
  await runTransaction(ctx.db, async (tx) => {
    const marks = await Promise.all(
      units.map((u) => readDoc<{ parts?: Contribution[] }>(tx, Collections.rollupMarks, u.markId)),
    );
    const deltas = new Map<string, { communityId: string; figures: Array<[string, number]> }>();
    const add = (communityId: string, [id, path, amount]: Contribution, sign: number) => {
      const d = deltas.get(id) ?? { communityId, figures: [] };
      d.figures.push([path, sign * amount]);
      deltas.set(id, d);
    };
    units.forEach((u, i) => {
      for (const p of marks[i]?.parts ?? []) add(u.communityId, p, -1);
      for (const p of u.parts) add(u.communityId, p, +1);
    });
    for (const [id, { communityId, figures }] of deltas) {
      const stored = await readDoc<Record<string, unknown>>(tx, Collections.rollups, id);
      const doc = figuresOf(stored);
      for (const [path, amount] of figures) if (amount !== 0) addAt(doc, path, amount);
      await tx
        .collection(Collections.rollups)
        .doc(id)
        .set({ communityId, period: periodOf(id), ...doc, ...derivedOf(id, doc), updatedAt: ctx.now() });
    }
    crashPoint('rollups.fold.before-marks');
    for (const u of units) {
      await tx.collection(Collections.rollupMarks).doc(u.markId).set({ communityId: u.communityId, parts: u.parts });
    }
  });
}

/** The query of a source's documents changed in [at, to) after `after`. */
function changedIn(ctx: Ctx, source: Source, at: Date, to: Date, after: string | null) {
  const _ = ctx.db.command;
  const window = _.or(source.times.map((f) => ({ [f]: _.gte(at).and(_.lt(to)) })));
  return after === null ? window : _.and([{ _id: _.gt(after) }, window]);
}

/** One source's run: batches of changed documents until the window is read or BATCHES are done. */
export async function foldSource(ctx: Ctx, source: Source, batches = BATCHES): Promise<FoldReport> {
  const cursors = ctx.db.collection(Collections.rollupCursors);
  const stored = ((await cursors.where({ _id: source.name }).get()).data as CursorDoc[])[0];
  const end = new Date(ctx.now().getTime() - SETTLE_MS);
  let cursor: CursorDoc = stored ?? { _id: source.name, at: new Date(0), to: null, after: null };
  let folded = 0;
  for (let b = 0; b < batches; b++) {
    const to = cursor.to ?? end;
    if (to.getTime() <= new Date(cursor.at).getTime()) return { source: source.name, folded, done: true };
    const res = await ctx.db
      .collection(source.collection)
      .where(changedIn(ctx, source, new Date(cursor.at), new Date(to), cursor.after))
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get();
    const docs = res.data as Array<Record<string, unknown> & { _id: string }>;
    await foldUnits(ctx, await source.units(ctx, docs));
    crashPoint('rollups.fold.before-cursor');
    folded += docs.length;
    cursor =
      docs.length < PAGE
        ? { _id: source.name, at: to, to: null, after: null }
        : { _id: source.name, at: cursor.at, to, after: docs[docs.length - 1]!._id };
    const { _id, ...rest } = cursor;
    await cursors.doc(_id).set(rest);
    if (cursor.to === null) return { source: source.name, folded, done: true };
  }
  return { source: source.name, folded, done: false };
}

/** A run starts no batch after this long (the function's timeout is 60 s). */
export const RUN_BUDGET_MS = 30_000;

/**
 * Timer `rollups`: the sources in turn, one batch each per round, until every source is folded
 * up to SETTLE ago, BATCHES rounds are done or RUN_BUDGET_MS has passed (a source cut off
 * resumes next run; taking turns, no source waits for another's backlog).
 */
export async function rollupsJob({ ctx }: { ctx: Ctx }): Promise<FoldReport[]> {
  const started = performance.now();
  const reports = new Map<string, FoldReport>(SOURCES.map((s) => [s.name, { source: s.name, folded: 0, done: false }]));
  for (let round = 0; round < BATCHES && performance.now() - started < RUN_BUDGET_MS; round++) {
    const open = SOURCES.filter((s) => !reports.get(s.name)!.done);
    if (open.length === 0) break;
    for (const source of open) {
      const r = await foldSource(ctx, source, 1);
      const sum = reports.get(source.name)!;
      reports.set(source.name, { source: source.name, folded: sum.folded + r.folded, done: r.done });
    }
  }
  return [...reports.values()];
}

// ---- recount -------------------------------------------------------------------------------------

/** The roll-up documents the units add up to. */
export function sumUnits(units: Unit[]): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const u of units) {
    for (const [id, path, amount] of u.parts) {
      const doc = out.get(id) ?? {};
      addAt(doc, path, amount);
      out.set(id, doc);
    }
  }
  return out;
}

export interface RollupDifference {
  id: string;
  path: string;
  stored: number;
  counted: number;
}

/** Every figure where `stored` and `counted` disagree. */
export function differences(stored: Map<string, Figures>, counted: Map<string, Figures>): RollupDifference[] {
  const out: RollupDifference[] = [];
  for (const id of [...new Set([...stored.keys(), ...counted.keys()])].sort()) {
    const a = new Map(leaves(stored.get(id) ?? {}));
    const b = new Map(leaves(counted.get(id) ?? {}));
    for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const s = a.get(path) ?? 0;
      const c = b.get(path) ?? 0;
      if (s !== c) out.push({ id, path, stored: s, counted: c });
    }
  }
  return out;
}
