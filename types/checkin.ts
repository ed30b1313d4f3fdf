/**
 * The `checkin` area (双报到): in-office Party members register (报到) with the community where
 * they live; work units register through their liaison; members check in (签到) at community
 * events by scanning the event's rotating, server-signed QR code inside the event's window.
 */
import { z } from 'zod';
import { REGISTRATION_STATUSES, SERVICE_INTENTIONS, EVENT_KINDS } from './labels/checkin';
import { DateInput, Id, IsoTime, PageInput, Paged, Phone, Reason, pageRefusals } from './common';
import { ReconcileInput, ReconcileReport } from './reconcile';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export { registrationStatusLabels, serviceIntentionLabels, eventKindLabels } from './labels/checkin';

// ---- registration (报到) -------------------------------------------------------------------

/** `ended`: approved, but the member role it granted has since been revoked (the registration is over). */
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** Service intentions a member may offer (服务意向). */
export const ServiceIntention = z.enum(SERVICE_INTENTIONS);
export type ServiceIntention = z.infer<typeof ServiceIntention>;

export const Registration = z.object({
  id: Id,
  userId: Id,
  /** Masked (张*) for anyone but the member, the community's admins and the unit's liaison. */
  userName: z.string(),
  communityId: Id,
  workUnitId: Id,
  workUnitName: z.string(),
  partyOrgName: z.string(),
  householdId: Id,
  /** "幸福里小区 · 1号楼 · 1-101"; shown only to the member and the community's admins. */
  householdLabel: z.string().nullable(),
  skills: z.array(z.string()),
  intentions: z.array(ServiceIntention),
  status: RegistrationStatus,
  reason: z.string().nullable().describe('why it was rejected or withdrawn'),
  createdAt: IsoTime,
  decidedAt: IsoTime.nullable(),
  withdrawnAt: IsoTime.nullable(),
});
export type Registration = z.infer<typeof Registration>;

const Skill = z.string().trim().min(1).max(20, '每项技能不超过20个字');

export const RegisterMemberInput = z
  .object({
    communityId: Id,
    workUnitId: Id,
    householdId: Id,
    skills: z.array(Skill).max(10, '技能最多填写10项').default([]),
    intentions: z.array(ServiceIntention).min(1, '请至少选择一项服务意向').max(7),
  })
  .strict();
export type RegisterMemberInput = z.infer<typeof RegisterMemberInput>;

export const DecideRegistrationInput = z.discriminatedUnion('decision', [
  z.object({ registrationId: Id, decision: z.literal('approve') }).strict(),
  z.object({ registrationId: Id, decision: z.literal('reject'), reason: Reason }).strict(),
]);
export type DecideRegistrationInput = z.infer<typeof DecideRegistrationInput>;

export const WithdrawRegistrationInput = z.object({ registrationId: Id, reason: Reason }).strict();
export type WithdrawRegistrationInput = z.infer<typeof WithdrawRegistrationInput>;

export const ListRegistrationsInput = PageInput.extend({
  communityId: Id,
  status: RegistrationStatus.optional(),
  workUnitId: Id.optional(),
}).strict();
export type ListRegistrationsInput = z.infer<typeof ListRegistrationsInput>;
export const RegistrationPage = Paged(Registration);
export type RegistrationPage = z.infer<typeof RegistrationPage>;

export const MyRegistrationsInput = z.object({}).strict();
export type MyRegistrationsInput = z.infer<typeof MyRegistrationsInput>;
export const MyRegistrationsResult = z.object({ items: z.array(Registration) });
export type MyRegistrationsResult = z.infer<typeof MyRegistrationsResult>;

/** A work unit asks to register with a community; its applicant becomes the liaison on approval. */
export const RegisterWorkUnitInput = z
  .object({
    communityId: Id,
    name: z.string().trim().min(1, '请填写单位名称').max(40, '单位名称不超过40个字'),
    partyOrgName: z.string().trim().min(1, '请填写单位党组织名称').max(40, '单位党组织名称不超过40个字'),
    contactPhone: z.union([
      Phone,
      z
        .string()
        .trim()
        .regex(/^0\d{2,3}-?\d{7,8}$/, '请输入正确的联系电话'),
    ]),
  })
  .strict();
export type RegisterWorkUnitInput = z.infer<typeof RegisterWorkUnitInput>;

