/**
 * The roll-ups of the dashboard (docs/adr/0042-roll-ups.md): what each stored document
 * contributes to the roll-up documents, as a list of `[rollupId, path, amount]`.
 * Invariants:
 * - a contribution is a pure function of the document (and of the places and activities it
 *   names), so folding a document twice, or recounting it, gives the same figures;
 * - roll-up documents (collection `rollups`), per community and period:
 *   `community:<c>:<YYYY-MM>` (figures dated by day: `c.d<DD>.<figure>`; the month's total of
 *   each, `c.t.<figure>`, in `community:<c>:<YYYY-MM>-total`, read for a month the range covers
 *   whole; the quarter's, in `community:<c>:<YYYY>Q<n>-total`, for a quarter it covers whole),
 *   `community:<c>:now`
 *   (figures of the present: pending registrations, open wishes, topics per step) and
 *   `community:<c>:<YYYY>Q<n>` (members who checked in per work unit, points distribution);
 *   the same per estate and building in `estate|building:<c>:<id>:<period>` (paths `e.<id>.…`,
 *   `b.<id>.…`), so that a view reads only its scope's documents; a grid's figures are its
 *   buildings' (summed when read, so a building moved to another grid moves at once), except
 *   代办 acts, which name a grid and no building (`grid:<c>:<id>:<period>`, paths `g.<id>.…`;
 *   null: `none`, the pseudo-grid 未划分网格 NO_GRID);
 * - the present documents store, beside their figures, the oldest entry of each list (`oldest`:
 *   open wishes `wo`, pending registrations `ro`), derived whenever written (`derivedOf`);
 * - member roles count per work unit in the present (`c.mu.<unit>`); a role removed is seen
 *   through the note written before the removal (`rollup_removals`) or the registration's
 *   withdrawal;
 * - 代办 acts (audit entries `proxy.<act>`, docs/adr/0040-proxy-acts.md) count per day and act
 *   (`px.<act>`) for the community and the entry's grid only (the entry names no estate or
 *   building); a refusal of an act counts −1 of it on the act's day and grid; audit entries are
 *   append-only, so an entry that is no act (nor a refusal of one) contributes nothing and leaves
 *   no mark;
 * - every figure is an integer (hours in hundredths, durations in minutes or ms), so sums and
 *   their differences are exact; a zero entry is dropped when stored.
 */
import { cstDay, quarterOf } from '../../../types/time';
import { Collections, type CollectionName } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getByIdWith } from '../../_shared/db-helpers';
import { roleId } from '../../_shared/documents';
import { PROXY_REFUSE_ACTION, type ProxyAct } from '../../../types/labels/proxy';
import type {
  AuditDoc,
  CheckinDoc,
  HouseholdDoc,
  RegistrationDoc,
  RoleDoc,
  RollupRemovalDoc,
  SignupDoc,
  TopicDoc,
  WishDoc,
} from '../../../types/documents';

/** One figure moved by one document: `amount` added at `path` of roll-up document `id`. */
export type Contribution = [id: string, path: string, amount: number];

/** A unit of folding: one document (or one member-quarter of the ledger) and what it contributes. */
export interface Unit {
  /** `<source>:<documentId>` — the mark remembering what was last folded. */
  markId: string;
  communityId: string;
  parts: Contribution[];
}

/** Pseudo-grid of buildings without `gridId` (未划分网格). */
export const NO_GRID = 'none';

export const monthDoc = (communityId: string, at: Date) => `community:${communityId}:${cstDay(at).slice(0, 7)}`;
export const nowDoc = (communityId: string) => `community:${communityId}:now`;
export const quarterDoc = (communityId: string, quarter: string) => `community:${communityId}:${quarter}`;
/** `d05` for the 5th: the day's key inside a month document. */
export const dayKey = (at: Date) => `d${cstDay(at).slice(8, 10)}`;
/** A map key made of an id: ids never contain dots here, but a dot would split the path. */
export const keyOf = (id: string) => id.replace(/\./g, '_');

/**
 * Duration buckets of the medians' histograms (docs/adr/0042-roll-ups.md, "Medians"): two half
 * hours below an hour, then buckets growing by DURATION_GROWTH (1.2) from an hour on. A
 * histogram has about 40 keys up to 60 days whatever the number of wishes, so a month's totals
 * stay small when wishes multiply; a bucket's value (`durationValue`) is its middle, so a median
 * is within 15 minutes below an hour and within 10 % (√1.2 − 1) above.
 */
