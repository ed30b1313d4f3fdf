/**
 * The `volunteer` area (志愿服务): an admin or a work unit's liaison publishes an activity;
 * people sign up within the quota or join the waitlist (候补), promoted in order when someone
 * cancels; on site they check in and out with the activity's rotating QR code; service hours are
 * the overlap of [check-in, check-out] with [start, end], rounded down to a quarter hour, and
 * points follow the hours through the ledger, once.
 */
import { z } from 'zod';
import { ACTIVITY_CATEGORIES, AUDIENCES, SIGNUP_STATES } from './labels/volunteer';
import { DateInput, Id, IsoTime, PageInput, Paged, Reason, pageRefusals } from './common';
import { ProxyInput, proxyActRefusals, RefusedProxyAct, RefuseProxyActInput, refuseProxyActRefusals } from './proxy';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export { activityCategoryLabels, audienceLabels, signupStateLabels } from './labels/volunteer';

export const ActivityCategory = z.enum(ACTIVITY_CATEGORIES);
export type ActivityCategory = z.infer<typeof ActivityCategory>;

export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

export const SignupState = z.enum(SIGNUP_STATES);
export type SignupState = z.infer<typeof SignupState>;

export const Activity = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  category: ActivityCategory,
  description: z.string(),
  place: z.string(),
  startAt: IsoTime,
  endAt: IsoTime,
  signupDeadline: IsoTime,
  quota: z.number().int(),
  pointsPerHour: z.number().int(),
  audience: Audience,
  workUnitId: Id.nullable(),
  organiserId: Id,
  /** Kept as history: who published it. */
  organiserName: z.string(),
  /** true when the organiser no longer holds the role that let them publish it: the community's admins manage it now. */
  managedByAdmins: z.boolean(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  /** The caller's own sign-up, if any: state and (when waitlisted) their position, 1 = next. */
  mySignup: z
    .object({
      state: SignupState,
      waitlistPosition: z.number().int().nullable(),
      /** The proxy who signed the caller up (代办), else null: 我的报名 shows "由…代办". */
      proxyName: z.string().nullable(),
    })
    .nullable(),
  /** Set when the caller's confirmed sign-ups overlap this activity in time. */
  overlapWarning: z.string().nullable(),
});
export type Activity = z.infer<typeof Activity>;

const Title = z.string().trim().min(2, '请填写活动名称（至少2个字）').max(40, '活动名称不超过40个字');
const Time = (what: string) => DateInput(what);

export const PublishActivityInput = z
  .object({
    communityId: Id,
    title: Title,
    category: ActivityCategory,
    description: z.string().trim().min(5, '请填写活动说明（至少5个字）').max(1000, '活动说明不超过1000个字'),
    place: z.string().trim().min(1, '请填写地点').max(60, '地点不超过60个字'),
    startAt: Time('开始时间'),
    endAt: Time('结束时间'),
    signupDeadline: Time('报名截止时间'),
    quota: z.number().int('名额必须是整数').min(1, '名额至少为1').max(1000, '名额不超过1000'),
    pointsPerHour: z.number().int().min(0).max(100),
    audience: Audience,
    /** For audience work_unit (and required when a liaison publishes). */
    workUnitId: Id.optional(),
  })
  .strict()
  .refine((v) => Date.parse(v.endAt) > Date.parse(v.startAt), { path: ['endAt'], message: '结束时间必须晚于开始时间' })
  .refine((v) => Date.parse(v.signupDeadline) <= Date.parse(v.startAt), {
    path: ['signupDeadline'],
    message: '报名截止时间不能晚于开始时间',
  })
  .refine((v) => v.audience !== 'work_unit' || v.workUnitId !== undefined, {
    path: ['workUnitId'],
    message: '请选择单位',
  });
export type PublishActivityInput = z.infer<typeof PublishActivityInput>;

