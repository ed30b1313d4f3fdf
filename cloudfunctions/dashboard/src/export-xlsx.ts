/**
 * dashboard.exportXlsx — one page (≤ 500 rows) of an export as an xlsx file with Chinese
 * headers: members with points and assessment, wishes, volunteer hours or topics of a date
 * range. Invariants: admins of the community only (a street viewer, who may read the dashboard,
 * is FORBIDDEN `dashboard.read-only` before anything is read); pages are read in a stable order
 * after a keyset cursor (`<page number>.<cursor of the page's last row>`, `_shared/paging.ts`),
 * so a large export is many short calls of the same cost — page 200 as page 1 — and never one
 * that times out; per page a fixed number of requests (ids of the page, then `in` reads and
 * aggregations on those ids); writes nothing.
 */
import { memberTypeLabels, type MemberType } from '../../../types/account';
import type { DashboardExportFile, DashboardExportInput } from '../../../types/dashboard';
import { stepLabels, type Step } from '../../../types/deliberation';
import { quarterOf, formatCst } from '../../../types/time';
import { activityCategoryLabels, type ActivityCategory } from '../../../types/volunteer';
import { wishCategoryLabels, wishStateLabels } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc, WorkUnitDoc } from '../../_shared/documents';
import { defaultPointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { badCursor, keysOf, pageOf, sortedBy, sortStage, whereAfter, type PageOrder } from '../../_shared/paging';
import { buildXlsx, type Cell, type Sheet } from '../../_shared/xlsx';
import { AGGREGATE_LIMIT, resolveWhere, type Where } from './where';

interface Page {
  sheet: Sheet;
  title: string;
  /** The cursor after the page's last row, or null on the last page. */
  next: string | null;
}

const BY_ID: PageOrder = { by: '_id', dir: 'asc' };
const BY_CREATED: PageOrder = { by: 'createdAt', dir: 'asc' };
const BY_END: PageOrder = { by: 'endAt', dir: 'asc' };
const BY_OPENED: PageOrder = { by: 'openedAt', dir: 'asc' };

/** Reads `limit + 1` rows of a query after `after`, in `order`: one request. */
async function rowsAfter<T>(
  ctx: Ctx,
  collection: (typeof Collections)[keyof typeof Collections],
  where: object,
  order: PageOrder,
  after: string | undefined,
  pageSize: number,
): Promise<{ items: T[]; next: string | null }> {
  const res = await sortedBy(ctx.db.collection(collection).where(whereAfter(ctx, where, after, order)), order)
    .limit(pageSize + 1)
    .get();
  const page = pageOf((res.data ?? []) as T[], { limit: pageSize }, keysOf(order));
  return { items: page.items, next: page.nextCursor };
}

const time = (d: Date | string | null | undefined): string => (d ? formatCst(new Date(d)) : '');

/** A member role of the page with its person, its unit and the community's stored rules joined. */
interface MemberRow extends RoleDoc {
  user: Array<Pick<UserDoc, '_id' | 'name'>>;
  unit: Array<Pick<WorkUnitDoc, '_id' | 'name'>>;
  rules: Array<Partial<PointRulesDoc>>;
}

/**
 * Two requests: the page of member roles with names, units and the community's rules joined
 * (one aggregate), then the page's points in the range and in the quarter (one aggregate over
 * the ledger, both sums in one group).
 */
async function membersPage(ctx: Ctx, where: Where, input: DashboardExportInput, after?: string): Promise<Page> {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const communityId = input.communityId;
  const res = await ctx.db
    .collection(Collections.roles)
    .aggregate()
    .match(whereAfter(ctx, { communityId, kind: 'member' }, after, BY_ID))
    .sort(sortStage(BY_ID))
    .limit(input.pageSize + 1)
    .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: 'user' })
    .lookup({ from: Collections.workUnits, localField: 'workUnitId', foreignField: '_id', as: 'unit' })
    .lookup({ from: Collections.pointRules, localField: 'communityId', foreignField: '_id', as: 'rules' })
    .project({ 'user.phone': 0, 'user.openid': 0 })
    .end();
  const fetched = (res.data ?? []) as MemberRow[];
  const { items: roles, nextCursor } = pageOf(fetched, { limit: input.pageSize }, keysOf(BY_ID));
  const ids = roles.map((r) => r.userId);
  const quarter = quarterOf(new Date(Math.min(where.end.getTime() - 1, ctx.now().getTime())));
  const inWindow = $.and([$.gte(['$createdAt', where.start]), $.lt(['$createdAt', where.end])]);
  const points = ids.length
    ? await ctx.db
        .collection(Collections.pointLedger)
        .aggregate()
        .match({ communityId, userId: _.in(ids) })
        .match(_.or([{ createdAt: _.gte(where.start).and(_.lt(where.end)) }, { quarter }]))
        .group({
          _id: '$userId',
          ranged: $.sum($.cond({ if: inWindow, then: '$amount', else: 0 })),
          quarterly: $.sum($.cond({ if: $.eq(['$quarter', quarter]), then: '$amount', else: 0 })),
        })
        .limit(AGGREGATE_LIMIT)
        .end()
    : { data: [] as unknown[] };
  const sums = new Map(
    ((points.data ?? []) as Array<{ _id: string; ranged: number; quarterly: number }>).map((x) => [x._id, x]),
  );
  const stored = fetched[0]?.rules[0];
  const threshold = stored?.quarterThreshold ?? defaultPointRules.quarterThreshold;
  return {
    title: `党员积分${input.from}至${input.to}`,
    next: nextCursor,
    sheet: {
      name: '党员积分与考核',
      headers: ['姓名', '党员类别', '报到单位', '区间积分', '考核季度', '季度积分', '达标分', '是否达标'],
      widths: [12, 10, 24, 10, 10, 10, 10, 10],
      rows: roles.map((r): Cell[] => {
        const q = sums.get(r.userId)?.quarterly ?? 0;
        return [
          r.user[0]?.name ?? '',
          r.memberType ? memberTypeLabels[r.memberType as MemberType] : '',
          r.workUnitId ? (r.unit[0]?.name ?? '') : '',
          sums.get(r.userId)?.ranged ?? 0,
          quarter,
          q,
          threshold,
          q >= threshold ? '达标' : '未达标',
        ];
      }),
    },
  };
}