export const DURATION_GROWTH = 1.2;
const HOUR_MINUTES = 60;
const stepsOf = (minutes: number) => Math.log(minutes / HOUR_MINUTES) / Math.log(DURATION_GROWTH);

/** A duration's histogram key: its bucket's lower bound in whole minutes. */
export function durationKey(ms: number): number {
  const minutes = Math.max(0, ms / 60_000);
  if (minutes < HOUR_MINUTES) return minutes < 30 ? 0 : 30;
  return Math.round(HOUR_MINUTES * DURATION_GROWTH ** Math.floor(stepsOf(minutes)));
}

/** The minutes a histogram key stands for: its bucket's middle (geometric from an hour on). */
export function durationValue(key: number): number {
  if (key < HOUR_MINUTES) return key + 15;
  return HOUR_MINUTES * DURATION_GROWTH ** (Math.round(stepsOf(key)) + 0.5);
}

/** Points buckets' lower bounds (the first bucket is every negative total). */
export const POINT_BOUNDS = [0, 10, 20, 50, 100];
export function pointBucket(total: number): number {
  let i = 0;
  while (i < POINT_BOUNDS.length && total >= POINT_BOUNDS[i]!) i++;
  return i;
}

type Scope = string;
/**
 * The scopes a document's figures count in: the community's, its estate's and its building's.
 * A grid's figures are its buildings' (summed when read: overview.ts), so a building moved to
 * another grid moves its figures at once; only 代办 acts, which name a grid and no building,
 * count per grid (`g.<id>`).
 */
function scopesOf(estateId: string | null | undefined, buildingId: string | null | undefined): Scope[] {
  const out = ['c'];
  if (estateId) out.push(`e.${keyOf(estateId)}`);
  if (buildingId) out.push(`b.${keyOf(buildingId)}`);
  return out;
}

async function byIds<T>(ctx: Ctx, collection: string, ids: string[], field: Record<string, 1>): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const res = await ctx.db
    .collection(collection)
    .where({ _id: ctx.db.command.in(unique) })
    .field(field)
    .limit(1000)
    .get();
  return res.data as T[];
}

// ---- sources -----------------------------------------------------------------------------------

/** A collection folded into the roll-ups. */
export interface Source {
  name: string;
  collection: string;
  /** Time fields: a document changed in a window when one of them falls in it. */
  times: string[];
  /** The units of a batch of its documents (reads the places, activities… they name). */
  units(ctx: Ctx, docs: Array<Record<string, unknown>>): Promise<Unit[]>;
}

const first = (timeline: WishDoc['timeline'], to: string) => timeline.find((t) => t.to === to)?.at;

const wishes: Source = {
  name: 'wishes',
  collection: Collections.wishes,
  times: ['updatedAt', 'createdAt'],
  async units(_ctx, raw) {
    const docs = raw as unknown as WishDoc[];
    return docs.map((w) => {
      const month = monthDoc(w.communityId, w.createdAt);
      const day = dayKey(w.createdAt);
      const now = nowDoc(w.communityId);
      const pub = first(w.timeline, 'published');
      const claim = first(w.timeline, 'claimed');
      const confirm = first(w.timeline, 'confirmed');
      const last = w.timeline[w.timeline.length - 1];
      const parts: Contribution[] = [];
      for (const s of scopesOf(w.estateId, w.buildingId)) {
        parts.push([month, `${s}.${day}.w.${w.state}`, 1]);
        if (pub && claim) parts.push([month, `${s}.${day}.wc.m${durationKey(+claim - +pub)}`, 1]);
        if (pub && confirm) parts.push([month, `${s}.${day}.wf.m${durationKey(+confirm - +pub)}`, 1]);
        if (w.state === 'published' && last) parts.push([now, `${s}.wo.${keyOf(w._id)}`, new Date(last.at).getTime()]);
      }
      return { markId: `wishes:${w._id}`, communityId: w.communityId, parts };
    });
  },
};