export const EditActivityInput = z
  .object({
    activityId: Id,
    title: Title.optional(),
    description: z.string().trim().min(5).max(1000).optional(),
    place: z.string().trim().min(1).max(60).optional(),
    quota: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type EditActivityInput = z.infer<typeof EditActivityInput>;

export const ActivityIdInput = z.object({ activityId: Id }).strict();
export type ActivityIdInput = z.infer<typeof ActivityIdInput>;

export const SignUpInput = z
  .object({
    activityId: Id,
    /** 代办: signed up for the resident of this consent. */
    proxy: ProxyInput.optional(),
  })
  .strict();
export type SignUpInput = z.infer<typeof SignUpInput>;
export const CancelActivityInput = z.object({ activityId: Id, reason: Reason }).strict();
export type CancelActivityInput = z.infer<typeof CancelActivityInput>;

export const ListActivitiesInput = PageInput.extend({
  communityId: Id,
  when: z.enum(['upcoming', 'mine', 'past']).default('upcoming'),
}).strict();
export type ListActivitiesInput = z.infer<typeof ListActivitiesInput>;
export const ActivityPage = Paged(Activity);
export type ActivityPage = z.infer<typeof ActivityPage>;

export const SignupResult = z.object({
  activityId: Id,
  state: SignupState,
  waitlistPosition: z.number().int().nullable(),
  overlapWarning: z.string().nullable(),
});
export type SignupResult = z.infer<typeof SignupResult>;

export const ScanInput = z
  .object({ code: z.string().min(1, '二维码内容为空').max(300, '不是本系统的签到码'), activityId: Id.optional() })
  .strict();
export type ScanInput = z.infer<typeof ScanInput>;
export const AttendanceResult = z.object({
  activityId: Id,
  state: SignupState,
  checkedInAt: IsoTime.nullable(),
  checkedOutAt: IsoTime.nullable(),
  hours: z.number().describe('service hours, in quarter hours'),
  pointsAwarded: z.number().int(),
});
export type AttendanceResult = z.infer<typeof AttendanceResult>;

export const LiveCodeInput = z.object({ activityId: Id, direction: z.enum(['in', 'out']) }).strict();
export type LiveCodeInput = z.infer<typeof LiveCodeInput>;
export const LiveCode = z.object({
  code: z.string(),
  refreshAt: IsoTime,
  expiresAt: IsoTime,
  spokenCode: z
    .string()
    .regex(/^\d{6}$/)
    .describe('the 6-digit code to read aloud, for the same direction'),
  spokenRefreshAt: IsoTime.describe('when the spoken code is replaced (every 2 minutes)'),
});
export type LiveCode = z.infer<typeof LiveCode>;

export const RosterEntry = z.object({
  userId: Id,
  userName: z.string(),
  /** Full for the organiser and admins. */
  phone: z.string().nullable(),
  state: SignupState,
  waitlistPosition: z.number().int().nullable(),
  checkedInAt: IsoTime.nullable(),
  checkedOutAt: IsoTime.nullable(),
  hours: z.number(),
  /** true when the check-out was closed automatically at the end (to be checked by the organiser). */
  autoClosed: z.boolean(),
  correctedReason: z.string().nullable(),
  /** The proxy who signed the person up (代办), else null: the roster shows "由…代办". */
  proxyName: z.string().nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;
export const Roster = z.object({ activity: Activity, entries: z.array(RosterEntry) });
export type Roster = z.infer<typeof Roster>;

export const CorrectAttendanceInput = z
  .object({
    activityId: Id,
    userId: Id,
    state: z.enum(['completed', 'no_show']),
    checkedInAt: Time('签到时间').optional(),
    checkedOutAt: Time('签退时间').optional(),
    reason: Reason,
  })
  .strict();
export type CorrectAttendanceInput = z.infer<typeof CorrectAttendanceInput>;

export const MyHoursInput = PageInput.extend({ communityId: Id }).strict();
export type MyHoursInput = z.infer<typeof MyHoursInput>;
export const MyHours = z.object({
  totalHours: z.number(),
  records: Paged(
    z.object({
      activityId: Id,
      title: z.string(),
      startAt: IsoTime,
      state: SignupState,
      hours: z.number(),
      points: z.number().int(),
    }),
  ),
});
export type MyHours = z.infer<typeof MyHours>;

export const ExportRosterInput = z.object({ activityId: Id }).strict();
export type ExportRosterInput = z.infer<typeof ExportRosterInput>;
export const ExportFile = z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() });
export type ExportFile = z.infer<typeof ExportFile>;

const CounterChange = z.object({ before: z.number().int(), after: z.number().int() }).strict();
/** A queue list that disagreed: the userIds it held (null: the activity had no list yet) and holds now. */
const ListChange = z.object({ before: z.array(Id).nullable(), after: z.array(Id) }).strict();
/** What a reconcile changed: each counter that disagreed with the sign-up documents (empty: all agreed). */
export const ReconcileResult = z.object({
  activityId: Id,
  changed: z
    .object({
      freeSlots: CounterChange,
      confirmedCount: CounterChange,
      waitlistCount: CounterChange,
      nextSeq: CounterChange,
      holders: ListChange,
      waitlist: ListChange,
    })
    .partial()
    .strict(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;

export const volunteerActions = {
  publish: {
    summary: 'An admin or a work unit’s liaison publishes an activity.',
    input: PublishActivityInput,
    result: Activity,
    refusals: {
      'schedule.before-community': 'VALIDATION',
      'schedule.in-the-past': 'VALIDATION',
      'schedule.too-far-ahead': 'VALIDATION',
      'schedule.too-long': 'VALIDATION',
      'activity.not-own-unit': 'FORBIDDEN',
      'activity.not-publisher': 'FORBIDDEN',
      'activity.unknown-unit': 'VALIDATION',
    },
  },
  edit: {
    summary: 'The organiser edits an activity before its sign-up deadline; a larger quota promotes from the waitlist.',
    input: EditActivityInput,
    result: Activity,
    refusals: {
      'activity.after-deadline': 'PRECONDITION_FAILED',
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'activity.not-manager': 'FORBIDDEN',
      'activity.quota-below-confirmed': 'PRECONDITION_FAILED',
    },
  },
  cancel: {
    summary: 'The organiser or an admin cancels with a reason; everyone signed up is told. Audited.',
    input: CancelActivityInput,
    result: Activity,
    refusals: {
      'activity.busy': 'CONFLICT',
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.ended': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'activity.not-manager': 'FORBIDDEN',
    },
  },
  list: {
    summary: 'Activities of a community: upcoming, the caller’s own, or past.',
    input: ListActivitiesInput,
    result: ActivityPage,
    refusals: {
      ...pageRefusals,
      'volunteer.not-in-community': 'FORBIDDEN',
    },
  },
  get: {
    summary: 'One activity with the caller’s sign-up and waitlist position.',
    input: ActivityIdInput,
    result: Activity,
    refusals: {
      'activity.not-found': 'NOT_FOUND',
      'volunteer.not-in-community': 'FORBIDDEN',
    },
  },
  signUp: {
    summary:
      'Signs up before the deadline: confirmed within the quota, else waitlisted with a position; once per person.',
    input: SignUpInput,
    result: SignupResult,
    refusals: {
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'signup.after-deadline': 'PRECONDITION_FAILED',
      'signup.exists': 'CONFLICT',
      'signup.not-audience': 'FORBIDDEN',
      ...proxyActRefusals,
    },
  },
  cancelSignup: {
    summary:
      'Cancels a sign-up before the deadline (not once checked in or recorded); the first on the waitlist is promoted and told.',
    input: ActivityIdInput,
    result: SignupResult,
    refusals: {
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'signup.after-deadline': 'PRECONDITION_FAILED',
      'signup.attended': 'PRECONDITION_FAILED',
      'signup.not-active': 'PRECONDITION_FAILED',
    },
  },
  liveCode: {
    summary: 'The organiser’s rotating check-in or check-out QR code.',
    input: LiveCodeInput,
    result: LiveCode,
    refusals: {
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.code-not-yet': 'PRECONDITION_FAILED',
      'activity.ended': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'activity.not-manager': 'FORBIDDEN',
    },
  },
  scan: {
    summary:
      "A confirmed volunteer checks in or out with the scanned code, or the 6-digit spoken code on the activity's page, inside the window; wrong 6-digit codes are limited per person and per activity; hours and points on check-out, once.",
    input: ScanInput,
    result: AttendanceResult,
    refusals: {
      'attendance.self-credit': 'FORBIDDEN',
      'account.no-profile': 'FORBIDDEN',
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.code-activity-limited': 'LIMIT_EXCEEDED',
      'activity.code-busy': 'CONFLICT',
      'activity.code-expired': 'PRECONDITION_FAILED',
      'activity.code-limited': 'LIMIT_EXCEEDED',
      'activity.code-needs-activity': 'PRECONDITION_FAILED',
      'activity.code-wrong': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'attendance.not-checked-in': 'PRECONDITION_FAILED',
      'attendance.not-confirmed': 'PRECONDITION_FAILED',
      'attendance.outside-window': 'PRECONDITION_FAILED',
      'qr.expired': 'PRECONDITION_FAILED',
      'qr.forged': 'PRECONDITION_FAILED',
      'qr.malformed': 'PRECONDITION_FAILED',
      'qr.not-yet-valid': 'PRECONDITION_FAILED',
      'qr.wrong-activity': 'PRECONDITION_FAILED',
    },
  },
  roster: {
    summary: 'The organiser’s roster with states, times and hours.',
    input: ActivityIdInput,
    result: Roster,
    refusals: {
      'activity.not-found': 'NOT_FOUND',
      'activity.not-manager': 'FORBIDDEN',
    },
  },
  correctAttendance: {
    summary:
      'The organiser corrects a volunteer’s attendance with a reason (audited); points follow the corrected hours.',
    input: CorrectAttendanceInput,
    result: RosterEntry,
    refusals: {
      'attendance.correction-closed': 'PRECONDITION_FAILED',
      'attendance.in-future': 'VALIDATION',
      'attendance.outside-activity': 'VALIDATION',
      'attendance.self-credit': 'FORBIDDEN',
      'activity.not-found': 'NOT_FOUND',
      'activity.not-manager': 'FORBIDDEN',
      'attendance.changed': 'CONFLICT',
      'attendance.invalid-times': 'VALIDATION',
      'attendance.not-started': 'PRECONDITION_FAILED',
      'signup.not-found': 'NOT_FOUND',
    },
  },
  myHours: {
    summary: 'The caller’s service hours in a community: total and per activity.',
    input: MyHoursInput,
    result: MyHours,
    refusals: {
      ...pageRefusals,
      'volunteer.not-in-community': 'FORBIDDEN',
    },
  },
  exportRoster: {
    summary: 'The roster as an xlsx file with Chinese headers.',
    input: ExportRosterInput,
    result: ExportFile,
    refusals: {
      'activity.not-found': 'NOT_FOUND',
      'activity.not-manager': 'FORBIDDEN',
    },
  },
  reconcile: {
    summary:
      'An admin of the community recounts an activity’s sign-ups and repairs its counters; reports what changed. Audited when something changed.',
    input: ActivityIdInput,
    result: ReconcileResult,
    refusals: {
      'activity.not-found': 'NOT_FOUND',
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  refuseProxyAct: {
    summary:
      'An admin of the community refuses one 代办 sign-up, named by its audit entry: it is cancelled as the resident’s own cancellation would be (the same rules; the waitlist promotes; counters move with the documents); audited, the resident and the proxy told, in the cancellation’s transaction.',
    input: RefuseProxyActInput,
    result: RefusedProxyAct,
    refusals: {
      ...refuseProxyActRefusals,
      'activity.cancelled': 'PRECONDITION_FAILED',
      'activity.not-found': 'NOT_FOUND',
      'signup.after-deadline': 'PRECONDITION_FAILED',
      'signup.attended': 'PRECONDITION_FAILED',
      'signup.not-active': 'PRECONDITION_FAILED',
    },
  },
} as const;
