/**
 * What the crash bench seeds through the admin database protocol, besides the demo community
 * the server seeds itself into a new data directory: extra residents (sign-ups), extra Party
 * members (claims, check-ins), published wishes, and a community of its own with a topic in the
 * vote step (ballots). Plain documents, shaped as the functions store them.
 */
import { roleId } from '../../cloudfunctions/_shared/documents';
import type { AdminDb } from '../../tests/support/server-client';

export const COMMUNITY = 'comm-xingfuli';

function user(id: string, openid: string, name: string, now: Date) {
  return { _id: id, openid, name, phone: null, avatarUrl: null, createdAt: now, updatedAt: now };
}

function role(userId: string, kind: string, communityId: string, extra: Record<string, unknown>, now: Date) {
  return {
    _id: roleId(kind as Parameters<typeof roleId>[0], userId, String(extra['householdId'] ?? communityId)),
    userId,
    kind,
    communityId,
    estateId: null,
    buildingId: null,
    householdId: null,
    councilId: null,
    councilKind: null,
    position: null,
    workUnitId: null,
    memberType: null,
    scopeLabel: 'crash-bench',
    grantedBy: null,
    grantedAt: now,
    ...extra,
  };
}

/** `n` residents `su-<i>` (sign-ups) and `m` Party members `mb-<i>` (claims, check-ins) of the demo community. */
export async function seedPeople(db: AdminDb, n: number, m: number): Promise<void> {
  const now = new Date();
  const residents = Array.from({ length: n }, (_, i) => `su-${i}`);
  const members = Array.from({ length: m }, (_, i) => `mb-${i}`);
  await db.insert('users', [
    ...residents.map((o) => user(`user-${o}`, o, `居民${o}`, now)),
    ...members.map((o) => user(`user-${o}`, o, `党员${o}`, now)),
  ]);
  await db.insert('roles', [
    ...residents.map((o) => ({
      ...role(`user-${o}`, 'resident', COMMUNITY, {}, now),
      _id: `resident:user-${o}:hh-crash`,
    })),
    ...members.map((o) =>
      role(`user-${o}`, 'member', COMMUNITY, { memberType: 'retired', scopeLabel: '退休党员' }, now),
    ),
  ]);
}

/** `n` published wishes `<prefix>-<i>` posted by the demo resident (张秀英, 幸福里 1-102). */
export async function seedWishes(db: AdminDb, prefix: string, n: number): Promise<string[]> {
  const now = new Date();
  const wantedByEnd = new Date(now.getTime() + 30 * 86_400_000);
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await db.insert(
    'wishes',
    ids.map((id, i) => ({
      _id: id,
      communityId: COMMUNITY,
      estateId: 'estate-xfl',
      buildingId: 'bld-xfl-1',
      householdId: 'hh-xfl-1-102',
      householdLabel: '幸福里小区 · 1号楼 · 1-102',
      posterId: 'user-resident',
      posterName: '张秀英',
      posterOpenid: 'demo-resident',
      category: 'elderly',
      title: `压测心愿${i}`,
      content: '崩溃压测用的心愿内容',
      photos: [],
      wantedBy: wantedByEnd.toISOString().slice(0, 10),
      wantedByEnd,
      state: 'published',
      rev: 2,
      claimSeq: 0,
      claimerId: null,
      claimerName: null,
      claimerOpenid: null,
      claimWorkUnitId: null,
      claimedAt: null,
      fulfilment: null,
      confirmation: null,
      rejectReason: null,
      creditPending: false,
      timeline: [],
      createdAt: now,
      updatedAt: now,
    })),
  );
  return ids;
}

export interface BallotSetup {
  communityId: string;
  topicId: string;
  /** Household id of each voter's openid. */
  voters: Array<{ openid: string; userId: string; householdId: string }>;
}

/**
 * A community of its own with `households` households, one resident each (`<c>-u-<i>`) and a
 * second resident (`<c>-v-<i>`) in the first `second` of them, and a topic in the vote step whose
 * window is open for an hour.
 */
export async function seedBallotTopic(
  db: AdminDb,
  communityId: string,
  households: number,
  second: number,
): Promise<BallotSetup> {
  const now = new Date();
  const estate = `${communityId}-estate`;
  const hh = Array.from({ length: households }, (_, i) => ({
    _id: `${communityId}-hh-${i}`,
    communityId,
    estateId: estate,
    buildingId: `${communityId}-bld-${i % 6}`,
    room: `${i % 6}-${100 + i}`,
    floorArea: 60 + ((i * 37) % 90) + 0.25,
    isPartyCenter: false,
    createdAt: now,
    updatedAt: now,
  }));
  const voters = [
    ...hh.map((h, i) => ({ openid: `${communityId}-u-${i}`, userId: `${communityId}-u-${i}`, householdId: h._id })),
    ...hh
      .slice(0, second)
      .map((h, i) => ({ openid: `${communityId}-v-${i}`, userId: `${communityId}-v-${i}`, householdId: h._id })),
  ];
  const leader = `${communityId}-leader`;
  await db.insert('households', hh);
  await db.insert('users', [
    user(leader, leader, '书记', now),
    ...voters.map((v) => user(v.userId, v.openid, `居民${v.openid}`, now)),
  ]);
  await db.insert('roles', [
    role(leader, 'estate_leader', communityId, { estateId: estate }, now),
    ...voters.map((v) =>
      role(
        v.userId,
        'resident',
        communityId,
        {
          estateId: estate,
          buildingId: hh.find((h) => h._id === v.householdId)!.buildingId,
          householdId: v.householdId,
        },
        now,
      ),
    ),
  ]);
  const eligible = hh.map((h) => ({ h: h._id, a: Math.round(h.floorArea * 100) }));
  const topicId = `${communityId}-topic`;
  const opened = new Date(now.getTime() - 3_600_000);
  const closes = new Date(now.getTime() + 3_600_000);
  await db.insert('topics', [
    {
      _id: topicId,
      communityId,
      estateId: estate,
      buildingId: null,
      scopeLabel: '压测小区',
      title: '崩溃压测议题',
      background: '',
      photos: [],
      collectEndsAt: opened,
      leaderId: leader,
      leaderName: '书记',
      step: 'vote',
      rev: 3,
      proposals: [],
      vote: {
        rule: 'civil_ordinary',
        opensAt: opened,
        closesAt: closes,
        eligible,
        eligibleHouseholds: households,
        eligibleAreaCents: eligible.reduce((s, e) => s + e.a, 0),
        tally: null,
      },
      voteClosesAt: closes,
      notice: null,
      openObjections: 0,
      execution: null,
      evaluation: null,
      evaluationEndsAt: null,
      endedReason: null,
      history: [],
      openedAt: opened,
      updatedAt: opened,
    },
  ]);
  return { communityId, topicId, voters };
}