const registrations: Source = {
  name: 'registrations',
  collection: Collections.registrations,
  times: ['createdAt', 'decidedAt', 'withdrawnAt'],
  async units(ctx, raw) {
    const docs = raw as unknown as RegistrationDoc[];
    const households = new Map(
      (
        await byIds<Pick<HouseholdDoc, '_id' | 'estateId' | 'buildingId'>>(
          ctx,
          Collections.households,
          docs.map((r) => r.householdId),
          { _id: 1, estateId: 1, buildingId: 1 },
        )
      ).map((h) => [h._id, h]),
    );
    const own = docs.map((r): Unit => {
      const hh = households.get(r.householdId);
      const month = monthDoc(r.communityId, r.createdAt);
      const day = dayKey(r.createdAt);
      const parts: Contribution[] = [];
      for (const s of scopesOf(hh?.estateId, hh?.buildingId)) {
        parts.push([month, `${s}.${day}.r.${r.status}`, 1]);
        if (r.status === 'pending') {
          parts.push([nowDoc(r.communityId), `${s}.rp`, 1]);
          parts.push([nowDoc(r.communityId), `${s}.ro.${keyOf(r._id)}`, new Date(r.createdAt).getTime()]);
        }
      }
      return { markId: `registrations:${r._id}`, communityId: r.communityId, parts };
    });
    // An approval grants the member role and a withdrawal removes it (after the registration's
    // own write): the member's role and check-ins fold with the registration.
    const decided = docs.filter((r) => r.status === 'approved' || r.status === 'withdrawn');
    return [
      ...own,
      ...(await memberUnits(
        ctx,
        decided.map((r) => ({ c: r.communityId, u: r.userId })),
      )),
    ];
  },
};

const signups: Source = {
  name: 'signups',
  collection: Collections.signups,
  times: ['updatedAt', 'createdAt'],
  async units(ctx, raw) {
    const docs = raw as unknown as SignupDoc[];
    const categories = new Map(
      (
        await byIds<{ _id: string; category: string }>(
          ctx,
          Collections.activities,
          docs.filter((s) => s.state === 'completed').map((s) => s.activityId),
          { _id: 1, category: 1 },
        )
      ).map((a) => [a._id, a.category]),
    );
    return docs.map((s) => {
      const category = categories.get(s.activityId);
      const parts: Contribution[] =
        s.state === 'completed' && category
          ? [[monthDoc(s.communityId, s.endAt), `c.${dayKey(s.endAt)}.v.${category}`, Math.round(s.hours * 100)]]
          : [];
      return { markId: `signups:${s._id}`, communityId: s.communityId, parts };
    });
  },
};

const topics: Source = {
  name: 'topics',
  collection: Collections.topics,
  times: ['updatedAt', 'openedAt'],
  async units(_ctx, raw) {
    const docs = raw as unknown as TopicDoc[];
    return docs.map((t) => {
      const parts: Contribution[] = [];
      const history = t.history ?? [];
      for (const s of scopesOf(t.estateId, t.buildingId)) {
        parts.push([nowDoc(t.communityId), `${s}.t.${t.step}`, 1]);
        for (let i = 1; i < history.length; i++) {
          const step = history[i - 1]!.to;
          const left = new Date(history[i]!.at);
          const month = monthDoc(t.communityId, left);
          parts.push([month, `${s}.${dayKey(left)}.tl.${step}`, 1]);
          parts.push([
            month,
            `${s}.${dayKey(left)}.tm.${step}`,
            left.getTime() - new Date(history[i - 1]!.at).getTime(),
          ]);
        }
      }
      return { markId: `topics:${t._id}`, communityId: t.communityId, parts };
    });
  },
};

/** A member of a community: their member role's natural key is `member:<u>:<c>`. */
export interface Member {
  c: string;
  u: string;
}

type MemberRole = { userId: string; communityId: string; workUnitId?: string | null };

/** `<c>:<u>` → the work unit the member role names (null: none); members without a role are absent. */
const unitMap = (roles: MemberRole[]) =>
  new Map(roles.map((r) => [`${r.communityId}:${r.userId}`, r.workUnitId ?? null]));

/** Each member's work unit as their member role names it now (absent: no role; null: no unit). */
async function unitsOf(ctx: Ctx, members: Member[]): Promise<Map<string, string | null>> {
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(Collections.roles)
    .where({
      userId: _.in([...new Set(members.map((m) => m.u))]),
      communityId: _.in([...new Set(members.map((m) => m.c))]),
      kind: 'member',
    })
    .field({ userId: 1, communityId: 1, workUnitId: 1 })
    .limit(1000)
    .get();
  return unitMap(res.data as MemberRole[]);
}

