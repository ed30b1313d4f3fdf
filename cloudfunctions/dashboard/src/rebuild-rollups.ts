/**
 * dashboard.rebuildRollups — an admin of the community (FORBIDDEN `auth.not-admin` otherwise)
 * recounts the community's roll-ups from its documents, one bounded page per call (`after` in,
 * `next` out, null when done; docs/adr/0042-roll-ups.md). Invariants:
 * - bounded: a call reads one page of at most PAGE documents of one source (then of the marks),
 *   or, last, the community's roll-up documents (one per view and period, not per document);
 *   a clean call costs at most 6 database requests whatever the community's size;
 * - phase 1, per source in turn: each document's contributions (the same as the fold job's,
 *   rollup-model.ts) are compared with its mark; a unit whose mark differs is folded (mark and
 *   roll-ups moved by the difference in one transaction, as the job does), so its figures are
 *   reported `{ id, path, stored: as marked, counted }` and repaired;
 * - phase 2, the marks: their contributions are summed, page by page, into the rebuild's state
 *   (`rollup_cursors/rebuild:<communityId>`), which the next call must name by its cursor (another
 *   cursor starts phase 2 over);
 * - phase 3, the community's roll-up documents in pages of `limits.rollupsPage` by `_id` (the
 *   cursor names the last one compared): each is compared with that sum and set to it by a
 *   write conditional on the document as read, and only if no fold has touched it since phase 2
 *   began (a document folded meanwhile belongs to that fold: the next rebuild checks it); a
 *   counted document that does not exist is written by the page whose `_id` range holds it;
 * - every difference is reported (the first 200 of a call; `differences` counts all); audited,
 *   one entry per call that repaired something; a clean rebuild writes only its own state;
 * - the input's cursor is only a position: an unreadable one starts over, it changes nothing.
 */
import type { RebuildRollupsInput, RebuildRollupsReport } from '../../../types/dashboard';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { communityPage } from '../../_shared/reconcile';
import { differences, foldUnits, sumUnits, type RollupDifference } from './rollup-fold';
import { getByIdWith } from '../../_shared/db-helpers';
import {
  addAt,
  derivedOf,
  figuresOf,
  leaves,
  MARKED_DOCUMENTS,
  periodOf,
  SOURCES,
  type Contribution,
  type Figures,
  type Oldest,
  type Unit,
} from './rollup-model';

const REPORTED = 200;
/** Documents (or marks) per call. */
export const REBUILD_PAGE = 100;
/** Roll-up documents per call in phase 3 (one per view and period, each up to a month of days). */
export const ROLLUPS_PAGE = 200;
const MARKS = 'marks:';
const ROLLUPS = 'rollups';
const ROLLUPS_AFTER = `${ROLLUPS}:`;

/** A rebuild's page sizes: an argument of the verb, so tests can force small pages. */
export interface RebuildLimits {
  rollupsPage: number;
}
const REBUILD_LIMITS: RebuildLimits = { rollupsPage: ROLLUPS_PAGE };

interface RebuildState {
  _id: string;
  /** The cursor the next call must bring. */
  cursor: string;
  /** When phase 2 began: a roll-up document folded after it is left to the next rebuild. */
  startedAt: Date;
  /** The marks' contributions so far (a list: roll-up ids are not field names). */
  sums: Array<{ id: string; figures: Figures }>;
}

type Position =
  | { phase: 'source'; index: number; after?: string }
  | { phase: 'marks'; after?: string }
  | { phase: 'rollups'; after?: string };

const sourceCursor = (index: number, after?: string) => `src:${index}:${after ?? ''}`;

/** The position a cursor names; anything unreadable is the start. */
function positionOf(cursor: string | undefined): Position {
  if (cursor === ROLLUPS) return { phase: 'rollups' };
  if (cursor?.startsWith(ROLLUPS_AFTER) && cursor.length > ROLLUPS_AFTER.length) {
    return { phase: 'rollups', after: cursor.slice(ROLLUPS_AFTER.length) };
  }
  if (cursor?.startsWith(MARKS)) return { phase: 'marks', after: cursor.slice(MARKS.length) || undefined };
  const m = cursor === undefined ? null : /^src:(\d+):(.*)$/.exec(cursor);
  if (m && Number(m[1]) < SOURCES.length) return { phase: 'source', index: Number(m[1]), after: m[2] || undefined };
  return { phase: 'source', index: 0 };
}

interface Page {
  checked: number;
  diffs: RollupDifference[];
  next: string | null;
}

