/**
 * The stored documents: every collection's name and the shape of its documents, declared once
 * (schema and type share a name). The server reads and writes these through the store helpers
 * (`cloudfunctions/_shared/store.ts`); results sent to clients are built from them through the
 * action schemas of each area (never returned raw, so no field leaks by accident). Times are
 * Dates in the database and ISO strings on the wire. A field marked optional is absent on
 * documents stored before it existed (or, for holds and relabel marks, on documents never held
 * or renamed). Tests parse the documents real actions write with `documentSchemas`
 * (tests/store), so a write that leaves its declared shape fails a test.
 *
 * Server-only: the app imports nothing from here (it ships no zod, docs/adr/0021).
 */
import { z } from 'zod';
import { BindingStatus, CouncilPosition, MemberType, RoleKind, Relation } from './account';
import { EventKind, RegistrationStatus } from './checkin';
import { Choice, ReviewBody, Step, Tally, Verdict, VoteRule } from './deliberation';
import { HoldCause } from './moderation';
import { messageKinds } from './notifications';
import { queuedKinds } from './subscriptions';
import { CouncilKind } from './org';
import { Grade, LedgerReason, QuarterRow } from './points';
import { ConsentKind, ProxyAct, ProxyStamp } from './proxy';
import { ActivityCategory, Audience, SignupState } from './volunteer';
import { WishCategory, WishState } from './wish';

/** Collection names, in one place, matching database/collections.json (a test checks it). */
export const Collections = {
  streets: 'streets',
  communities: 'communities',
  estates: 'estates',
  buildings: 'buildings',
  grids: 'grids',
  households: 'households',
  councils: 'councils',
  workUnits: 'work_units',
  users: 'users',
  roles: 'roles',
  bindingRequests: 'binding_requests',
  locks: 'locks',
  auditLog: 'audit_log',
  registrations: 'registrations',
  unitRegistrations: 'unit_registrations',
  events: 'events',
  checkins: 'checkins',
  checkinGuesses: 'checkin_guesses',
  pointRules: 'point_rules',
  pointLedger: 'point_ledger',
  pointBalances: 'point_balances',
  quarterResults: 'quarter_results',
  ratings: 'ratings',
  messages: 'messages',
  subscriptionConsents: 'subscription_consents',
  wishes: 'wishes',
  activities: 'activities',
  signups: 'signups',
  topics: 'topics',
  opinions: 'opinions',
  opinionSupports: 'opinion_supports',
  ballots: 'ballots',
  objections: 'objections',
  topicRatings: 'topic_ratings',
  importJobs: 'import_jobs',
  proxyConsents: 'proxy_consents',
  jobCursors: 'job_cursors',
  rollups: 'rollups',
  rollupMarks: 'rollup_marks',
  rollupCursors: 'rollup_cursors',
  rollupRemovals: 'rollup_removals',
} as const;
export type CollectionName = (typeof Collections)[keyof typeof Collections];

const id = z.string().min(1);
const when = z.date();

// ---- shared parts -----------------------------------------------------------------------------

/**
 * On a place or unit whose name others copy (_shared/place-labels.ts): set by a rename in the
 * same write, cleared by the relabel job (org/src/relabel-copies.ts) once every copy follows.
 */
const relabelMark = {
  relabelPending: z.boolean().optional(),
  relabelRev: z.number().int().optional(),
  /** Where a cut-off relabel run resumes: the scan it was in and the last `_id` done. */
  relabelCursor: z.object({ scan: z.number().int(), after: z.string().nullable() }).nullable().optional(),
};
export const RelabelMark = z.object(relabelMark);
export type RelabelMark = z.infer<typeof RelabelMark>;

/** A text held for manual review (_shared/moderation.ts), one per field. */
export const TextHold = z.strictObject({
  /** The field's name for reviewers and clients: its main document path. */
  field: z.string(),
  label: z.string(),
  /** Every document path the text is stored at (the field, a timeline note…). */
  paths: z.array(z.string()),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  cause: HoldCause,
  at: when,
});
export type TextHold = z.infer<typeof TextHold>;

/** The fields a document with holds carries (absent on documents never held). */
const holdable = {
  holds: z.array(TextHold).optional(),
  held: z.boolean().optional(),
  heldCount: z.number().int().optional(),
  holdsRev: z.number().int().optional(),
};
export const Holdable = z.object(holdable);
export type Holdable = z.infer<typeof Holdable>;

/**
 * Messages an act still owes, written in the act's own write and removed once they are in the
 * message list (cloudfunctions/_shared/outbox.ts, docs/adr/0031). One batch per act, by name:
 * the people (each with their message's key) and the one text they are all told.
 */
/** A queued subscription message's kind and values (types/subscriptions.ts `QueuedPush`). */
const Push = z.strictObject({
  kind: z.enum(queuedKinds),
  values: z.record(z.string(), z.union([z.string(), z.number(), when])),
});

