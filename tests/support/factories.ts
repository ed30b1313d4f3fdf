/**
 * Builders of stored documents for tests: each returns a whole, typed document with sensible
 * defaults, and takes overrides for what the test is about. Defaults place everything in
 * 东湖社区 (the fixture's second community, tests/support/fixtures.ts): its estate 东湖花园,
 * building 1号楼 and household 1-101, at the fixture's seeding time. A test names only the
 * fields it depends on, so a new stored field is added here once, not in every test.
 */
import {
  noRoleScope,
  roleId,
  type BindingRequestDoc,
  type BuildingDoc,
  type CheckinDoc,
  type CommunityDoc,
  type CouncilDoc,
  type EstateDoc,
  type EventDoc,
  type HouseholdDoc,
  type RegistrationDoc,
  type RoleDoc,
  type StreetDoc,
  type UserDoc,
  type WorkUnitDoc,
} from '../../cloudfunctions/_shared/documents';
import type { LedgerDoc } from '../../cloudfunctions/_shared/ledger';
import type { MessageDoc } from '../../cloudfunctions/_shared/notify';
import { noAttendanceYet, type ActivityDoc, type SignupDoc } from '../../cloudfunctions/volunteer/src/store';
import { neverClaimed, type TimelineDoc, type WishDoc } from '../../cloudfunctions/wish/src/store';
import {
  openedTopicSteps,
  type HistoryDoc,
  type OpinionDoc,
  type TopicDoc,
} from '../../cloudfunctions/deliberation/src/store';
import type { Role } from '../../types/account';
import { quarterOf } from '../../types/time';

/** When the fixture seeds its data (tests/support/fixtures.ts); the default time of every factory. */
export const FIXTURE_NOW = new Date('2026-11-01T02:00:00Z');

/** The ids of 东湖社区 (the fixture's second community), the factories' default place. */
export const DONGHU = {
  street: 'street-heping',
  community: 'comm-donghu',
  estate: 'estate-dh',
  building: 'bld-dh-1',
  household: 'hh-dh-1-101',
  householdLabel: '东湖花园 · 1号楼 · 1-101',
} as const;

const HOUR = 3_600_000;

export const aStreet = (o: Partial<StreetDoc> = {}): StreetDoc => ({ _id: DONGHU.street, name: '和平街道', ...o });

export const aCommunity = (o: Partial<CommunityDoc> = {}): CommunityDoc => ({
  _id: DONGHU.community,
  streetId: DONGHU.street,
  name: '东湖社区',
  address: '和平街道东湖路1号',
  updatedAt: FIXTURE_NOW,
  ...o,
});

export const anEstate = (o: Partial<EstateDoc> = {}): EstateDoc => {
  const name = o.name ?? '东湖花园';
  return {
    _id: DONGHU.estate,
    communityId: DONGHU.community,
    name,
    partyBranchName: `${name}党支部`,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...o,
  };
};

export const aBuilding = (o: Partial<BuildingDoc> = {}): BuildingDoc => {
  const name = o.name ?? '1号楼';
  return {
    _id: DONGHU.building,
    communityId: DONGHU.community,
    estateId: DONGHU.estate,
    name,
    partyGroupName: `东湖花园${name}党小组`,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...o,
  };
};

export const aHousehold = (o: Partial<HouseholdDoc> = {}): HouseholdDoc => ({
  _id: DONGHU.household,
  communityId: DONGHU.community,
  estateId: DONGHU.estate,
  buildingId: DONGHU.building,
  room: '1-101',
  floorArea: 88.5,
  isPartyCenter: false,
  createdAt: FIXTURE_NOW,
  updatedAt: FIXTURE_NOW,
  ...o,
});

export const aCouncil = (o: Partial<CouncilDoc> = {}): CouncilDoc => ({
  _id: 'council-donghu-owners',
  communityId: DONGHU.community,
  kind: 'owners',
  name: '东湖社区业主委员会',
  ...o,
});