/** A member-quarter of check-ins: one member of their work unit checked in (`c.ca.<unit>`). */
function checkinUnit(c: string, u: string, q: string, unit: string | null | undefined): Unit {
  return {
    markId: `checkins:${c}:${u}:${q}`,
    communityId: c,
    parts: unit ? [[quarterDoc(c, q), `c.ca.${keyOf(unit)}`, 1]] : [],
  };
}

/**
 * The units that follow members' roles, from the documents as they are now (a role granted,
 * given another unit, or removed folds to the recount): each member's role
 * (`roles:member:<u>:<c>`, one member of its work unit in the community's present,
 * `c.mu.<unit>`; nothing when the role is gone or names no unit) and every member-quarter of
 * their check-ins (the unit as the role names it now). One request, whatever the batch.
 */
export async function memberUnits(ctx: Ctx, members: Member[]): Promise<Unit[]> {
  const list = [...new Map(members.map((m) => [`${m.c}:${m.u}`, m])).values()];
  if (list.length === 0) return [];
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const match = {
    userId: _.in([...new Set(list.map((m) => m.u))]),
    communityId: _.in([...new Set(list.map((m) => m.c))]),
  };
  // One request: the member roles and the members' check-in quarters, as uncorrelated
  // sub-pipelines on a community's document (any: they name their communities themselves).
  const row = await getByIdWith<{
    roles?: MemberRole[];
    quarters?: Array<{ _id: { c: string; u: string; q: string } }>;
  }>(ctx, Collections.communities, list[0]!.c, (one) =>
    one
      .project({ _id: 1 })
      .lookup({
        from: Collections.roles,
        pipeline: $.pipeline()
          .match({ ...match, kind: 'member' })
          .project({ userId: 1, communityId: 1, workUnitId: 1 })
          .limit(1000)
          .done(),
        as: 'roles',
      })
      .lookup({
        from: Collections.checkins,
        pipeline: $.pipeline()
          .match(match)
          .group({ _id: { c: '$communityId', u: '$userId', q: '$quarter' } })
          .limit(100_000)
          .done(),
        as: 'quarters',
      }),
  );
  const units = unitMap(row?.roles ?? []);
  const out: Unit[] = list.map(({ c, u }) => {
    const unit = units.get(`${c}:${u}`);
    return {
      markId: `roles:${roleId('member', u, c)}`,
      communityId: c,
      parts: unit ? [[nowDoc(c), `c.mu.${keyOf(unit)}`, 1]] : [],
    };
  });
  // The match is by user and by community: keep the members asked for.
  const wanted = new Set(list.map((m) => `${m.c}:${m.u}`));
  for (const { _id: k } of row?.quarters ?? []) {
    const key = `${k.c}:${k.u}`;
    if (wanted.has(key)) out.push(checkinUnit(k.c, k.u, k.q, units.get(key)));
  }
  return out;
}

/**
 * Check-ins fold per member and quarter: one member of their work unit checked in this quarter
 * (`c.ca.<workUnitId>`), the unit as their member role names it when folded (a role's change
 * refolds the member's quarters: `memberUnits`). Check-ins are never removed, so a batch's
 * check-ins prove the member-quarters they name.
 */
const checkins: Source = {
  name: 'checkins',
  collection: Collections.checkins,
  times: ['checkedInAt'],
  async units(ctx, raw) {
    const docs = raw as unknown as CheckinDoc[];
    if (docs.length === 0) return [];
    const units = await unitsOf(
      ctx,
      docs.map((c) => ({ c: c.communityId, u: c.userId })),
    );
    const out = new Map<string, Unit>();
    for (const c of docs) {
      const unit = checkinUnit(c.communityId, c.userId, c.quarter, units.get(`${c.communityId}:${c.userId}`));
      out.set(unit.markId, unit);
    }
    return [...out.values()];
  },
};

/**
 * Member roles: the members of each work unit (`c.mu.<unit>` in the community's present), and
 * their check-ins' member-quarters with them. A role written (granted, given a unit) is seen by
 * `grantedAt`; a role removed by the removal's note (`rollup_removals`, the `removals` source),
 * or — a registration's withdrawal — by the registration's own change (`registrations`).
 */