export const UnitRegistration = z.object({
  id: Id,
  communityId: Id,
  applicantId: Id,
  applicantName: z.string(),
  name: z.string(),
  partyOrgName: z.string(),
  contactPhone: z.string().describe('masked unless the caller is an admin or the applicant'),
  status: RegistrationStatus,
  reason: z.string().nullable(),
  workUnitId: Id.nullable().describe('the work unit created on approval'),
  createdAt: IsoTime,
  decidedAt: IsoTime.nullable(),
});
export type UnitRegistration = z.infer<typeof UnitRegistration>;

export const DecideUnitRegistrationInput = z.discriminatedUnion('decision', [
  z.object({ unitRegistrationId: Id, decision: z.literal('approve') }).strict(),
  z.object({ unitRegistrationId: Id, decision: z.literal('reject'), reason: Reason }).strict(),
]);
export type DecideUnitRegistrationInput = z.infer<typeof DecideUnitRegistrationInput>;

export const ListUnitRegistrationsInput = PageInput.extend({
  communityId: Id,
  status: RegistrationStatus.optional(),
}).strict();
export type ListUnitRegistrationsInput = z.infer<typeof ListUnitRegistrationsInput>;
export const UnitRegistrationPage = Paged(UnitRegistration);
export type UnitRegistrationPage = z.infer<typeof UnitRegistrationPage>;

// ---- events and check-in (签到) --------------------------------------------------------------

export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

export const CheckinEvent = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  kind: EventKind,
  place: z.string(),
  startAt: IsoTime,
  endAt: IsoTime,
  /** Check-in is accepted from 30 minutes before the start until the end. */
  checkinOpensAt: IsoTime,
  organiserId: Id,
  /** Kept as history: who created it. */
  organiserName: z.string(),
  /** true when the organiser no longer holds an organising role: the community's admins manage it now. */
  managedByAdmins: z.boolean(),
  checkedInCount: z.number().int(),
  /** Whether the caller has checked in (false for organisers viewing). */
  checkedIn: z.boolean(),
  cancelled: z.boolean(),
});
export type CheckinEvent = z.infer<typeof CheckinEvent>;

const EventTitle = z.string().trim().min(2, '请填写活动名称（至少2个字）').max(40, '活动名称不超过40个字');

export const CreateEventInput = z
  .object({
    communityId: Id,
    title: EventTitle,
    kind: EventKind,
    place: z.string().trim().min(1, '请填写地点').max(60, '地点不超过60个字'),
    startAt: DateInput('开始时间'),
    endAt: DateInput('结束时间'),
  })
  .strict()
  // The longest an event may last is the community's setting, checked in one place on the
  // server (cloudfunctions/_shared/schedule-bounds.ts), not here.
  .refine((v) => Date.parse(v.endAt) > Date.parse(v.startAt), { path: ['endAt'], message: '结束时间必须晚于开始时间' });
export type CreateEventInput = z.infer<typeof CreateEventInput>;

export const CancelEventInput = z.object({ eventId: Id, reason: Reason }).strict();
export type CancelEventInput = z.infer<typeof CancelEventInput>;

export const ListEventsInput = PageInput.extend({
  communityId: Id,
  /** upcoming: not yet ended; past: ended. */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
}).strict();
export type ListEventsInput = z.infer<typeof ListEventsInput>;
export const EventPage = Paged(CheckinEvent);
export type EventPage = z.infer<typeof EventPage>;

/**
 * The organiser's live QR: a signed code valid for its slot and the next (≤ 60 s); beside it the
 * event's 6-digit spoken code, which changes every 2 minutes with the QR and is accepted until 2
 * minutes after it changes (docs/adr/0036).
 */
export const LiveCodeInput = z.object({ eventId: Id }).strict();
export type LiveCodeInput = z.infer<typeof LiveCodeInput>;
export const LiveCode = z.object({
  /** The text to render as a QR code. */
  code: z.string(),
  /** When the organiser's screen should fetch the next code. */
  refreshAt: IsoTime,
  /** After this instant the code is refused as expired. */
  expiresAt: IsoTime,
  /** The 6 digits to read aloud, typed on the event's own page ("048213"). */
  spokenCode: z.string().regex(/^\d{6}$/),
  /** When the spoken code is replaced by the next (it is still accepted for 2 minutes more). */
  spokenRefreshAt: IsoTime,
});
export type LiveCode = z.infer<typeof LiveCode>;