export const aWorkUnit = (o: Partial<WorkUnitDoc> = {}): WorkUnitDoc => ({
  _id: 'unit-test',
  communityId: DONGHU.community,
  name: '测试单位',
  partyOrgName: '测试单位党支部',
  contactPhone: '02700000000',
  liaisonUserId: null,
  createdAt: FIXTURE_NOW,
  updatedAt: FIXTURE_NOW,
  ...o,
});

/** A person; the openid defaults to `openid-<id>`. */
export const aUser = (o: Partial<UserDoc> = {}): UserDoc => {
  const _id = o._id ?? 'user-test';
  return {
    _id,
    openid: `openid-${_id}`,
    name: '测试用户',
    phone: null,
    avatarUrl: null,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...o,
  };
};

/** Which field scopes a role of each kind: its `_id` is `<kind>:<userId>:<that field>` (account/src/role-scope.ts). */
const roleScope: Record<RoleDoc['kind'], (r: Omit<RoleDoc, '_id'>) => string | null | undefined> = {
  admin: (r) => r.communityId,
  member: (r) => r.communityId,
  street_viewer: (r) => r.streetId,
  street_admin: (r) => r.streetId,
  estate_leader: (r) => r.estateId,
  building_leader: (r) => r.buildingId,
  council_member: (r) => r.councilId,
  resident: (r) => r.householdId,
  liaison: (r) => r.workUnitId,
  grid_worker: (r) => r.gridId,
  grid_leader: (r) => r.gridId,
};

/** A role in 东湖; every scope field not given is null, and the `_id` is its natural key. */
export const aRole = (o: Partial<RoleDoc> & Pick<RoleDoc, 'kind' | 'userId'>): RoleDoc => {
  const fields: Omit<RoleDoc, '_id'> = {
    communityId: DONGHU.community,
    ...noRoleScope,
    scopeLabel: '东湖社区',
    grantedBy: null,
    grantedAt: FIXTURE_NOW,
    ...o,
  };
  const scope = roleScope[fields.kind](fields);
  if (!o._id && !scope) throw new Error(`aRole: a role of kind ${fields.kind} needs its scope field`);
  return { _id: o._id ?? roleId(fields.kind, fields.userId, scope!), ...fields };
};

/**
 * A role as the app receives it (account.me, grantRole): in 东湖 with every scope field not
 * given null, as `aRole` would be sent.
 */
export const aRoleView = (o: Partial<Role> & Pick<Role, 'kind' | 'userId'>): Role => ({
  id: `${o.kind}:${o.userId}:${o.communityId ?? DONGHU.community}`,
  communityId: DONGHU.community,
  ...noRoleScope,
  gridId: null,
  dualPost: false,
  scopeLabel: '东湖社区',
  grantedAt: FIXTURE_NOW.toISOString(),
  ...o,
});

/** A pending request of `userId` to bind to 东湖's household 1-101 as family. */
export const aBindingRequest = (o: Partial<BindingRequestDoc> = {}): BindingRequestDoc => {
  const userId = o.userId ?? 'user-test';
  return {
    _id: `bind-${userId}`,
    userId,
    userName: '测试用户',
    communityId: DONGHU.community,
    estateId: DONGHU.estate,
    buildingId: DONGHU.building,
    householdId: DONGHU.household,
    householdLabel: DONGHU.householdLabel,
    relation: 'family',
    status: 'pending',
    reason: null,
    decidedBy: null,
    decidedByName: null,
    createdAt: FIXTURE_NOW,
    decidedAt: null,
    ...o,
  };
};

/** One timeline entry of a wish, made by a test. */
export const aTimelineStep = (o: Partial<TimelineDoc> & Pick<TimelineDoc, 'to'>): TimelineDoc => ({
  at: FIXTURE_NOW,
  from: null,
  via: 'test',
  byId: null,
  byName: '测试',
  note: null,
  ...o,
});