interface WishRow {
  title: string;
  category: keyof typeof wishCategoryLabels;
  state: keyof typeof wishStateLabels;
  posterName: string;
  claimerName: string | null;
  createdAt: Date;
  claimedAt: Date | null;
  confirmation: { at: Date } | null;
}

async function wishesPage(ctx: Ctx, where: Where, input: DashboardExportInput, after?: string): Promise<Page> {
  const _ = ctx.db.command;
  const { items, next } = await rowsAfter<WishRow>(
    ctx,
    Collections.wishes,
    { communityId: input.communityId, createdAt: _.gte(where.start).and(_.lt(where.end)) },
    BY_CREATED,
    after,
    input.pageSize,
  );
  return {
    title: `微心愿${input.from}至${input.to}`,
    next,
    sheet: {
      name: '微心愿',
      headers: ['标题', '类别', '状态', '发布人', '认领人', '发布时间', '认领时间', '确认时间'],
      widths: [24, 10, 10, 12, 20, 18, 18, 18],
      rows: items.map((w) => [
        w.title,
        wishCategoryLabels[w.category] ?? w.category,
        wishStateLabels[w.state] ?? w.state,
        w.posterName,
        w.claimerName ?? '',
        time(w.createdAt),
        time(w.claimedAt),
        time(w.confirmation?.at),
      ]),
    },
  };
}

interface SignupRow {
  activityId: string;
  userName: string;
  startAt: Date;
  endAt: Date;
  hours: number;
  points: number;
}

