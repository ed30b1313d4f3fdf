/**
 * dashboard.overview — every figure of the dashboard screen in one call, read from the
 * roll-ups (docs/adr/0042-roll-ups.md). Invariants: admins of the community (the street view:
 * an admin of any community of the street, read-only), or a street viewer of the community's
 * street (street view, or one community with drill-down — decided on the community document
 * read anyway); at most four requests whatever the view and the amount of data — the caller;
 * the community (with the street's communities or the estate, building or grid joined); one
 * aggregation on the community's document joining the roll-up documents of the range by `_id`
 * (a quarter the range covers whole as its totals, with its months' volunteer hours from their
 * totals; another month it covers whole as its totals; a partial first or last month day by day; the
 * view's scope documents beside the community's; the units' member counts among them) and the
 * work units' names; and
 * the title of the wish waiting longest (only when there is one). What is read grows with the
 * months of the range and the communities summed, never with the number of wishes, sign-ups,
 * topics or ledger entries; writes nothing.
 */
import type { Overview, OverviewInput } from '../../../types/dashboard';
import { quarterOf } from '../../../types/time';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIdWith } from '../../_shared/db-helpers';
import { checkinsOf, unitsPart } from './checkins';
import { pointsOf } from './points';
import { proxyActsOf } from './proxy-acts';
import { registrationsOf } from './registrations';
import {
  keyOf,
  monthDoc,
  nowDoc,
  oldestOf,
  periodOf,
  quarterDoc,
  quarterOfMonth,
  scopeDoc,
  sumMap,
  totalsOf,
  type Figures,
  type Oldest,
} from './rollup-model';
import { topicsOf } from './topics';
import { volunteerOf } from './volunteer';
import { resolveWhere, type Where } from './where';
import { wishesOf } from './wishes';

/** The roll-up of one scope (`c`, `e.<id>`, …) of one document. */
function scopeOf(doc: Record<string, unknown> | undefined, scope: string): Figures {
  let node: unknown = doc;
  for (const k of scope.split('.')) node = (node as Record<string, unknown> | undefined)?.[k];
  return (node && typeof node === 'object' ? node : {}) as Figures;
}

/**
 * The scope paths of the view, summed (`c` for a community or the street): a grid's are its own
 * (代办 acts only) and its buildings' as they are now.
 */
export function scopePaths(where: Where): string[] {
  if (where.buildingId) return [`b.${keyOf(where.buildingId)}`];
  if (where.gridId) return [`g.${keyOf(where.gridId)}`, ...where.gridBuildings.map((b) => `b.${keyOf(b)}`)];
  if (where.estateId) return [`e.${keyOf(where.estateId)}`];
  return ['c'];
}