/** A published wish of 东湖's resident 孔令辉, nobody's claim yet; `rev` follows the timeline. */
export const aWish = (o: Partial<WishDoc> = {}): WishDoc => {
  const timeline = o.timeline ?? [
    aTimelineStep({ to: 'submitted', at: new Date(FIXTURE_NOW.getTime() - HOUR) }),
    aTimelineStep({ from: 'submitted', to: 'published' }),
  ];
  return {
    _id: 'wish-test',
    communityId: DONGHU.community,
    estateId: DONGHU.estate,
    buildingId: DONGHU.building,
    householdId: DONGHU.household,
    householdLabel: DONGHU.householdLabel,
    posterId: 'user-other-resident',
    posterName: '孔令辉',
    posterOpenid: 'other-resident',
    category: 'living',
    title: '需要帮忙修水管',
    content: '厨房水管漏水，需要帮忙维修',
    photos: [],
    wantedBy: '2026-12-31',
    wantedByEnd: new Date('2026-12-31T16:00:00Z'),
    state: timeline[timeline.length - 1]?.to ?? 'published',
    rev: timeline.length,
    ...neverClaimed,
    timeline,
    createdAt: timeline[0]?.at ?? FIXTURE_NOW,
    updatedAt: timeline[timeline.length - 1]?.at ?? FIXTURE_NOW,
    ...o,
  };
};

/** A volunteer activity of 东湖 a week after the fixture's time, two hours long, nobody signed up. */
export const anActivity = (o: Partial<ActivityDoc> = {}): ActivityDoc => {
  const startAt = o.startAt ?? new Date(FIXTURE_NOW.getTime() + 7 * 24 * HOUR);
  const quota = o.quota ?? 10;
  return {
    _id: 'act-test',
    communityId: DONGHU.community,
    title: '社区环境清洁',
    category: 'environment',
    description: '清理楼道杂物',
    place: '东湖花园1号楼',
    startAt,
    endAt: new Date(startAt.getTime() + 2 * HOUR),
    signupDeadline: new Date(startAt.getTime() - HOUR),
    quota,
    pointsPerHour: 2,
    audience: 'everyone',
    workUnitId: null,
    organiserId: 'user-other-admin',
    organiserName: '钱晓红',
    qrSecret: 'qr-secret-test',
    nextSeq: 1,
    freeSlots: quota,
    confirmedCount: 0,
    waitlistCount: 0,
    holders: [],
    waitlist: [],
    cancelled: false,
    cancelReason: null,
    attendanceClosed: false,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...o,
  };
};

/** A confirmed sign-up of `userId` for an activity (defaults: anActivity's times). */
export const aSignup = (o: Partial<SignupDoc> = {}): SignupDoc => {
  const activity = anActivity();
  const activityId = o.activityId ?? activity._id;
  const userId = o.userId ?? 'user-test';
  return {
    _id: `${activityId}:${userId}`,
    activityId,
    communityId: DONGHU.community,
    userId,
    userName: '测试用户',
    activityTitle: activity.title,
    state: 'confirmed',
    seq: 1,
    startAt: activity.startAt,
    endAt: activity.endAt,
    ...noAttendanceYet(),
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...o,
  };
};

/** One history entry of a topic, made by a test. */
export const aHistoryStep = (o: Partial<HistoryDoc> & Pick<HistoryDoc, 'to'>): HistoryDoc => ({
  at: FIXTURE_NOW,
  from: null,
  byId: null,
  byName: '测试',
  note: null,
  ...o,
});

/** A deliberation topic of 东湖花园 collecting opinions for a week, led by 东湖's admin. */
export const aTopic = (o: Partial<TopicDoc> = {}): TopicDoc => ({
  _id: 'topic-test',
  communityId: DONGHU.community,
  estateId: DONGHU.estate,
  buildingId: null,
  scopeLabel: '东湖花园',
  title: '加装电梯',
  background: '老人上下楼不便，是否加装电梯',
  photos: [],
  collectEndsAt: new Date(FIXTURE_NOW.getTime() + 7 * 24 * HOUR),
  leaderId: 'user-other-admin',
  leaderName: '钱晓红',
  ...openedTopicSteps(),
  history: [],
  openedAt: FIXTURE_NOW,
  updatedAt: FIXTURE_NOW,
  ...o,
});

