/**
 * The `points` area (积分 and 考核): an append-only ledger per member and community, the
 * community's rules table, quarterly assessment against a threshold, year-end two-way ratings,
 * work units' service cards, and exports. Balances are a cache of the ledger.
 */
import { z } from 'zod';
import { LEDGER_REASONS, GRADES } from './labels/points';
import { DateInput, Id, IsoTime, Key, PageInput, Paged, Reason, pageRefusals } from './common';
import { ReconcileInput, ReconcileReport } from './reconcile';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export { ledgerReasonLabels, gradeLabels } from './labels/points';

export const LedgerReason = z.enum(LEDGER_REASONS);
export type LedgerReason = z.infer<typeof LedgerReason>;

export const LedgerEntry = z.object({
  id: Key,
  userId: Id,
  communityId: Id,
  amount: z.number().int(),
  reason: LedgerReason,
  sourceId: z.string(),
  /** A Chinese explanation, e.g. "签到：11月主题党日 +2". */
  explanation: z.string(),
  quarter: z.string(),
  createdAt: IsoTime,
  /** For reversals: the entry this one reverses. */
  reversesId: Id.nullable(),
  /** Whether a reversal of this entry exists. */
  reversed: z.boolean(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const PointRules = z.object({
  communityId: Id,
  registration: z.number().int().min(0).max(100),
  checkin: z.number().int().min(0).max(100),
  volunteerHour: z.number().int().min(0).max(100),
  wishFulfilled: z.number().int().min(0).max(100),
  deliberation: z.number().int().min(0).max(100),
  /** Points a member needs in a quarter to be 达标. */
  quarterThreshold: z.number().int().min(0).max(1000),
  /** Integrity limits (ADR 0010): longest activity or event, in hours. */
  maxActivityHours: z.number().int(),
  /** Days after an event's end during which its attendance may still be corrected. */
  attendanceCorrectionDays: z.number().int(),
  /** Largest |amount| of one manual adjustment. */
  adjustmentCapPerCall: z.number().int(),
  /** Largest sum of |amount| of manual adjustments to one person in one quarter. */
  adjustmentCapPerQuarter: z.number().int(),
  updatedAt: IsoTime,
});
export type PointRules = z.infer<typeof PointRules>;

export const GetRulesInput = z.object({ communityId: Id }).strict();
export type GetRulesInput = z.infer<typeof GetRulesInput>;

const RuleValue = z
  .number({ message: '请填写分值' })
  .int('分值必须是整数')
  .min(0, '分值不能为负')
  .max(100, '分值不超过100');
export const UpdateRulesInput = z
  .object({
    communityId: Id,
    registration: RuleValue,
    checkin: RuleValue,
    volunteerHour: RuleValue,
    wishFulfilled: RuleValue,
    deliberation: RuleValue,
    quarterThreshold: z.number().int('达标分必须是整数').min(0, '达标分不能为负').max(1000, '达标分不超过1000'),
    /** Integrity limits; each left out keeps its current value. */
    maxActivityHours: z
      .number()
      .int('时长必须是整数')
      .min(1, '活动时长至少1小时')
      .max(24, '活动时长不超过24小时')
      .optional(),
    attendanceCorrectionDays: z
      .number()
      .int('天数必须是整数')
      .min(0, '天数不能为负')
      .max(30, '更正期限不超过30天')
      .optional(),
    adjustmentCapPerCall: z
      .number()
      .int('分值必须是整数')
      .min(1, '单次上限至少为1')
      .max(100, '单次上限不超过100')
      .optional(),
    adjustmentCapPerQuarter: z
      .number()
      .int('分值必须是整数')
      .min(1, '季度上限至少为1')
      .max(1000, '季度上限不超过1000')
      .optional(),
  })
  .strict();
export type UpdateRulesInput = z.infer<typeof UpdateRulesInput>;

export const MyPointsInput = PageInput.extend({ communityId: Id }).strict();
export type MyPointsInput = z.infer<typeof MyPointsInput>;
export const MyPoints = z.object({
  balance: z.number().int(),
  quarter: z.string(),
  quarterTotal: z.number().int(),
  quarterThreshold: z.number().int(),
  entries: Paged(LedgerEntry),
});
export type MyPoints = z.infer<typeof MyPoints>;

export const MemberLedgerInput = PageInput.extend({ communityId: Id, userId: Id }).strict();
export type MemberLedgerInput = z.infer<typeof MemberLedgerInput>;

export const AdjustPointsInput = z
  .object({
    communityId: Id,
    userId: Id,
    amount: z
      .number()
      .int('积分必须是整数')
      .min(-100, '单次调整不超过100分')
      .max(100, '单次调整不超过100分')
      .refine((n) => n !== 0, '调整分值不能为0'),
    reason: Reason,
    /**
     * The client's id for this adjustment (one per form, kept across retries): the entry's key
     * is `adjustment:<adminId>:<requestId>`, so a retried call credits once. Without it every
     * call is a new entry.
     */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为8到64位字母、数字、-或_')
      .optional(),
  })
  .strict();
export type AdjustPointsInput = z.infer<typeof AdjustPointsInput>;

export const ReverseEntryInput = z.object({ entryId: Key, reason: Reason }).strict();
export type ReverseEntryInput = z.infer<typeof ReverseEntryInput>;

export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const QuarterRow = z.object({
  userId: Id,
  userName: z.string(),
  workUnitName: z.string().nullable(),
  points: z.number().int(),
  rank: z.number().int().describe('1 = most points; equal points share a rank'),
  qualified: z.boolean().describe('达标: points ≥ the threshold'),
});
export type QuarterRow = z.infer<typeof QuarterRow>;

export const QuarterReportInput = z.object({ communityId: Id, quarter: DateInput('考核季度', 'quarter') }).strict();
export type QuarterReportInput = z.infer<typeof QuarterReportInput>;
export const QuarterReport = z.object({
  communityId: Id,
  quarter: z.string(),
  threshold: z.number().int(),
  /** true once the quarter was closed: the rows are frozen. */
  closed: z.boolean(),
  closedAt: IsoTime.nullable(),
  rows: z.array(QuarterRow),
});
export type QuarterReport = z.infer<typeof QuarterReport>;

export const CloseQuarterInput = QuarterReportInput;
export type CloseQuarterInput = z.infer<typeof CloseQuarterInput>;

export const RateInput = z
  .object({
    communityId: Id,
    year: z.number().int().min(2020).max(2100),
    target: z.enum(['member', 'work_unit']),
    targetId: Id,
    grade: Grade,
    comment: z.string().trim().max(200, '评语不超过200个字').default(''),
  })
  .strict();
export type RateInput = z.infer<typeof RateInput>;
export const Rating = z.object({
  id: Id,
  communityId: Id,
  year: z.number().int(),
  target: z.enum(['member', 'work_unit']),
  targetId: Id,
  targetName: z.string(),
  grade: Grade,
  comment: z.string(),
  ratedAt: IsoTime,
});
export type Rating = z.infer<typeof Rating>;

export const ListRatingsInput = z.object({ communityId: Id, year: z.number().int().min(2020).max(2100) }).strict();
export type ListRatingsInput = z.infer<typeof ListRatingsInput>;
export const RatingList = z.object({ items: z.array(Rating) });
export type RatingList = z.infer<typeof RatingList>;

export const ServiceCardsInput = z.object({ workUnitId: Id, quarter: DateInput('考核季度', 'quarter') }).strict();
export type ServiceCardsInput = z.infer<typeof ServiceCardsInput>;
export const ServiceCard = z.object({
  userId: Id,
  userName: z.string(),
  events: z.number().int().describe('events checked in to this quarter'),
  hours: z.number().describe('volunteer hours this quarter'),
  wishes: z.number().int().describe('wishes fulfilled this quarter'),
  points: z.number().int(),
  rating: Grade.nullable().describe("this year's rating, if given"),
});
export type ServiceCard = z.infer<typeof ServiceCard>;
export const ServiceCards = z.object({
  workUnitId: Id,
  workUnitName: z.string(),
  quarter: z.string(),
  cards: z.array(ServiceCard),
  unitRating: Grade.nullable(),
});
export type ServiceCards = z.infer<typeof ServiceCards>;

export const ExportInput = z
  .object({
    communityId: Id,
    kind: z.enum(['quarter_report', 'service_cards', 'ratings']),
    quarter: DateInput('考核季度', 'quarter').optional(),
    year: z.number().int().min(2020).max(2100).optional(),
    workUnitId: Id.optional(),
  })
  .strict();
export type ExportInput = z.infer<typeof ExportInput>;
export const ExportFile = z.object({
  fileName: z.string(),
  /** The xlsx file, base64. */
  base64: z.string(),
  rows: z.number().int(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const pointsActions = {
  getRules: {
    summary: "The community's points rules and quarterly threshold (defaults until an admin edits them).",
    input: GetRulesInput,
    result: PointRules,
    refusals: {
      'points.not-in-community': 'FORBIDDEN',
    },
  },
  updateRules: {
    summary: "Edits the community's points rules; applies to entries credited afterwards. Admins only; audited.",
    input: UpdateRulesInput,
    result: PointRules,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  myPoints: {
    summary: "The caller's balance, this quarter's total against the threshold, and their ledger with explanations.",
    input: MyPointsInput,
    result: MyPoints,
    refusals: {
      ...pageRefusals,
      'points.not-in-community': 'FORBIDDEN',
    },
  },
  memberLedger: {
    summary: "A member's ledger, for the community's admins (and the member's unit liaison).",
    input: MemberLedgerInput,
    result: MyPoints,
    refusals: {
      ...pageRefusals,
      'points.not-ledger-viewer': 'FORBIDDEN',
    },
  },
  adjustPoints: {
    summary:
      "An admin credits or debits another person's points with a written reason, within the community's caps per call and per person per quarter; a new ledger entry, audited.",
    input: AdjustPointsInput,
    result: LedgerEntry,
    refusals: {
      'points.adjustment-cap-per-call': 'LIMIT_EXCEEDED',
      'points.adjustment-cap-per-quarter': 'LIMIT_EXCEEDED',
      'points.request-id-reused': 'CONFLICT',
      'points.self-credit': 'FORBIDDEN',
      'auth.not-admin': 'FORBIDDEN',
      'points.not-in-community': 'NOT_FOUND',
    },
  },
  reverseEntry: {
    summary:
      "An admin reverses another person's ledger entry with a reason: a new opposite entry, at most once per entry; audited.",
    input: ReverseEntryInput,
    result: LedgerEntry,
    refusals: {
      'points.self-credit': 'FORBIDDEN',
      'auth.not-admin': 'FORBIDDEN',
      'points.already-reversed': 'CONFLICT',
      'points.entry-not-found': 'NOT_FOUND',
      'points.reversal-not-reversible': 'PRECONDITION_FAILED',
    },
  },
  quarterReport: {
    summary:
      "Each member's points in a quarter against the threshold, ranked; frozen once the quarter is closed. Admins only.",
    input: QuarterReportInput,
    result: QuarterReport,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  closeQuarter: {
    summary: 'Freezes a finished quarter’s results (also run by the scheduled job); closing twice yields one result.',
    input: CloseQuarterInput,
    result: QuarterReport,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'points.quarter-not-finished': 'PRECONDITION_FAILED',
    },
  },
  rate: {
    summary:
      'Year-end rating of a member or a work unit (优秀/合格/基本合格/不合格) with a comment; re-rating replaces. Admins only; audited.',
    input: RateInput,
    result: Rating,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'points.not-a-member': 'NOT_FOUND',
      'work-unit.not-found': 'NOT_FOUND',
    },
  },
  listRatings: {
    summary: "A year's ratings in a community. Admins only.",
    input: ListRatingsInput,
    result: RatingList,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  serviceCards: {
    summary:
      "A work unit's members' quarterly service cards (events, hours, wishes, points, rating). Its liaison and the community's admins only.",
    input: ServiceCardsInput,
    result: ServiceCards,
    refusals: {
      'points.not-unit-viewer': 'FORBIDDEN',
      'work-unit.not-found': 'NOT_FOUND',
    },
  },
  exportXlsx: {
    summary: 'Exports a quarter report, service cards or ratings as an xlsx file with Chinese headers.',
    input: ExportInput,
    result: ExportFile,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'points.not-unit-viewer': 'FORBIDDEN',
      'work-unit.not-found': 'NOT_FOUND',
    },
  },
  reconcile: {
    summary:
      "An admin of the community proves a page of its members' balance documents (balance, quarter totals, quarter adjustment totals) against the ledger and repairs any that disagree; reports each change ({ id, field, from, to }) and the next page's cursor. Audited when something changed. A daily timer does the same for a page of all communities.",
    input: ReconcileInput,
    result: ReconcileReport,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
    },
  },
} as const;