export const OutboxBatch = z.strictObject({
  to: z.array(z.strictObject({ key: z.string(), userId: id })),
  communityId: id.nullable(),
  kind: z.enum(messageKinds),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  /** The subscription message each person is also sent, if they consented (queued with the message). */
  push: Push.optional(),
});
export type OutboxBatch = z.infer<typeof OutboxBatch>;

/** The field a document that owes messages carries (absent, or `{}` once delivered). */
const outboxable = {
  outbox: z.record(z.string(), OutboxBatch).optional(),
  /** Who the owed batches tell (absent or empty once delivered): the message centre's marker. */
  owedTo: z.array(id).optional(),
};

// ---- org: places, units, councils -------------------------------------------------------------

export const StreetDoc = z.strictObject({ _id: id, name: z.string() });
export type StreetDoc = z.infer<typeof StreetDoc>;

export const CommunityDoc = z.strictObject({
  _id: id,
  streetId: id,
  name: z.string(),
  address: z.string(),
  /** When the community came onto the platform; schedules may not start before it (absent in older data). */
  createdAt: when.optional(),
  updatedAt: when,
  ...relabelMark,
});
export type CommunityDoc = z.infer<typeof CommunityDoc>;

export const EstateDoc = z.strictObject({
  _id: id,
  communityId: id,
  name: z.string(),
  partyBranchName: z.string(),
  createdAt: when,
  updatedAt: when,
  ...relabelMark,
});
export type EstateDoc = z.infer<typeof EstateDoc>;

export const BuildingDoc = z.strictObject({
  _id: id,
  communityId: id,
  estateId: id,
  name: z.string(),
  partyGroupName: z.string(),
  /**
   * The 网格 (grid) the building belongs to: every building is in exactly one grid. Absent on
   * buildings stored before grids existed (or never assigned): they count under "未划分网格".
   */
  gridId: id.optional(),
  createdAt: when,
  updatedAt: when,
  ...relabelMark,
});
export type BuildingDoc = z.infer<typeof BuildingDoc>;

/**
 * A 网格 (grid): a named set of a community's buildings, the layer between estate and building a
 * 网格员 (grid worker) looks after. The buildings point to it (`BuildingDoc.gridId`); names are
 * unique within the community.
 */
export const GridDoc = z.strictObject({
  _id: id,
  communityId: id,
  name: z.string(),
  createdAt: when,
  updatedAt: when,
});
export type GridDoc = z.infer<typeof GridDoc>;

export const HouseholdDoc = z.strictObject({
  _id: id,
  communityId: id,
  estateId: id,
  buildingId: id,
  room: z.string(),
  floorArea: z.number(),
  isPartyCenter: z.boolean(),
  createdAt: when,
  updatedAt: when,
  ...relabelMark,
});
export type HouseholdDoc = z.infer<typeof HouseholdDoc>;

/**
 * One household import (`import_jobs`, _id = import-<hash of the fileID>): written before the
 * import's first household write; the import's audit entry (_id audit-<job id>) marks it done.
 */
export const ImportJobDoc = z.strictObject({
  _id: id,
  communityId: id,
  fileID: z.string(),
  actorId: id,
  /** The write time of every household the import writes (a retry reuses it). */
  startedAt: when,
  /** The updated households' values before the import. */
  updatesBefore: z.array(HouseholdDoc.pick({ _id: true, floorArea: true, isPartyCenter: true, updatedAt: true })),
  /** The reply (known before the first write). */
  result: z.unknown(),
});
export type ImportJobDoc = z.infer<typeof ImportJobDoc>;

/**
 * A scheduled job's saved place (`job_cursors`, docs/adr/0041-bounded-jobs): `_id` = the job's
 * name (its ring over the communities: `after`, the community it last started) or
 * `<job>:<communityId>` (that community's own keyset cursor, `state`). `scope` names what the
 * cursor is for (a quarter, or `-` for jobs that sweep forever): a cursor of another scope is
 * ignored. `finished` marks a scope done for good (close-quarters).
 */
export const JobCursorDoc = z.strictObject({
  _id: id,
  job: z.string(),
  communityId: z.string().nullable(),
  scope: z.string(),
  /** Ring: the community the last run started last (null: start from the first). */
  after: z.string().nullable().optional(),
  /** The scope's work is complete (for jobs done once per scope). */
  finished: z.boolean(),
  /** Community: the job's own cursor (null: start from the beginning). */
  state: z.unknown().optional(),
  updatedAt: when,
});
export type JobCursorDoc = z.infer<typeof JobCursorDoc>;

export const CouncilDoc = z.strictObject({ _id: id, communityId: id, kind: CouncilKind, name: z.string() });
export type CouncilDoc = z.infer<typeof CouncilDoc>;

export const WorkUnitDoc = z.strictObject({
  _id: id,
  communityId: id,
  name: z.string(),
  partyOrgName: z.string(),
  contactPhone: z.string(),
  liaisonUserId: id.nullable(),
  createdAt: when,
  updatedAt: when,
  ...relabelMark,
});
export type WorkUnitDoc = z.infer<typeof WorkUnitDoc>;