const roles: Source = {
  name: 'roles',
  collection: Collections.roles,
  times: ['grantedAt'],
  async units(ctx, raw) {
    const docs = (raw as unknown as RoleDoc[]).filter((r) => r.kind === 'member');
    return memberUnits(
      ctx,
      docs.map((r) => ({ c: r.communityId, u: r.userId })),
    );
  },
};

/**
 * The ledger folds per member and quarter: the member's bucket of the quarter's total. A batch
 * of entries names the member-quarters it touched, recounted in one aggregation.
 */
const ledger: Source = {
  name: 'point_ledger',
  collection: Collections.pointLedger,
  times: ['createdAt'],
  async units(ctx, raw) {
    const docs = raw as Array<{ communityId: string; userId: string; quarter?: string; createdAt: Date }>;
    if (docs.length === 0) return [];
    const keys = new Map<string, { c: string; u: string; q: string }>();
    for (const d of docs) {
      const q = d.quarter ?? quarterOf(d.createdAt);
      keys.set(`${d.communityId}:${d.userId}:${q}`, { c: d.communityId, u: d.userId, q });
    }
    const _ = ctx.db.command;
    const $ = _.aggregate;
    const list = [...keys.values()];
    const res = await ctx.db
      .collection(Collections.pointLedger)
      .aggregate()
      .match({
        communityId: _.in([...new Set(list.map((k) => k.c))]),
        userId: _.in([...new Set(list.map((k) => k.u))]),
      })
      .group({ _id: { c: '$communityId', u: '$userId', q: '$quarter' }, total: $.sum('$amount'), n: $.sum(1) })
      .limit(100_000)
      .end();
    const totals = new Map(
      ((res.data ?? []) as Array<{ _id: { c: string; u: string; q: string }; total: number; n: number }>).map((r) => [
        `${r._id.c}:${r._id.u}:${r._id.q}`,
        r,
      ]),
    );
    return list.map((k) => {
      const row = totals.get(`${k.c}:${k.u}:${k.q}`);
      const parts: Contribution[] =
        row && row.n > 0 ? [[quarterDoc(k.c, k.q), `c.p.b${pointBucket(row.total)}`, 1]] : [];
      return { markId: `point_ledger:${k.c}:${k.u}:${k.q}`, communityId: k.c, parts };
    });
  },
};

/** The audit action of each 代办 act (the verbs' `proxyAuditDoc` entries). */
export const PROXY_ACTIONS: Record<string, ProxyAct> = {
  'proxy.postWish': 'post_wish',
  'proxy.confirmWish': 'confirm_wish',
  'proxy.signUp': 'sign_up',
  'proxy.postOpinion': 'post_opinion',
  'proxy.castBallot': 'cast_ballot',
};

/**
 * 代办 acts from the audit log: one per act entry, `px.<act>` on the day of the act, for the
 * community and the grid the entry names (null: 未划分网格). Consent entries are no acts. A
 * refusal of one act (`proxy.refuseAct`, docs/adr/0044-refusing-a-proxy-act.md) names the act's
 * entry (`before.act`) and folds as −1 of that act on the ACT's day and grid (read from the act's
 * entry, one request for the batch's refusals), so a refusal on a later day lowers the act's day.
 */
const proxyActs: Source = {
  name: 'audit_log',
  collection: Collections.auditLog,
  times: ['at'],
  async units(ctx, raw) {
    const docs = raw as unknown as AuditDoc[];
    const refusals = docs.filter((a) => a.action === PROXY_REFUSE_ACTION);
    const acts = new Map(
      (
        await byIds<AuditDoc>(ctx, Collections.auditLog, refusals.map(refusedActId).filter(Boolean) as string[], {
          _id: 1,
          communityId: 1,
          action: 1,
          at: 1,
          gridId: 1,
        })
      ).map((a) => [a._id, a]),
    );
    return docs.flatMap((a): Unit[] => {
      const refused = a.action === PROXY_REFUSE_ACTION ? acts.get(refusedActId(a) ?? '') : undefined;
      const counted = refused ?? a;
      const act = PROXY_ACTIONS[counted.action];
      if (!act || counted.communityId !== a.communityId) return [];
      const month = monthDoc(a.communityId, counted.at);
      const day = dayKey(counted.at);
      const parts: Contribution[] = ['c', `g.${keyOf(counted.gridId ?? NO_GRID)}`].map((s) => [
        month,
        `${s}.${day}.px.${act}`,
        refused ? -1 : 1,
      ]);
      return [{ markId: `audit_log:${a._id}`, communityId: a.communityId, parts }];
    });
  },
};