export const CheckInInput = z
  .object({
    /** The scanned text, or the event's 6-digit spoken code (then `eventId` is required). */
    code: z.string().min(1, '二维码内容为空').max(300, '不是本系统的签到码'),
    /**
     * When the member checks in from an event's own page: a QR code must belong to this event,
     * and a 6-digit code is checked against this event only.
     */
    eventId: Id.optional(),
  })
  .strict();
export type CheckInInput = z.infer<typeof CheckInInput>;
export const CheckInResult = z.object({
  eventId: Id,
  eventTitle: z.string(),
  /** true when this member had already checked in: it counts once. */
  alreadyCheckedIn: z.boolean(),
  checkedInAt: IsoTime,
  /** Points credited by this call (0 when already checked in or no rule). */
  pointsAwarded: z.number().int(),
});
export type CheckInResult = z.infer<typeof CheckInResult>;

export const RecordAttendanceInput = z.object({ eventId: Id, userId: Id, reason: Reason }).strict();
export type RecordAttendanceInput = z.infer<typeof RecordAttendanceInput>;

export const Attendance = z.object({
  userId: Id,
  userName: z.string(),
  /** qr: scanned; code: typed the 6-digit spoken code; manual: recorded by hand. */
  method: z.enum(['qr', 'code', 'manual']),
  checkedInAt: IsoTime,
  reason: z.string().nullable(),
});
export type Attendance = z.infer<typeof Attendance>;

export const ListAttendanceInput = PageInput.extend({ eventId: Id }).strict();
export type ListAttendanceInput = z.infer<typeof ListAttendanceInput>;
export const AttendancePage = Paged(Attendance);
export type AttendancePage = z.infer<typeof AttendancePage>;

