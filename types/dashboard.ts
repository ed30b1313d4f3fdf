/**
 * The `dashboard` area (数据看板): one call per screen for a community admin — registrations,
 * check-in rate by work unit, wishes, volunteer hours, topics and points — every figure computed
 * by the database's aggregation with a fixed number of requests; and paged xlsx exports.
 * The street view (街道) is the sum over the street's communities, readable by an admin of any
 * community in that street. A street viewer (街道工作人员) reads, but never exports, the street view
 * and every single community of their street (with drill-down). Dates are Asia/Shanghai calendar days, `from` and `to` inclusive.
 */
import { z } from 'zod';
import { Cursor, DateInput, Id, IsoTime, pageRefusals } from './common';
import { Step } from './deliberation';
import { WishState } from './wish';
import { ActivityCategory } from './volunteer';
import { ProxyAct } from './proxy';
import { ReconcileInput } from './reconcile';

const From = DateInput('开始日期', 'day');
const To = DateInput('结束日期', 'day');

export const OverviewInput = z
  .object({
    communityId: Id,
    from: From,
    to: To,
    /** Drill-down: an estate of the community, or a building (which implies its estate). */
    estateId: Id.optional(),
    buildingId: Id.optional(),
    /** Drill-down to a 网格 of the community; `none` = its buildings without a grid (未划分网格). */
    gridId: Id.optional(),
    /** The street-level view: the sum over every community of the community's street. */
    street: z.boolean().default(false),
  })
  .strict()
  .refine((i) => i.from <= i.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((i) => !(i.gridId && (i.estateId || i.buildingId)), {
    message: '网格视图不能再按小区或楼栋筛选',
    path: ['gridId'],
  })
  .refine((i) => !(i.street && (i.estateId || i.buildingId || i.gridId)), {
    message: '街道视图不能再按小区或楼栋筛选',
    path: ['street'],
  });
export type OverviewInput = z.infer<typeof OverviewInput>;

export const Count = z.object({ key: z.string(), count: z.number().int() });
export type Count = z.infer<typeof Count>;

export const UnitCheckinRate = z.object({
  workUnitId: Id,
  workUnitName: z.string(),
  members: z.number().int().describe('in-office members of the unit (member roles)'),
  checkedIn: z.number().int().describe('of them, checked in to at least one event this quarter'),
  rate: z.number().describe('checkedIn / members, 0..1 (0 for a unit without members)'),
});
export type UnitCheckinRate = z.infer<typeof UnitCheckinRate>;

export const PointsBucket = z.object({
  label: z.string(),
  min: z.number().int().nullable(),
  max: z.number().int().nullable().describe('exclusive'),
  members: z.number().int(),
});
export type PointsBucket = z.infer<typeof PointsBucket>;

export const Overview = z.object({
  communityIds: z.array(Id).describe('the communities summed (one, or the street’s)'),
  scopeLabel: z.string(),
  from: z.string(),
  to: z.string(),
  /** The figures the estate/building drill-down narrows; the others are community-wide. */
  scoped: z.array(z.enum(['registrations', 'wishes', 'topics'])),
  registrations: z.object({
    byStatus: z.array(Count).describe('registrations submitted in the range, by status'),
    pending: z.number().int().describe('the backlog: all registrations awaiting a decision now'),
    oldestPendingAt: IsoTime.nullable(),
  }),
  checkins: z.object({ quarter: z.string(), units: z.array(UnitCheckinRate) }),
  wishes: z.object({
    byState: z.array(z.object({ state: WishState, count: z.number().int() })),
    medianHoursToClaim: z.number().nullable(),
    medianHoursToConfirm: z.number().nullable(),
    oldestUnclaimed: z
      .object({ id: Id, title: z.string(), publishedAt: IsoTime, ageDays: z.number().int() })
      .nullable(),
  }),
  volunteer: z.object({
    totalHours: z.number(),
    byMonth: z.array(z.object({ month: z.string(), hours: z.number() })),
    byCategory: z.array(z.object({ category: ActivityCategory, hours: z.number() })),
  }),
  topics: z.object({
    byStep: z.array(z.object({ step: Step, count: z.number().int() })),
    avgDaysPerStep: z.array(z.object({ step: Step, days: z.number(), samples: z.number().int() })),
  }),
  points: z.object({
    quarter: z.string().describe('the quarter of the range’s last day'),
    buckets: z.array(PointsBucket).describe('members by points earned in that quarter'),
  }),
  proxyActs: z
    .object({
      total: z.number().int(),
      byAct: z.array(z.object({ act: ProxyAct, count: z.number().int() })),
    })
    .nullable()
    .describe('代办 acts done in the range, for the community or a grid; null in an estate or building view'),
});
export type Overview = z.infer<typeof Overview>;

export const ExportKind = z.enum(['members', 'wishes', 'volunteer_hours', 'topics']);
export type ExportKind = z.infer<typeof ExportKind>;

export const DashboardExportInput = z
  .object({
    communityId: Id,
    kind: ExportKind,
    from: From,
    to: To,
    cursor: Cursor.optional(),
    /** ≤ 500: a page is read as `limit(pageSize + 1)` and the database returns at most 1000. */
    pageSize: z.number().int().min(1).max(500, '每页最多500行').default(500),
  })
  .strict()
  .refine((i) => i.from <= i.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type DashboardExportInput = z.infer<typeof DashboardExportInput>;

export const DashboardExportFile = z.object({
  fileName: z.string(),
  /** The xlsx file of this page, base64. */
  base64: z.string(),
  rows: z.number().int(),
  /** The cursor of the next page, or null on the last page. */
  nextCursor: z.string().nullable(),
});
export type DashboardExportFile = z.infer<typeof DashboardExportFile>;

/** Paged like the areas' reconcile actions: `after` is the previous call's `next`; absent, a new rebuild starts. */
export const RebuildRollupsInput = ReconcileInput;
export type RebuildRollupsInput = z.infer<typeof RebuildRollupsInput>;

export const RollupDifference = z
  .object({
    id: z.string().describe('the roll-up document, community:<id>:<period>'),
    path: z.string().describe('the figure, a dotted path'),
    stored: z.number().describe('the value stored (0: missing)'),
    counted: z.number().describe('the value recounted from the documents'),
  })
  .strict();
export type RollupDifference = z.infer<typeof RollupDifference>;

export const RebuildRollupsReport = z
  .object({
    checked: z.number().int().describe('documents (and member-quarters of the ledger) recounted'),
    differences: z.number().int().describe('figures that differed (0: the roll-ups were right)'),
    repaired: z.array(RollupDifference).describe('the first 200 differences, each now set to its recount'),
    next: z.string().nullable().describe('pass as `after` to continue; null: the rebuild is complete'),
  })
  .strict();
export type RebuildRollupsReport = z.infer<typeof RebuildRollupsReport>;

/** Both dashboard actions check the same: the caller's standing in the community or street, and the scope. */
const dashboardRefusals = {
  'auth.not-admin': 'FORBIDDEN',
  'community.not-found': 'NOT_FOUND',
  'dashboard.other-street': 'FORBIDDEN',
  'dashboard.read-only': 'FORBIDDEN',
  'dashboard.scope-not-found': 'NOT_FOUND',
} as const;

export const dashboardActions = {
  overview: {
    summary:
      "Every figure of the dashboard screen for a date range, optionally narrowed to an estate or building, or summed over the street. Admins of the community (street: an admin of any community in it), and the street's street viewers (read-only).",
    input: OverviewInput,
    result: Overview,
    refusals: dashboardRefusals,
  },
  exportXlsx: {
    summary:
      'Exports members (with points and assessment), wishes, volunteer hours or topic records of a date range as xlsx with Chinese headers, one page of at most 500 rows per call. Admins only (a street viewer is FORBIDDEN: read-only).',
    input: DashboardExportInput,
    result: DashboardExportFile,
    refusals: { ...dashboardRefusals, ...pageRefusals },
  },
  rebuildRollups: {
    summary:
      "Recounts the community's dashboard roll-ups from its documents, one bounded page per call (pass `next` as `after` until it is null): each page of a source's documents is compared with its marks, the last call compares the roll-up documents with the recount; every figure that differed is reported and repaired (audited when something changed). Admins of the community only.",
    input: RebuildRollupsInput,
    result: RebuildRollupsReport,
    refusals: { 'auth.not-admin': 'FORBIDDEN' },
  },
} as const;