/** The act entry a refusal's entry names (`before.act`), if it names one. */
function refusedActId(refusal: AuditDoc): string | undefined {
  const act = (refusal.before as { act?: unknown } | null)?.act;
  return typeof act === 'string' ? act : undefined;
}

/**
 * Removals: a verb that removes a document the roll-ups count writes a note first
 * (`rollup_removals/<collection>:<docId>`, `_shared/rollup-removals.ts`), which the fold reads by
 * its time and folds as the document is now — gone (nothing), or still there when the removal
 * died before it (as it is). Member roles are the documents removed this way (account.revokeRole).
 */
const removals: Source = {
  name: 'removals',
  collection: Collections.rollupRemovals,
  times: ['at'],
  units: (ctx, raw) => memberUnits(ctx, (raw as unknown as RollupRemovalDoc[]).flatMap(removedMember)),
};

/** The member whose role a removal note names (`member:<u>:<c>`), if it names one. */
function removedMember(note: RollupRemovalDoc): Member[] {
  const m = /^member:(.+):([^:]+)$/.exec(note.docId);
  return note.collection === Collections.roles && m && m[2] === note.communityId ? [{ c: m[2], u: m[1]! }] : [];
}

/**
 * A day's figure `<scope>.dDD.<f>` of a month document is also added to the month's total and
 * to the quarter's total, `<scope>.t.<f>` of each.
 */
const DAY_PATH = /^(c|[ebg]\.[^.]+)\.d\d\d\.(.+)$/;
const SCOPE_PATH = /^([ebg])\.([^.]+)\./;
const SCOPE_KIND = { e: 'estate', b: 'building', g: 'grid' } as const;

/**
 * The document of a scope's figures: the community's own (`community:<c>:<period>`, scope `c`),
 * or `estate|building|grid:<c>:<id>:<period>` — so that a view reads only its scope's documents.
 */
export function scopeDoc(communityId: string, scope: string, period: string): string {
  const m = /^([ebg])\.(.+)$/.exec(scope);
  if (!m) return `community:${communityId}:${period}`;
  return `${SCOPE_KIND[m[1] as 'e' | 'b' | 'g']}:${communityId}:${m[2]}:${period}`;
}

/**
 * The month's totals live in a document of their own (`<month document>-total`, period
 * `YYYY-MM-total`): a read of whole months reads only them, never the month's days.
 */
export const totalsOf = (monthId: string) => `${monthId}-total`;