// ---- account: people, roles, bindings, locks, audit -------------------------------------------

export const UserDoc = z.strictObject({
  _id: id,
  openid: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  /** 政治面貌 as the person declared it: true for 中共党员. Absent (= false) on users stored before it existed. */
  partyMember: z.boolean().optional(),
  createdAt: when,
  updatedAt: when,
  /**
   * A resident without WeChat, recorded by a 代办 proxy (docs/adr/0040-proxy-acts.md): `_id`
   * `offline-<hash of household and name>`, `openid` `offline:<_id>` (never a real OPENID) until
   * the person joins and the record is theirs. Absent (= false) on everyone else.
   */
  offline: z.boolean().optional(),
  /**
   * An offline record the person joined (account.decideBinding approving a claim): when, and the
   * profile user they registered with before, whose OPENID this record took over.
   */
  joinedAt: when.optional(),
  joinedFrom: id.optional(),
  /**
   * A profile retired by joining an offline record: the record that is now this person; the
   * retired user's `openid` is `joined:<record id>` so it resolves nobody.
   */
  mergedInto: id.optional(),
  /** Local demo data only: how the persona switcher describes and orders this person. */
  title: z.string().optional(),
  personaOrder: z.number().optional(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/**
 * A role assignment. `_id` is a natural key (`<kind>:<userId>:<scopeId>`) so granting the
 * same role twice is the same document. Revoking deletes it (the audit log keeps the before).
 */
export const RoleDoc = z.strictObject({
  _id: id,
  userId: id,
  kind: RoleKind,
  communityId: id,
  estateId: id.nullable(),
  buildingId: id.nullable(),
  householdId: id.nullable(),
  councilId: id.nullable(),
  councilKind: CouncilKind.nullable(),
  position: CouncilPosition.nullable(),
  workUnitId: id.nullable(),
  memberType: MemberType.nullable(),
  /** street_viewer / street_admin: its street. Absent on roles stored before that kind existed (= null). */
  streetId: id.nullable().optional(),
  /** council_member chair of the owners' committee granted as a 一肩挑 dual post (absent = false). */
  dualPost: z.boolean().optional(),
  /** grid_worker / grid_leader: its 网格. Absent on every other role. */
  gridId: id.optional(),
  scopeLabel: z.string(),
  grantedBy: id.nullable(),
  grantedAt: when,
});
export type RoleDoc = z.infer<typeof RoleDoc>;

export const BindingRequestDoc = z.strictObject({
  _id: id,
  userId: id,
  userName: z.string(),
  communityId: id,
  estateId: id,
  buildingId: id,
  householdId: id,
  householdLabel: z.string(),
  relation: Relation,
  status: BindingStatus,
  reason: z.string().nullable(),
  decidedBy: id.nullable(),
  decidedByName: z.string().nullable(),
  createdAt: when,
  decidedAt: when.nullable(),
  /** The offline record the applicant claims to be (RequestBindingInput.claimOffline); absent: none. */
  claimOfflineId: id.nullable().optional(),
  ...outboxable,
});
export type BindingRequestDoc = z.infer<typeof BindingRequestDoc>;

/** A lock held while something is open (e.g. `binding:<userId>:<householdId>`); removed on close. */
export const LockDoc = z.strictObject({ _id: id, holder: z.string(), createdAt: when });
export type LockDoc = z.infer<typeof LockDoc>;

export const AuditDoc = z.strictObject({
  _id: id,
  communityId: id,
  actorId: id.nullable(),
  actorName: z.string(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  at: when,
  /** A 代办 entry (action `proxy.*`): the resident's grid, so acts are counted per grid (null: 未划分网格). */
  gridId: id.nullable().optional(),
  /** A 代办 entry: the resident acted for. */
  residentId: id.optional(),
});
export type AuditDoc = z.infer<typeof AuditDoc>;

// ---- checkin: registrations (报到), events, check-ins (签到) --------------------------------

export const RegistrationDoc = z.strictObject({
  _id: id,
  userId: id,
  userName: z.string(),
  communityId: id,
  workUnitId: id,
  workUnitName: z.string(),
  partyOrgName: z.string(),
  householdId: id,
  householdLabel: z.string(),
  skills: z.array(z.string()),
  intentions: z.array(z.string()),
  /** `ended`: approved, but the member role it granted was revoked (settled by registerMember). */
  status: RegistrationStatus,
  reason: z.string().nullable(),
  decidedBy: id.nullable(),
  createdAt: when,
  decidedAt: when.nullable(),
  withdrawnAt: when.nullable(),
  /** An approval with points owes its applicant's message here (checkin/src/decide-registration.ts). */
  ...outboxable,
});
export type RegistrationDoc = z.infer<typeof RegistrationDoc>;

export const UnitRegistrationDoc = z.strictObject({
  _id: id,
  communityId: id,
  applicantId: id,
  applicantName: z.string(),
  name: z.string(),
  partyOrgName: z.string(),
  contactPhone: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  reason: z.string().nullable(),
  workUnitId: id.nullable(),
  decidedBy: id.nullable(),
  createdAt: when,
  decidedAt: when.nullable(),
  ...outboxable,
});
export type UnitRegistrationDoc = z.infer<typeof UnitRegistrationDoc>;

export const EventDoc = z.strictObject({
  _id: id,
  communityId: id,
  title: z.string(),
  kind: EventKind,
  place: z.string(),
  startAt: when,
  endAt: when,
  checkinOpensAt: when,
  organiserId: id,
  organiserName: z.string(),
  /** Signs the event's rotating QR codes; never leaves the server. */
  qrSecret: z.string(),
  checkedInCount: z.number().int(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  createdAt: when,
});
export type EventDoc = z.infer<typeof EventDoc>;

/** One per member and event: `_id` is `<eventId>:<userId>`, so checking in twice is one document. */
export const CheckinDoc = z.strictObject({
  _id: id,
  eventId: id,
  eventTitle: z.string(),
  communityId: id,
  userId: id,
  userName: z.string(),
  /** qr: scanned; code: the 6-digit spoken code typed on the event's page; manual: recorded by hand. */
  method: z.enum(['qr', 'code', 'manual']),
  reason: z.string().nullable(),
  recordedBy: id.nullable(),
  quarter: z.string(),
  checkedInAt: when,
});
export type CheckinDoc = z.infer<typeof CheckinDoc>;

/**
 * Wrong 6-digit check-in codes counted for rate limiting (docs/adr/0036): `_id` is
 * `person:<userId>` or `event:<eventId>`; `count` attempts since `windowStart` (a window lasts
 * 10 minutes from its first wrong code). Written only by conditional updates.
 */
export const GuessCounterDoc = z.strictObject({
  _id: id,
  count: z.number().int(),
  windowStart: when,
});
export type GuessCounterDoc = z.infer<typeof GuessCounterDoc>;

// ---- points: rules, ledger, balances, quarter results, ratings -------------------------------

/**
 * A community's rules (积分规则与诚信限额), `_id` = communityId; the defaults apply until an
 * admin edits them (_shared/point-rules.ts). The integrity limits are absent on documents
 * written before they existed (`pointRules` fills them from the defaults).
 */
export const PointRulesDoc = z.strictObject({
  _id: id,
  registration: z.number(),
  checkin: z.number(),
  volunteerHour: z.number(),
  wishFulfilled: z.number(),
  deliberation: z.number(),
  quarterThreshold: z.number(),
  /** The longest an activity or a check-in event may last, in hours (default 12). */
  maxActivityHours: z.number(),
  /** Attendance of a past event or activity may be corrected this many days after its end (default 7). */
  attendanceCorrectionDays: z.number(),
  /** The largest |amount| of one manual adjustment (default 100). */
  adjustmentCapPerCall: z.number(),
  /** The largest sum of |amount| of manual adjustments to one person in one quarter (default 200). */
  adjustmentCapPerQuarter: z.number(),
  updatedAt: when,
});
export type PointRulesDoc = z.infer<typeof PointRulesDoc>;

/** One ledger entry (_shared/ledger.ts); `_id` is its idempotency key. */
export const LedgerDoc = z.strictObject({
  _id: id,
  userId: id,
  communityId: id,
  amount: z.number(),
  reason: LedgerReason,
  sourceId: z.string(),
  explanation: z.string(),
  quarter: z.string(),
  /** Volunteer hours behind a volunteer_hours entry (for service cards); 0 otherwise. */
  hours: z.number(),
  reversesId: id.nullable(),
  createdBy: id.nullable(),
  createdAt: when,
});
export type LedgerDoc = z.infer<typeof LedgerDoc>;

/** A member's balance (`<communityId>:<userId>`): a cache of the ledger, moved with each entry. */
export const BalanceDoc = z.strictObject({
  _id: id,
  userId: id,
  communityId: id,
  balance: z.number(),
  /** Quarter label → that quarter's total. */
  quarters: z.record(z.string(), z.number()),
  /** Quarter label → sum of |amount| of manual adjustments in it (absent before the first one). */
  adjusted: z.record(z.string(), z.number()).optional(),
  updatedAt: when,
});
export type BalanceDoc = z.infer<typeof BalanceDoc>;

/** A closed quarter (`<communityId>:<quarter>`): the rows as they stood when it was closed. */
export const QuarterResultDoc = z.strictObject({
  _id: id,
  communityId: id,
  quarter: z.string(),
  threshold: z.number(),
  rows: z.array(QuarterRow),
  closedAt: when,
  /** The admin who closed it; null when the scheduled job did. */
  closedBy: id.nullable(),
  /** Their name, for the audit entry (absent in older results). */
  closedByName: z.string().nullable().optional(),
  /**
   * false from the close until its audit entry is written; absent (older results) = audited.
   * A close cut off between the two is finished by the next close of the quarter.
   */
  audited: z.boolean().optional(),
});
export type QuarterResultDoc = z.infer<typeof QuarterResultDoc>;

export const RatingTarget = z.enum(['member', 'work_unit']);
export type RatingTarget = z.infer<typeof RatingTarget>;

/** A yearly rating (`<year>:<communityId>:<target>:<targetId>`; re-rating replaces it). */
export const RatingDoc = z.strictObject({
  _id: id,
  communityId: id,
  year: z.number().int(),
  target: RatingTarget,
  targetId: id,
  targetName: z.string(),
  grade: Grade,
  comment: z.string(),
  ratedBy: id,
  ratedAt: when,
});
export type RatingDoc = z.infer<typeof RatingDoc>;

// ---- messages ---------------------------------------------------------------------------------

/** An in-app message; `_id` is the notifier's idempotency key (_shared/notify.ts). */
export const MessageDoc = z.strictObject({
  _id: id,
  userId: id,
  communityId: id.nullable(),
  kind: z.enum(messageKinds),
  title: z.string(),
  body: z.string(),
  /** A page path in the app to open, e.g. `/packages/wish/pages/detail/index?id=…`. */
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: when,
  /**
   * The send queue (cloudfunctions/messages/src/send-subscriptions.ts): the subscription message
   * to send with this one, inserted with it; `queued` until the timer takes it — `sending` once
   * taken (and one consent used), `sent` / `refused` after WeChat's answer, `in-app` when the
   * person had no consent left or no openid. Absent for a message without one.
   */
  push: Push.extend({
    state: z.enum(['queued', 'sending', 'sent', 'refused', 'in-app']),
    at: when.optional(),
  }).optional(),
});
export type MessageDoc = z.infer<typeof MessageDoc>;

/**
 * One person's one-time consents to one queued kind's template (`<userId>:<kind>`): how many
 * they gave (each `requestSubscribeMessage` accept is one) and have not yet been used by a send.
 */
export const SubscriptionConsentDoc = z.strictObject({
  _id: id,
  userId: id,
  kind: z.enum(queuedKinds),
  count: z.number().int().min(0),
  updatedAt: when,
});
export type SubscriptionConsentDoc = z.infer<typeof SubscriptionConsentDoc>;

// ---- wish -------------------------------------------------------------------------------------

/** A timeline entry as stored (names in full; masked on the way out when needed). */
export const TimelineDoc = z.strictObject({
  at: when,
  from: WishState.nullable(),
  to: WishState,
  /** The move that made it (an action name, or `expire` / `autoRelease` for the scheduler). */
  via: z.string(),
  byId: id.nullable(),
  byName: z.string(),
  note: z.string().nullable(),
});
export type TimelineDoc = z.infer<typeof TimelineDoc>;

/** A wish (cloudfunctions/wish/src/store.ts has its invariants). */
export const WishDoc = z.strictObject({
  _id: id,
  communityId: id,
  estateId: id,
  buildingId: id,
  householdId: id,
  /** "幸福里小区 · 1号楼 · 1-102" — shown only to those who may see the contact details. */
  householdLabel: z.string(),
  posterId: id,
  posterName: z.string(),
  posterOpenid: z.string(),
  category: WishCategory,
  title: z.string(),
  content: z.string(),
  /** `cloud://` file ids. */
  photos: z.array(z.string()),
  /** YYYY-MM-DD, Asia/Shanghai. */
  wantedBy: z.string(),
  wantedByEnd: when,
  state: WishState,
  rev: z.number().int(),
  claimSeq: z.number().int(),
  claimerId: id.nullable(),
  claimerName: z.string().nullable(),
  claimerOpenid: z.string().nullable(),
  /** Set when a liaison claimed for their work unit; `claimerName` is then the unit's name. */
  claimWorkUnitId: id.nullable(),
  claimedAt: when.nullable(),
  fulfilment: z.strictObject({ note: z.string(), photos: z.array(z.string()), at: when }).nullable(),
  confirmation: z
    .strictObject({
      rating: z.number(),
      thanks: z.string().nullable(),
      at: when,
      /** Confirmed by a proxy for the poster (代办). */
      proxy: ProxyStamp.optional(),
    })
    .nullable(),
  rejectReason: z.string().nullable(),
  /** Set by a confirmation until the claimer's points are in the ledger (the job retries). */
  creditPending: z.boolean(),
  /** Posted by a proxy for the poster (代办); absent when the poster posted it. */
  proxy: ProxyStamp.optional(),
  timeline: z.array(TimelineDoc),
  createdAt: when,
  updatedAt: when,
  ...holdable,
  ...outboxable,
});
export type WishDoc = z.infer<typeof WishDoc>;

// ---- volunteer --------------------------------------------------------------------------------

/** One waiting person; the openid lets a promotion tell them without another read. */
export const WaitEntry = z.strictObject({ userId: id, seq: z.number().int(), openid: z.string().nullable() });
export type WaitEntry = z.infer<typeof WaitEntry>;

/** A volunteer activity (cloudfunctions/volunteer/src/store.ts has its invariants). */
export const ActivityDoc = z.strictObject({
  _id: id,
  communityId: id,
  title: z.string(),
  category: ActivityCategory,
  description: z.string(),
  place: z.string(),
  startAt: when,
  endAt: when,
  signupDeadline: when,
  quota: z.number().int(),
  pointsPerHour: z.number(),
  audience: Audience,
  workUnitId: id.nullable(),
  organiserId: id,
  organiserName: z.string(),
  qrSecret: z.string(),
  nextSeq: z.number().int(),
  freeSlots: z.number().int(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  /**
   * Who holds a place (confirmed, checked in, completed, no-show), by userId in seq order;
   * `confirmedCount` is its length. Written in the same transaction as every sign-up move.
   * Absent only on activities stored before it existed (queue.ts rebuilds it on first touch).
   */
  holders: z.array(id).optional(),
  /**
   * The waitlist, without its entries (they are the waiting sign-up documents, ADR 0033): the seq
   * of the first waiting sign-up (0 when nobody waits). Every seq handed out after it went to a
   * waiting sign-up, so the ones between it and `nextSeq` are waiting or in `waitGone`.
   */
  waitHead: z.number().int().optional(),
  /** Seqs above `waitHead` whose sign-ups left the waitlist (cancelled), ascending. */
  waitGone: z.array(z.number().int()).optional(),
  /** Only on activities stored before ADR 0033: the waitlist's entries (rebuilt on first touch). */
  waitlist: z.array(WaitEntry).optional(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  /** Set by the close-attendance job once the activity's attendance is final. */
  attendanceClosed: z.boolean(),
  createdAt: when,
  updatedAt: when,
  /** `cancelled`: the cancellation's messages, until delivered (volunteer/src/cancel.ts, ADR 0031). */
  ...outboxable,
});
export type ActivityDoc = z.infer<typeof ActivityDoc>;

/** A sign-up, `_id` = `<activityId>:<userId>`. */
export const SignupDoc = z.strictObject({
  _id: id,
  activityId: id,
  communityId: id,
  userId: id,
  userName: z.string(),
  /** The activity's title, copied for the overlap warning (absent on older sign-ups). */
  activityTitle: z.string().optional(),
  state: SignupState,
  seq: z.number().int(),
  /** The person's openid, so a promotion or a cancellation can tell them (absent on older sign-ups). */
  openid: z.string().nullable().optional(),
  /** Only in documents stored by the former design: a claim that never got its seq (not live). */
  pending: z.boolean().optional(),
  /** The activity's times, copied for overlap checks and "mine" lists. */
  startAt: when,
  endAt: when,
  checkedInAt: when.nullable(),
  checkedOutAt: when.nullable(),
  hours: z.number(),
  points: z.number(),
  autoClosed: z.boolean(),
  correctedReason: z.string().nullable(),
  /** How many volunteer_hours entries this sign-up has had (0 = none); the current one's key is `creditKey(…, creditVersion)`. */
  creditVersion: z.number().int(),
  /** Signed up by a proxy for the person (代办). */
  proxy: ProxyStamp.optional(),
  createdAt: when,
  updatedAt: when,
});
export type SignupDoc = z.infer<typeof SignupDoc>;

// ---- deliberation -----------------------------------------------------------------------------

export const HistoryDoc = z.strictObject({
  at: when,
  byId: id.nullable(),
  byName: z.string(),
  from: Step.nullable(),
  to: Step,
  note: z.string().nullable(),
});
export type HistoryDoc = z.infer<typeof HistoryDoc>;

export const ReviewDoc = z.strictObject({
  body: ReviewBody,
  verdict: Verdict,
  comment: z.string(),
  byId: id,
  byName: z.string(),
  at: when,
  /** Signed under a 支部书记+业委会主任 一肩挑 dual post (the same person signed both bodies). */
  dualPost: z.boolean().optional(),
});
export type ReviewDoc = z.infer<typeof ReviewDoc>;

export const ProposalDoc = z.strictObject({
  version: z.number().int(),
  text: z.string(),
  answersOpinionIds: z.array(id),
  draftedAt: when,
  draftedBy: id,
  reviews: z.array(ReviewDoc),
});
export type ProposalDoc = z.infer<typeof ProposalDoc>;

/** One eligible household as frozen when voting opened: id and floor area in hundredths. */
export const EligibleDoc = z.strictObject({ h: id, a: z.number().int() });
export type EligibleDoc = z.infer<typeof EligibleDoc>;

export const VoteDoc = z.strictObject({
  rule: VoteRule,
  opensAt: when,
  closesAt: when,
  eligible: z.array(EligibleDoc),
  eligibleHouseholds: z.number().int(),
  eligibleAreaCents: z.number().int(),
  /** The public-notice period chosen when voting opened (absent on older topics: NOTICE_DAYS). */
  noticeDays: z.number().int().optional(),
  tally: Tally.nullable(),
});
export type VoteDoc = z.infer<typeof VoteDoc>;

export const NoticeDoc = z.strictObject({
  startsAt: when,
  endsAt: when,
  suspended: z.boolean(),
  suspendReason: z.string().nullable(),
});
export type NoticeDoc = z.infer<typeof NoticeDoc>;

export const ProgressDoc = z.strictObject({
  percent: z.number(),
  note: z.string(),
  photos: z.array(z.string()),
  byId: id,
  byName: z.string(),
  at: when,
});
export type ProgressDoc = z.infer<typeof ProgressDoc>;

/** A topic (cloudfunctions/deliberation/src/store.ts has its invariants). */
export const TopicDoc = z.strictObject({
  _id: id,
  communityId: id,
  estateId: id,
  buildingId: id.nullable(),
  scopeLabel: z.string(),
  title: z.string(),
  background: z.string(),
  photos: z.array(z.string()),
  collectEndsAt: when,
  leaderId: id,
  leaderName: z.string(),
  step: Step,
  rev: z.number().int(),
  proposals: z.array(ProposalDoc),
  vote: VoteDoc.nullable(),
  /** Copy of vote.closesAt at the top level, indexed with `step` for the timer. */
  voteClosesAt: when.nullable(),
  notice: NoticeDoc.nullable(),
  /**
   * No longer written or read: open objections are counted from the objection documents
   * (docs/adr/0016). Topics stored before still carry it.
   */
  openObjections: z.number().int().optional(),
  execution: z.strictObject({ executor: z.string(), dueDate: z.string(), progress: z.array(ProgressDoc) }).nullable(),
  evaluation: z.strictObject({ endsAt: when }).nullable(),
  /** Copy of evaluation.endsAt at the top level, for the timer. */
  evaluationEndsAt: when.nullable(),
  endedReason: z.string().nullable(),
  history: z.array(HistoryDoc),
  openedAt: when,
  updatedAt: when,
  ...holdable,
  ...outboxable,
});
export type TopicDoc = z.infer<typeof TopicDoc>;

export const OpinionDoc = z.strictObject({
  _id: id,
  topicId: id,
  communityId: id,
  authorId: id,
  authorName: z.string(),
  text: z.string(),
  photos: z.array(z.string()),
  supportCount: z.number().int(),
  /** Posted by a proxy for the author (代办). */
  proxy: ProxyStamp.optional(),
  createdAt: when,
  ...holdable,
  /** Owes its author the notice that a text is held (ADR 0031, 0038). */
  ...outboxable,
});
export type OpinionDoc = z.infer<typeof OpinionDoc>;

/** A support of an opinion, `<opinionId>:<userId>`. */
export const SupportDoc = z.strictObject({
  _id: id,
  opinionId: id,
  topicId: id,
  userId: id,
  createdAt: when,
});
export type SupportDoc = z.infer<typeof SupportDoc>;

/** A household's ballot, `<topicId>:<householdId>`. */
export const BallotDoc = z.strictObject({
  _id: id,
  topicId: id,
  householdId: id,
  /** The household's floor area (hundredths of m²) as frozen when voting opened. */
  areaCents: z.number().int(),
  choice: Choice,
  userId: id,
  castAt: when,
  /** Cast by a proxy for the household, on a written consent (代办). */
  proxy: ProxyStamp.optional(),
});
export type BallotDoc = z.infer<typeof BallotDoc>;

export const ObjectionDoc = z.strictObject({
  _id: id,
  topicId: id,
  communityId: id,
  authorId: id,
  authorName: z.string(),
  text: z.string(),
  answer: z.string().nullable(),
  answeredBy: id.nullable(),
  answeredAt: when.nullable(),
  createdAt: when,
  ...holdable,
  /** Owes its author the notice that a text is held (ADR 0031, 0038). */
  ...outboxable,
});
export type ObjectionDoc = z.infer<typeof ObjectionDoc>;

/** A household's rating of a finished topic, `<topicId>:<householdId>`. */
export const TopicRatingDoc = z.strictObject({
  _id: id,
  topicId: id,
  householdId: id,
  userId: id,
  score: z.number().int(),
  /** 1 for a score of 4 or 5, else 0 (summed for the satisfaction rate). */
  high: z.number().int(),
  comment: z.string(),
  createdAt: when,
  /** The topic's community: written with a held comment (the reviewers' list needs it). */
  communityId: id.optional(),
  ...holdable,
  /** Owes its author the notice that a text is held (ADR 0031, 0038). */
  ...outboxable,
});
export type TopicRatingDoc = z.infer<typeof TopicRatingDoc>;

// ---- 代办 consents ------------------------------------------------------------------------------

/**
 * A resident's consent that a proxy acts for them (docs/adr/0040-proxy-acts.md): recorded by the
 * proxy, withdrawn by the resident, the proxy or an admin (`refused`); never deleted.
 */
export const ProxyConsentDoc = z.strictObject({
  _id: id,
  communityId: id,
  residentId: id,
  residentName: z.string(),
  householdId: id,
  householdLabel: z.string(),
  buildingId: id,
  /** The building's grid when the consent was recorded (null: 未划分网格). */
  gridId: id.nullable(),
  /** Who recorded it (the proxy). */
  actorId: id,
  actorName: z.string(),
  scope: z.array(ProxyAct),
  kind: ConsentKind,
  /** The signed 委托书's photo (`cloud://`); required for a written consent, so for a ballot. */
  photoFileId: z.string().nullable(),
  grantedAt: when,
  withdrawnAt: when.nullable(),
  withdrawnById: id.nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** Withdrawn by an admin (refused) rather than by the resident or the proxy. */
  refused: z.boolean(),
});
export type ProxyConsentDoc = z.infer<typeof ProxyConsentDoc>;
// ---- dashboard roll-ups (docs/adr/0042-roll-ups.md) ------------------------------------------

/** Nested maps of integer figures. */
const Figures: z.ZodType<Record<string, unknown>> = z.lazy(() => z.record(z.string(), z.union([z.number(), Figures])));

/** `community:<c>:<YYYY-MM | YYYYQn | now>`: the dashboard's figures (dashboard/src/rollup-model.ts). */
export const RollupDoc = z.object({ _id: id, communityId: id, period: z.string(), updatedAt: when }).catchall(Figures);
export type RollupDoc = z.infer<typeof RollupDoc>;

/** `<source>:<documentId>`: what a document contributed when it was last folded. */
export const RollupMarkDoc = z.strictObject({
  _id: id,
  communityId: id,
  parts: z.array(z.tuple([z.string(), z.string(), z.number()])),
});
export type RollupMarkDoc = z.infer<typeof RollupMarkDoc>;

/** `<source>`: where the fold job resumes — the window [at, to) and the last `_id` folded in it. */
export const RollupCursorDoc = z.strictObject({
  _id: id,
  at: when,
  to: when.nullable(),
  after: z.string().nullable(),
});
export type RollupCursorDoc = z.infer<typeof RollupCursorDoc>;

/**
 * `<collection>:<docId>`: a document the roll-ups count, about to be removed (written before the
 * removal, so the fold job sees it; docs/adr/0042-roll-ups.md). `at`: when, by the server clock.
 */
export const RollupRemovalDoc = z.strictObject({
  _id: id,
  communityId: id,
  collection: z.string(),
  docId: id,
  at: when,
});
export type RollupRemovalDoc = z.infer<typeof RollupRemovalDoc>;

// ---- the collection → schema table ----------------------------------------------------------

/** Each collection's document schema (the store's find-by-id is typed by it). */
export const documentSchemas = {
  [Collections.streets]: StreetDoc,
  [Collections.communities]: CommunityDoc,
  [Collections.estates]: EstateDoc,
  [Collections.buildings]: BuildingDoc,
  [Collections.grids]: GridDoc,
  [Collections.households]: HouseholdDoc,
  [Collections.councils]: CouncilDoc,
  [Collections.workUnits]: WorkUnitDoc,
  [Collections.users]: UserDoc,
  [Collections.roles]: RoleDoc,
  [Collections.bindingRequests]: BindingRequestDoc,
  [Collections.locks]: LockDoc,
  [Collections.auditLog]: AuditDoc,
  [Collections.registrations]: RegistrationDoc,
  [Collections.unitRegistrations]: UnitRegistrationDoc,
  [Collections.events]: EventDoc,
  [Collections.checkins]: CheckinDoc,
  [Collections.checkinGuesses]: GuessCounterDoc,
  [Collections.pointRules]: PointRulesDoc,
  [Collections.pointLedger]: LedgerDoc,
  [Collections.pointBalances]: BalanceDoc,
  [Collections.quarterResults]: QuarterResultDoc,
  [Collections.ratings]: RatingDoc,
  [Collections.messages]: MessageDoc,
  [Collections.subscriptionConsents]: SubscriptionConsentDoc,
  [Collections.wishes]: WishDoc,
  [Collections.activities]: ActivityDoc,
  [Collections.signups]: SignupDoc,
  [Collections.topics]: TopicDoc,
  [Collections.opinions]: OpinionDoc,
  [Collections.opinionSupports]: SupportDoc,
  [Collections.ballots]: BallotDoc,
  [Collections.objections]: ObjectionDoc,
  [Collections.topicRatings]: TopicRatingDoc,
  [Collections.importJobs]: ImportJobDoc,
  [Collections.proxyConsents]: ProxyConsentDoc,
  [Collections.jobCursors]: JobCursorDoc,
  [Collections.rollups]: RollupDoc,
  [Collections.rollupMarks]: RollupMarkDoc,
  [Collections.rollupCursors]: RollupCursorDoc,
  [Collections.rollupRemovals]: RollupRemovalDoc,
} as const satisfies Record<CollectionName, z.ZodType>;

/** The document type stored in collection `C`. */
export type DocOf<C extends CollectionName> = z.infer<(typeof documentSchemas)[C]>;