export const anOpinion = (o: Partial<OpinionDoc> = {}): OpinionDoc => ({
  _id: 'opinion-test',
  topicId: 'topic-test',
  communityId: DONGHU.community,
  authorId: 'user-other-resident',
  authorName: '孔令辉',
  text: '同意加装',
  photos: [],
  supportCount: 0,
  createdAt: FIXTURE_NOW,
  ...o,
});

/** A check-in event of 东湖 a day after the fixture's time. */
export const anEvent = (o: Partial<EventDoc> = {}): EventDoc => {
  const startAt = o.startAt ?? new Date(FIXTURE_NOW.getTime() + 24 * HOUR);
  return {
    _id: 'event-test',
    communityId: DONGHU.community,
    title: '主题党日',
    kind: 'party_day',
    place: '东湖社区党群服务中心',
    startAt,
    endAt: new Date(startAt.getTime() + 2 * HOUR),
    checkinOpensAt: new Date(startAt.getTime() - HOUR / 2),
    organiserId: 'user-other-admin',
    organiserName: '钱晓红',
    qrSecret: 'qr-secret-test',
    checkedInCount: 0,
    cancelled: false,
    cancelReason: null,
    createdAt: FIXTURE_NOW,
    ...o,
  };
};

export const aCheckin = (o: Partial<CheckinDoc> = {}): CheckinDoc => {
  const eventId = o.eventId ?? 'event-test';
  const userId = o.userId ?? 'user-test';
  const checkedInAt = o.checkedInAt ?? FIXTURE_NOW;
  return {
    _id: `${eventId}:${userId}`,
    eventId,
    eventTitle: '主题党日',
    communityId: DONGHU.community,
    userId,
    userName: '测试用户',
    method: 'qr',
    reason: null,
    recordedBy: null,
    quarter: quarterOf(checkedInAt),
    checkedInAt,
    ...o,
  };
};

/** A pending 报到 of a member of a work unit, from their household in 东湖. */
export const aRegistration = (o: Partial<RegistrationDoc> = {}): RegistrationDoc => {
  const userId = o.userId ?? 'user-test';
  return {
    _id: `reg-${userId}`,
    userId,
    userName: '测试用户',
    communityId: DONGHU.community,
    workUnitId: 'unit-test',
    workUnitName: '测试单位',
    partyOrgName: '测试单位党支部',
    householdId: DONGHU.household,
    householdLabel: DONGHU.householdLabel,
    skills: [],
    intentions: [],
    status: 'pending',
    reason: null,
    decidedBy: null,
    createdAt: FIXTURE_NOW,
    decidedAt: null,
    withdrawnAt: null,
    ...o,
  };
};

/** A points ledger entry (an admin's adjustment by default) in the quarter of its time. */
export const aLedgerEntry = (o: Partial<LedgerDoc> = {}): LedgerDoc => {
  const _id = o._id ?? 'ledger-test';
  const createdAt = o.createdAt ?? FIXTURE_NOW;
  return {
    _id,
    userId: 'user-test',
    communityId: DONGHU.community,
    amount: 1,
    reason: 'adjustment',
    sourceId: _id,
    explanation: '测试',
    quarter: quarterOf(createdAt),
    hours: 0,
    reversesId: null,
    createdBy: null,
    createdAt,
    ...o,
  };
};

/** An unread message to `userId` in 东湖. */
export const aMessage = (o: Partial<MessageDoc> = {}): MessageDoc => ({
  _id: 'message-test',
  userId: 'user-test',
  communityId: DONGHU.community,
  kind: 'system',
  title: '测试消息',
  body: '这是一条测试消息',
  link: null,
  read: false,
  createdAt: FIXTURE_NOW,
  ...o,
});