/** `YYYY-MM` → the quarter `YYYYQn` it is in. */
export const quarterOfMonth = (month: string) => `${month.slice(0, 4)}Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * A quarter's totals (`<scope document>:<YYYY>Q<n>-total`, beside the month's): a range that
 * covers a quarter whole reads one document for its three months (volunteer hours by month
 * excepted, which the overview reads from the month totals' `v` alone).
 */
export function quarterTotalsOf(monthId: string): string {
  const cut = monthId.lastIndexOf(':') + 1;
  return `${monthId.slice(0, cut)}${quarterOfMonth(monthId.slice(cut))}-total`;
}

function withTotals(source: Source): Source {
  return {
    ...source,
    async units(ctx, docs) {
      return (await source.units(ctx, docs)).map((u) => ({
        ...u,
        parts: u.parts.flatMap((p): Contribution[] => {
          const scoped = SCOPE_PATH.exec(p[1]);
          const id = scoped ? scopeDoc(u.communityId, `${scoped[1]}.${scoped[2]}`, periodOf(p[0])) : p[0];
          const m = DAY_PATH.exec(p[1]);
          return m
            ? [
                [id, p[1], p[2]],
                [totalsOf(id), `${m[1]}.t.${m[2]}`, p[2]],
                [quarterTotalsOf(id), `${m[1]}.t.${m[2]}`, p[2]],
              ]
            : [[id, p[1], p[2]]];
        }),
      }));
    },
  };
}

export const SOURCES: readonly Source[] = [
  wishes,
  registrations,
  signups,
  topics,
  checkins,
  roles,
  ledger,
  proxyActs,
  removals,
].map(withTotals);

/**
 * The collection of the one document a mark `<source>:<docId>` stands for (marks of
 * member-quarters — check-ins, the ledger — stand for no one document).
 */
export const MARKED_DOCUMENTS: Readonly<Record<string, CollectionName>> = {
  wishes: Collections.wishes,
  registrations: Collections.registrations,
  signups: Collections.signups,
  topics: Collections.topics,
  roles: Collections.roles,
  audit_log: Collections.auditLog,
};

// ---- applying contributions ---------------------------------------------------------------------

/** A roll-up document's figures: nested maps of integers. */
export type Figures = { [key: string]: number | Figures };

/** Adds `amount` at a dotted path, dropping entries (and emptied maps) that reach zero. */
export function addAt(doc: Figures, path: string, amount: number): void {
  const keys = path.split('.');
  const trail: Array<[Figures, string]> = [];
  let node = doc;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    if (typeof next !== 'object') node[k] = {};
    trail.push([node, k]);
    node = node[k] as Figures;
  }
  const leaf = keys[keys.length - 1]!;
  const value = ((node[leaf] as number | undefined) ?? 0) + amount;
  if (value === 0) delete node[leaf];
  else node[leaf] = value;
  for (let i = trail.length - 1; i >= 0; i--) {
    const [parent, k] = trail[i]!;
    if (Object.keys(parent[k] as Figures).length === 0) delete parent[k];
    else break;
  }
}

/** Every `[path, value]` leaf of a figures map. */
export function leaves(doc: Figures, prefix = ''): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [k, v] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') out.push([path, v]);
    else if (v && typeof v === 'object' && !(v instanceof Date)) out.push(...leaves(v, path));
  }
  return out;
}

/** The fields of a stored roll-up document that are not figures. */
export const META = ['_id', 'communityId', 'period', 'updatedAt', 'oldest'] as const;

/** The oldest entry of each list of the present: `wo` (open wishes), `ro` (pending registrations). */
export type Oldest = { wo?: { id: string; at: number }; ro?: { id: string; at: number } };

/**
 * What a roll-up document stores beside its figures, derived from them whenever it is written
 * (by the fold or the rebuild): a present (`now`) document's `oldest` entry of each list, so that
 * the overview reads that instead of the lists (one entry per open wish or pending registration).
 * A document holds one scope (`c`, or `e|b|g.<id>`).
 */
export function derivedOf(id: string, figures: Figures): { oldest?: Oldest } {
  if (periodOf(id) !== 'now') return {};
  const top = Object.entries(figures)[0];
  const node = (top?.[0] === 'c' ? top[1] : Object.values((top?.[1] ?? {}) as Figures)[0]) as Figures | undefined;
  const oldest: Oldest = {};
  for (const list of ['wo', 'ro'] as const) {
    const found = oldestOf([(node?.[list] ?? {}) as Figures]);
    if (found) oldest[list] = found;
  }
  return { oldest };
}

export function figuresOf(doc: Record<string, unknown> | null | undefined): Figures {
  const out: Figures = {};
  if (!doc) return out;
  for (const [k, v] of Object.entries(doc)) {
    if ((META as readonly string[]).includes(k)) continue;
    if (v && typeof v === 'object') out[k] = v as Figures;
  }
  return out;
}

/** `community:<c>:<period>` → its period. */
export const periodOf = (id: string) => id.slice(id.lastIndexOf(':') + 1);

/** The smallest time in `<id>: time` maps (the oldest pending registration, the oldest open wish). */
export function oldestOf(maps: Figures[]): { id: string; at: number } | null {
  let best: { id: string; at: number } | null = null;
  for (const map of maps) {
    for (const [id, at] of Object.entries(map)) {
      if (typeof at !== 'number' || at <= 0) continue;
      if (!best || at < best.at || (at === best.at && id < best.id)) best = { id, at };
    }
  }
  return best;
}

/** Sums the numbers at `key` (a map of counts) over figures. */
export function sumMap(figures: Figures[], key: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of figures) {
    const map = f[key];
    if (!map || typeof map !== 'object') continue;
    for (const [k, v] of Object.entries(map)) if (typeof v === 'number') out.set(k, (out.get(k) ?? 0) + v);
  }
  return out;
}