/** Phase 1: a page of one source's documents against their marks; stale units are folded. */
async function sourcePage(ctx: Ctx, communityId: string, index: number, after: string | undefined): Promise<Page> {
  const source = SOURCES[index]!;
  const page = await communityPage<{ _id: string; communityId: string }>(
    ctx,
    source.collection,
    communityId,
    after,
    REBUILD_PAGE,
  );
  const units = (await source.units(ctx, page.docs as unknown as Array<Record<string, unknown>>)).filter(
    (u) => u.communityId === communityId,
  );
  const next =
    page.next !== null ? sourceCursor(index, page.next) : index + 1 < SOURCES.length ? sourceCursor(index + 1) : MARKS;
  if (units.length === 0) return { checked: page.docs.length, diffs: [], next };
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(Collections.rollupMarks)
    .where({ _id: _.in(units.map((u) => u.markId)) })
    .limit(units.length)
    .get();
  const marked = new Map(
    (res.data as Array<{ _id: string; parts?: Contribution[] }>).map((m) => [m._id, m.parts ?? []]),
  );
  const asMarked = (u: Unit): Unit => ({ ...u, parts: marked.get(u.markId) ?? [] });
  const stale = units.filter((u) => differences(sumUnits([asMarked(u)]), sumUnits([u])).length > 0);
  if (stale.length === 0) return { checked: page.docs.length, diffs: [], next };
  const diffs = differences(sumUnits(stale.map(asMarked)), sumUnits(stale));
  await foldUnits(ctx, stale);
  return { checked: page.docs.length, diffs, next };
}

/** Phase 2: a page of the community's marks, summed into the rebuild's state. */
async function marksPage(ctx: Ctx, communityId: string, after: string | undefined, cursor: string): Promise<Page> {
  const states = ctx.db.collection(Collections.rollupCursors);
  const stateId = `rebuild:${communityId}`;
  let state: RebuildState | undefined;
  if (after !== undefined) {
    state = ((await states.where({ _id: stateId }).limit(1).get()).data as RebuildState[])[0];
    // Another rebuild's state, or none: phase 2 starts over.
    if (state?.cursor !== cursor) return marksPage(ctx, communityId, undefined, MARKS);
  }
  const sums = new Map((state?.sums ?? []).map((s) => [s.id, s.figures]));
  const page = await communityPage<Mark>(ctx, Collections.rollupMarks, communityId, after, REBUILD_PAGE);
  const { kept, gone } = await withoutRemoved(ctx, communityId, page.docs);
  for (const mark of kept) {
    for (const [id, path, amount] of mark.parts ?? []) {
      const doc = sums.get(id) ?? {};
      addAt(doc, path, amount);
      sums.set(id, doc);
    }
  }
  const next = page.next === null ? ROLLUPS : `${MARKS}${page.next}`;
  const { _id, ...rest }: RebuildState = {
    _id: stateId,
    cursor: next,
    startedAt: state?.startedAt ?? ctx.now(),
    sums: [...sums].map(([id, figures]) => ({ id, figures })),
  };
  await states.doc(_id).set(rest);
  // A removed document's mark still counts: its contribution is taken back as the fold would.
  const units = gone.map((m): Unit => ({ markId: m._id, communityId, parts: [] }));
  const diffs = differences(
    sumUnits(gone.map((m) => ({ ...m, markId: m._id, parts: m.parts ?? [] }))),
    sumUnits(units),
  );
  if (units.length > 0) await foldUnits(ctx, units);
  return { checked: page.docs.length, diffs, next };
}

type Mark = { _id: string; communityId: string; parts?: Contribution[] };

/**
 * The marks whose document is still there (`kept`) and those of documents removed (`gone`, with
 * something still counted): one request, the documents looked up by `_id` per collection. Marks
 * of member-quarters (check-ins, the ledger) have no one document: kept (phase 1 recounts them).
 */
async function withoutRemoved(ctx: Ctx, communityId: string, marks: Mark[]): Promise<{ kept: Mark[]; gone: Mark[] }> {
  const named = new Map<string, Array<{ mark: Mark; docId: string }>>();
  for (const mark of marks) {
    const cut = mark._id.indexOf(':');
    const collection = MARKED_DOCUMENTS[mark._id.slice(0, cut)];
    if (!collection || (mark.parts ?? []).length === 0) continue;
    named.set(collection, [...(named.get(collection) ?? []), { mark, docId: mark._id.slice(cut + 1) }]);
  }
  if (named.size === 0) return { kept: marks, gone: [] };
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const row = await getByIdWith<Record<string, Array<{ _id: string }>>>(
    ctx,
    Collections.communities,
    communityId,
    (one) =>
      [...named].reduce(
        (q, [collection, list], i) =>
          q.lookup({
            from: collection,
            pipeline: $.pipeline()
              .match({ _id: _.in(list.map((m) => m.docId)) })
              .project({ _id: 1 })
              .limit(list.length)
              .done(),
            as: `found${i}`,
          }),
        one.project({ _id: 1 }),
      ),
  );
  const gone = new Set<Mark>();
  [...named].forEach(([, list], i) => {
    const found = new Set((row?.[`found${i}`] ?? []).map((d) => d._id));
    for (const { mark, docId } of list) if (!found.has(docId)) gone.add(mark);
  });
  return { kept: marks.filter((m) => !gone.has(m)), gone: [...gone] };
}

/**
 * Phase 3: a page of the roll-up documents (after `after` by `_id`) against the marks' sum; each
 * difference set by a conditional write. The page holds the `_id` range (after, its last] — to
 * the end on the last page — and a counted document in that range that is not stored is written.
 */