async function hoursPage(ctx: Ctx, where: Where, input: DashboardExportInput, after?: string): Promise<Page> {
  const _ = ctx.db.command;
  const { items: rows, next } = await rowsAfter<SignupRow>(
    ctx,
    Collections.signups,
    { communityId: input.communityId, state: 'completed', endAt: _.gte(where.start).and(_.lt(where.end)) },
    BY_END,
    after,
    input.pageSize,
  );
  const ids = [...new Set(rows.map((s) => s.activityId))];
  const acts = ids.length
    ? await ctx.db
        .collection(Collections.activities)
        .where({ _id: _.in(ids) })
        .field({ _id: true, title: true, category: true })
        .limit(1000)
        .get()
    : { data: [] };
  const byId = new Map(
    ((acts.data ?? []) as Array<{ _id: string; title: string; category: ActivityCategory }>).map((a) => [a._id, a]),
  );
  return {
    title: `志愿服务时长${input.from}至${input.to}`,
    next,
    sheet: {
      name: '志愿服务时长',
      headers: ['姓名', '活动', '服务类别', '开始时间', '结束时间', '服务时长（小时）', '积分'],
      widths: [12, 24, 10, 18, 18, 16, 8],
      rows: rows.map((s) => {
        const a = byId.get(s.activityId);
        return [
          s.userName,
          a?.title ?? '',
          a ? activityCategoryLabels[a.category] : '',
          time(s.startAt),
          time(s.endAt),
          s.hours,
          s.points,
        ];
      }),
    },
  };
}

interface TopicRow {
  title: string;
  scopeLabel?: string;
  step: Step;
  leaderName?: string;
  openedAt?: Date;
  updatedAt?: Date;
}

async function topicsPage(ctx: Ctx, where: Where, input: DashboardExportInput, after?: string): Promise<Page> {
  const _ = ctx.db.command;
  const { items, next } = await rowsAfter<TopicRow>(
    ctx,
    Collections.topics,
    { communityId: input.communityId, openedAt: _.gte(where.start).and(_.lt(where.end)) },
    BY_OPENED,
    after,
    input.pageSize,
  );
  return {
    title: `议事记录${input.from}至${input.to}`,
    next,
    sheet: {
      name: '议事记录',
      headers: ['议题', '范围', '当前步骤', '发起人', '发起时间', '最近更新'],
      widths: [28, 24, 10, 12, 18, 18],
      rows: items.map((t) => [
        t.title,
        t.scopeLabel ?? '',
        stepLabels[t.step] ?? t.step,
        t.leaderName ?? '',
        time(t.openedAt),
        time(t.updatedAt),
      ]),
    },
  };
}

const builders = { members: membersPage, wishes: wishesPage, volunteer_hours: hoursPage, topics: topicsPage };

export async function exportXlsx({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: DashboardExportInput;
}): Promise<DashboardExportFile> {
  const actor = await loadActor(ctx);
  const where = await resolveWhere(
    ctx,
    actor,
    { communityId: input.communityId, from: input.from, to: input.to },
    'export',
  );
  const { number, after } = parseExportCursor(input.cursor);
  const page = await builders[input.kind](ctx, where, input, after);
  const name = where.label;
  const part = number === 1 && page.next === null ? '' : `-第${number}页`;
  return {
    fileName: `${name}-${page.title}${part}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
    base64: await buildXlsx(page.sheet),
    rows: page.sheet.rows.length,
    nextCursor: page.next === null ? null : `${number + 1}.${page.next}`,
  };
}

/** An export's cursor: the page's number (for the file's name) and the keyset cursor of the row before it. */
function parseExportCursor(cursor: string | undefined): { number: number; after: string | undefined } {
  if (cursor === undefined) return { number: 1, after: undefined };
  const m = /^([1-9]\d{0,6})\.(.+)$/.exec(cursor);
  if (!m) throw badCursor();
  return { number: Number(m[1]), after: m[2] };
}