/** The months (`YYYY-MM`) from `from` to `to`, both days `YYYY-MM-DD`. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** The three months (`YYYY-MM`) of a quarter `YYYYQn`. */
export function monthsOfQuarter(quarter: string): string[] {
  const first = (Number(quarter.slice(5)) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
}

/** The last day (`YYYY-MM-DD`) of a month `YYYY-MM`. */
export function lastDay(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** A month document's days within the range: `[month, day figures]` per day. */
export function daysIn(doc: Figures, month: string, from: string, to: string): Figures[] {
  const out: Figures[] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (!/^d\d\d$/.test(k) || typeof v !== 'object') continue;
    const day = `${month}-${k.slice(1)}`;
    if (day >= from && day <= to) out.push(v);
  }
  return out;
}

export async function overview({ ctx, input }: { ctx: Ctx; input: OverviewInput }): Promise<Overview> {
  const actor = await loadActor(ctx);
  const where = await resolveWhere(ctx, actor, input);
  const scopes = scopePaths(where);
  const communityWide = scopes[0] === 'c';
  const months = monthsOf(where.from, where.to);
  const quarter = quarterOf(ctx.now());
  const pointsQuarter = quarterOf(new Date(where.end.getTime() - 1));
  // Quarters the range covers whole are read as their totals, other months it covers whole as
  // theirs (`t`); the first and last month, when the range starts or ends inside them, day by
  // day. Volunteer hours by month, inside a whole quarter: its months' totals' `v` alone.
  const whole = (m: string) => where.from <= `${m}-01` && where.to >= lastDay(m);
  const inWholeQuarter = (m: string) => monthsOfQuarter(quarterOfMonth(m)).every(whole);
  const quarters = [...new Set(months.filter(inWholeQuarter).map(quarterOfMonth))];
  const monthId = (c: string, m: string) => monthDoc(c, new Date(`${m}-15T00:00:00+08:00`));
  const quarterPeriod = (q: string) => `${q}-total`;
  // The view's scopes have documents of their own (`estate:<c>:<id>:<period>`, …; rollup-model.ts).
  const scoped = (c: string, ids: string[]) =>
    communityWide ? ids : [...ids, ...scopes.flatMap((s) => ids.map((id) => scopeDoc(c, s, periodOf(id))))];
  const totalsIds = where.communityIds.flatMap((c) =>
    scoped(c, [
      ...months.filter((m) => whole(m) && !inWholeQuarter(m)).map((m) => totalsOf(monthId(c, m))),
      ...quarters.map((q) => scopeDoc(c, 'c', quarterPeriod(q))),
    ]),
  );
  const hoursIds = where.communityIds.flatMap((c) => months.filter(inWholeQuarter).map((m) => totalsOf(monthId(c, m))));
  const fullIds = where.communityIds.flatMap((c) => [
    ...scoped(
      c,
      months.filter((m) => !whole(m)).map((m) => monthId(c, m)),
    ),
    quarterDoc(c, quarter),
    quarterDoc(c, pointsQuarter),
  ]);
  const nowIds = where.communityIds.flatMap((c) => scoped(c, [nowDoc(c)]));
  const fields: Record<string, 1> = { c: 1 };
  const totals: Record<string, 1> = { 'c.t': 1 };
  // The present without its lists (one entry per open wish or pending registration): their
  // oldest entries, stored beside the figures (`oldest`), and the community's unit members.
  const present: Record<string, 1> = { oldest: 1, 'c.mu': 1 };
  for (const s of scopes) {
    fields[s] = 1;
    totals[`${s}.t`] = 1;
    present[`${s}.rp`] = 1;
    present[`${s}.t`] = 1;
  }
  // One request: the roll-ups of the range and the work units, each an
  // uncorrelated `$lookup` sub-pipeline on the community's document.
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const unitsOf = unitsPart(ctx, where);
  type Doc = Record<string, unknown> & { _id: string };
  const rollupsOf = (ids: string[], project: Record<string, 1>) =>
    $.pipeline()
      .match({ _id: _.in(ids.length ? ids : ['-']) })
      .project(project)
      .limit(1000)
      .done();
  const row = await getByIdWith<{ totals?: Doc[]; hours?: Doc[]; full?: Doc[]; now?: Doc[]; units?: unknown[] }>(
    ctx,
    Collections.communities,
    input.communityId,
    (one) =>
      one
        .project({ _id: 1 })
        .lookup({ from: Collections.rollups, pipeline: rollupsOf(totalsIds, totals), as: 'totals' })
        .lookup({ from: Collections.rollups, pipeline: rollupsOf(hoursIds, { 'c.t.v': 1 }), as: 'hours' })
        .lookup({ from: Collections.rollups, pipeline: rollupsOf(fullIds, fields), as: 'full' })
        .lookup({ from: Collections.rollups, pipeline: rollupsOf(nowIds, present), as: 'now' })
        .lookup({ from: unitsOf.from, pipeline: unitsOf.build($.pipeline()).done(), as: 'units' }),
  );
  const byId = new Map([...(row?.totals ?? []), ...(row?.full ?? []), ...(row?.now ?? [])].map((d) => [d._id, d]));
  const hours = new Map((row?.hours ?? []).map((d) => [d._id, d]));
  const units = row?.units ?? [];
  const members = sumMap(
    where.communityIds.map((c) => scopeOf(byId.get(nowDoc(c)), 'c')),
    'mu',
  );
  const dayFigures: Array<{ month: string; scoped: Figures; wide: Figures }> = [];
  const nowScoped: Figures[] = [];
  const checkedIn = new Map<string, number>();
  const pointFigures: Figures[] = [];
  for (const c of where.communityIds) {
    for (const m of months) {
      if (inWholeQuarter(m)) {
        const v = scopeOf(hours.get(totalsOf(monthId(c, m))), 'c.t.v');
        if (Object.keys(v).length > 0) dayFigures.push({ month: m, scoped: {}, wide: { v } });
        continue;
      }
      const pick = (doc: Record<string, unknown> | undefined, at: string): Figures[] =>
        !doc ? [] : whole(m) ? [scopeOf(doc, `${at}.t`)] : daysIn(scopeOf(doc, at), m, where.from, where.to);
      const period = whole(m) ? periodOf(totalsOf(m)) : m;
      const wide = pick(byId.get(scopeDoc(c, 'c', period)), 'c');
      const narrowed = communityWide ? wide : scopes.flatMap((s) => pick(byId.get(scopeDoc(c, s, period)), s));
      for (const f of wide) dayFigures.push({ month: m, scoped: {}, wide: f });
      for (const f of narrowed) dayFigures.push({ month: m, scoped: f, wide: {} });
    }
    for (const q of quarters) {
      const pick = (s: string) => scopeOf(byId.get(scopeDoc(c, s, quarterPeriod(q))), `${s}.t`);
      for (const f of scopes.map(pick)) dayFigures.push({ month: q, scoped: f, wide: {} });
    }
    for (const s of scopes) {
      const present = byId.get(scopeDoc(c, s, 'now'));
      nowScoped.push(withOldest(scopeOf(present, s), present?.['oldest'] as Oldest | undefined));
    }
    const ca = scopeOf(byId.get(quarterDoc(c, quarter)), 'c.ca');
    for (const [u, n] of Object.entries(ca)) if (typeof n === 'number') checkedIn.set(u, (checkedIn.get(u) ?? 0) + n);
    pointFigures.push(scopeOf(byId.get(quarterDoc(c, pointsQuarter)), 'c.p'));
  }
  const scopedDays = dayFigures.map((d) => d.scoped);
  const oldestWish = oldestOf(nowScoped.map((f) => (f['wo'] ?? {}) as Figures));
  const title = oldestWish ? await wishTitle(ctx, oldestWish.id) : '';
  return {
    communityIds: where.communityIds,
    scopeLabel: where.label,
    from: input.from,
    to: input.to,
    scoped: ['registrations', 'wishes', 'topics'],
    registrations: registrationsOf(scopedDays, nowScoped),
    checkins: checkinsOf(ctx, units, members, checkedIn),
    wishes: wishesOf(ctx, scopedDays, oldestWish && { ...oldestWish, title }),
    volunteer: volunteerOf(dayFigures.filter((d) => Object.keys(d.wide).length > 0)),
    topics: topicsOf(scopedDays, nowScoped),
    points: pointsOf(pointsQuarter, pointFigures),
    proxyActs: proxyActsOf(scopedDays, communityWide || where.gridId !== null),
  };
}

/** A present's figures with its lists as their oldest entries (what the figures read of them). */
function withOldest(figures: Figures, oldest: Oldest | undefined): Figures {
  const list = (entry: { id: string; at: number } | undefined): Figures => (entry ? { [entry.id]: entry.at } : {});
  return { ...figures, wo: list(oldest?.wo), ro: list(oldest?.ro) };
}

async function wishTitle(ctx: Ctx, id: string): Promise<string> {
  const res = await ctx.db.collection(Collections.wishes).where({ _id: id }).field({ title: 1 }).limit(1).get();
  return ((res.data as Array<{ title?: string }>)[0]?.title as string | undefined) ?? '';
}