async function rollupsPage(
  ctx: Ctx,
  communityId: string,
  after: string | undefined,
  cursor: string,
  size: number,
): Promise<Page> {
  const states = ctx.db.collection(Collections.rollupCursors);
  const stateId = `rebuild:${communityId}`;
  const state = ((await states.where({ _id: stateId }).limit(1).get()).data as RebuildState[])[0];
  if (state?.cursor !== cursor) return marksPage(ctx, communityId, undefined, MARKS);
  const page = await communityPage<Record<string, unknown> & { _id: string; communityId: string; updatedAt?: Date }>(
    ctx,
    Collections.rollups,
    communityId,
    after,
    size,
  );
  const docs = page.docs;
  const inPage = (id: string) => (after === undefined || id > after) && (page.next === null || id <= page.next);
  const startedAt = new Date(state.startedAt).getTime();
  // A document a fold touched since phase 2 began is the fold's (the sum may predate it).
  const settled = docs.filter((d) => d.updatedAt === undefined || new Date(d.updatedAt).getTime() <= startedAt);
  const moved = new Set(docs.filter((d) => !settled.includes(d)).map((d) => d._id));
  const stored = new Map<string, Figures>();
  for (const d of settled) {
    const f = figuresOf(d);
    if (leaves(f).length > 0) stored.set(d._id, f);
  }
  const counted = new Map(state.sums.filter((s) => !moved.has(s.id) && inPage(s.id)).map((s) => [s.id, s.figures]));
  const diffs: RollupDifference[] = [];
  const rollups = ctx.db.collection(Collections.rollups);
  for (const id of [...new Set([...stored.keys(), ...counted.keys()])].sort()) {
    const found = differences(new Map([[id, stored.get(id) ?? {}]]), new Map([[id, counted.get(id) ?? {}]]));
    const doc = docs.find((d) => d._id === id);
    const figures = counted.get(id) ?? {};
    // Equal figures, but what is derived from them is missing or stale (stored before it was): written too.
    if (found.length === 0 && sameDerived(doc, id, figures)) continue;
    const _ = ctx.db.command;
    if (doc) {
      const whereAsRead = { _id: id, updatedAt: doc.updatedAt === undefined ? _.exists(false) : doc.updatedAt };
      const current = figuresOf(doc);
      // Figures the recount no longer has are removed; the rest set to the recount.
      const update: Record<string, unknown> = { updatedAt: ctx.now() };
      for (const k of new Set([...Object.keys(current), ...Object.keys(figures)])) update[k] = _.set(figures[k] ?? {});
      for (const [k, v] of Object.entries(derivedOf(id, figures))) update[k] = _.set(v);
      const written = await rollups.where(whereAsRead).update(update);
      if (written.updated !== 1) continue;
    } else {
      await rollups
        .doc(id)
        .set({ communityId, period: periodOf(id), ...figures, ...derivedOf(id, figures), updatedAt: ctx.now() });
    }
    diffs.push(...found);
  }
  if (page.next !== null) {
    const next = `${ROLLUPS_AFTER}${page.next}`;
    await states.doc(stateId).update({ cursor: next });
    return { checked: docs.length, diffs, next };
  }
  await states.doc(stateId).remove();
  return { checked: docs.length, diffs, next: null };
}

/** Whether a stored document's derived fields (`derivedOf`) are those of `figures`. */
function sameDerived(doc: Record<string, unknown> | undefined, id: string, figures: Figures): boolean {
  const want = derivedOf(id, figures).oldest;
  const have = doc?.['oldest'] as Oldest | undefined;
  const same = (a?: { id: string; at: number }, b?: { id: string; at: number }) => a?.id === b?.id && a?.at === b?.at;
  return want === undefined || (same(want.wo, have?.wo) && same(want.ro, have?.ro));
}

export async function rebuildRollupsPage(
  ctx: Ctx,
  admin: UserDoc,
  input: RebuildRollupsInput,
  limits: RebuildLimits = REBUILD_LIMITS,
): Promise<RebuildRollupsReport> {
  const at = positionOf(input.after);
  const page =
    at.phase === 'source'
      ? await sourcePage(ctx, input.communityId, at.index, at.after)
      : at.phase === 'marks'
        ? await marksPage(ctx, input.communityId, at.after, input.after!)
        : await rollupsPage(ctx, input.communityId, at.after, input.after ?? ROLLUPS, limits.rollupsPage);
  if (page.diffs.length > 0) {
    await writeAudit(ctx, admin, {
      communityId: input.communityId,
      action: 'dashboard.rebuildRollups',
      targetKind: 'community',
      targetId: input.communityId,
      summary: `重算数据看板汇总，修正 ${page.diffs.length} 项`,
      before: null,
      after: { differences: page.diffs.length },
    });
  }
  return {
    checked: page.checked,
    differences: page.diffs.length,
    repaired: page.diffs.slice(0, REPORTED),
    next: page.next,
  };
}

export async function rebuildRollups({
  ctx,
  input,
  limits,
}: {
  ctx: Ctx;
  input: RebuildRollupsInput;
  limits?: RebuildLimits;
}): Promise<RebuildRollupsReport> {
  const admin = (await loadActor(ctx)).requireAdminOf(input.communityId);
  return rebuildRollupsPage(ctx, admin, input, limits);
}