export const checkinActions = {
  registerMember: {
    summary:
      'An in-office Party member registers (报到) with the community where they live; one open registration per community.',
    input: RegisterMemberInput,
    result: Registration,
    refusals: {
      'registration.not-party-member': 'PRECONDITION_FAILED',
      'community.not-found': 'NOT_FOUND',
      'registration.already-open': 'CONFLICT',
    },
  },
  myRegistrations: {
    summary: "The caller's registrations, newest first, with their history.",
    input: MyRegistrationsInput,
    result: MyRegistrationsResult,
    refusals: {},
  },
  listRegistrations: {
    summary: "A community's registrations (admins), or one unit's (its liaison), newest first.",
    input: ListRegistrationsInput,
    result: RegistrationPage,
    refusals: {
      ...pageRefusals,
      'registration.not-reviewer': 'FORBIDDEN',
      'registration.other-unit': 'FORBIDDEN',
    },
  },
  decideRegistration: {
    summary:
      'Approves (grants the in-office member role, credits registration points) or rejects with a reason. Admins only; audited.',
    input: DecideRegistrationInput,
    result: Registration,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'registration.not-found': 'NOT_FOUND',
      'registration.not-pending': 'PRECONDITION_FAILED',
      'registration.own': 'FORBIDDEN',
    },
  },
  withdrawRegistration: {
    summary: 'The member withdraws (注销) their approved or pending registration with a reason; the history remains.',
    input: WithdrawRegistrationInput,
    result: Registration,
    refusals: {
      'registration.not-found': 'NOT_FOUND',
      'registration.not-pending': 'PRECONDITION_FAILED',
      'registration.not-yours': 'FORBIDDEN',
    },
  },
  registerWorkUnit: {
    summary: 'A work unit asks to register with a community through its liaison (the caller).',
    input: RegisterWorkUnitInput,
    result: UnitRegistration,
    refusals: {
      'account.no-profile': 'FORBIDDEN',
      'community.not-found': 'NOT_FOUND',
      'unit-registration.already-pending': 'CONFLICT',
      'work-unit.duplicate-name': 'CONFLICT',
    },
  },
  listUnitRegistrations: {
    summary: "A community's work-unit registrations, newest first. Admins only.",
    input: ListUnitRegistrationsInput,
    result: UnitRegistrationPage,
    refusals: {
      ...pageRefusals,
      'auth.not-admin': 'FORBIDDEN',
    },
  },
  decideUnitRegistration: {
    summary:
      'Approves (creates the work unit, makes the applicant its liaison) or rejects with a reason. Admins only; audited.',
    input: DecideUnitRegistrationInput,
    result: UnitRegistration,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'registration.not-pending': 'PRECONDITION_FAILED',
      'registration.own': 'FORBIDDEN',
      'unit-registration.not-found': 'NOT_FOUND',
      'work-unit.duplicate-name': 'CONFLICT',
    },
  },
  createEvent: {
    summary: 'An admin (or building/estate leader) creates a check-in event (主题党日, meeting, volunteer activity).',
    input: CreateEventInput,
    result: CheckinEvent,
    refusals: {
      'schedule.before-community': 'VALIDATION',
      'schedule.in-the-past': 'VALIDATION',
      'schedule.too-far-ahead': 'VALIDATION',
      'schedule.too-long': 'VALIDATION',
      'event.not-organiser': 'FORBIDDEN',
    },
  },
  cancelEvent: {
    summary: 'The organiser or an admin cancels an event with a reason; audited.',
    input: CancelEventInput,
    result: CheckinEvent,
    refusals: {
      'event.cancelled': 'PRECONDITION_FAILED',
      'event.ended': 'PRECONDITION_FAILED',
      'event.not-found': 'NOT_FOUND',
      'event.not-manager': 'FORBIDDEN',
    },
  },
  listEvents: {
    summary: "A community's events (upcoming or past), for anyone with a role in it.",
    input: ListEventsInput,
    result: EventPage,
    refusals: {
      ...pageRefusals,
      'checkin.not-in-community': 'FORBIDDEN',
    },
  },
  liveCode: {
    summary:
      "The organiser's current signed QR code for an event (rotates every 30 s) and its 6-digit spoken code (changes every 2 minutes).",
    input: LiveCodeInput,
    result: LiveCode,
    refusals: {
      'event.cancelled': 'PRECONDITION_FAILED',
      'event.code-not-yet': 'PRECONDITION_FAILED',
      'event.ended': 'PRECONDITION_FAILED',
      'event.not-found': 'NOT_FOUND',
      'event.not-manager': 'FORBIDDEN',
    },
  },
  checkIn: {
    summary:
      "A member checks in with a scanned code, or with the 6-digit spoken code on the event's page: refused when expired, forged or wrong, for another event or outside the window; wrong 6-digit codes are limited per person and per event; twice counts once.",
    input: CheckInInput,
    result: CheckInResult,
    refusals: {
      'attendance.self-credit': 'FORBIDDEN',
      'account.no-profile': 'FORBIDDEN',
      'checkin.code-busy': 'CONFLICT',
      'checkin.code-event-limited': 'LIMIT_EXCEEDED',
      'checkin.code-expired': 'PRECONDITION_FAILED',
      'checkin.code-limited': 'LIMIT_EXCEEDED',
      'checkin.code-needs-event': 'PRECONDITION_FAILED',
      'checkin.code-wrong': 'PRECONDITION_FAILED',
      'checkin.not-in-community': 'FORBIDDEN',
      'checkin.outside-window': 'PRECONDITION_FAILED',
      'event.cancelled': 'PRECONDITION_FAILED',
      'event.not-found': 'NOT_FOUND',
      'qr.expired': 'PRECONDITION_FAILED',
      'qr.forged': 'PRECONDITION_FAILED',
      'qr.malformed': 'PRECONDITION_FAILED',
      'qr.not-yet-valid': 'PRECONDITION_FAILED',
      'qr.wrong-event': 'PRECONDITION_FAILED',
    },
  },
  recordAttendance: {
    summary: 'The organiser records attendance by hand with a reason (audited); counts once like a check-in.',
    input: RecordAttendanceInput,
    result: Attendance,
    refusals: {
      'attendance.correction-closed': 'PRECONDITION_FAILED',
      'attendance.self-credit': 'FORBIDDEN',
      'checkin.not-in-community': 'FORBIDDEN',
      'checkin.outside-window': 'PRECONDITION_FAILED',
      'event.cancelled': 'PRECONDITION_FAILED',
      'event.not-found': 'NOT_FOUND',
      'event.not-manager': 'FORBIDDEN',
      'user.not-found': 'NOT_FOUND',
    },
  },
  listAttendance: {
    summary: "An event's attendance, for its organiser and the community's admins.",
    input: ListAttendanceInput,
    result: AttendancePage,
    refusals: {
      ...pageRefusals,
      'event.not-found': 'NOT_FOUND',
      'event.not-manager': 'FORBIDDEN',
    },
  },
  reconcile: {
    summary:
      "An admin of the community recounts the documents behind a page of its events' check-in counters (checkedInCount) and repairs any that disagree; reports each change ({ id, field, from, to }) and the next page's cursor. Audited when something changed. A daily timer does the same for a page of all communities.",
    input: ReconcileInput,
    result: ReconcileReport,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
    },
  },
} as const;
