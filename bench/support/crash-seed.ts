/**
 * What the crash bench seeds through the admin database protocol, besides the demo community
 * the server seeds itself into a new data directory: extra residents (sign-ups), extra Party
 * members (claims, check-ins), published wishes, and a community of its own with a topic in the
 * vote step (ballots). Documents from the tests' factories (tests/support/factories.ts). The
 * close-vote, check-in and sign-up benches seed the same people and topics in process (`inProcess`).
 */
import { aHousehold, aRole, aTopic, aUser, aWish } from '../../tests/support/factories';
import { insertInto } from '../../tests/support/fixtures';
import type { TestServer } from '../../tests/support/in-process-server';

export const COMMUNITY = 'comm-xingfuli';

/** Where seeds go: the admin database protocol of a running server (AdminDb), or an in-process one. */
export interface Seeder {
  insert(collection: string, docs: object[]): Promise<void> | void;
}

/** The seeder of a server running in this process (tests/support/in-process-server.ts). */
export const inProcess = (server: Pick<TestServer, 'db'>): Seeder => ({
  insert: (collection, docs) => insertInto(server, collection, docs),
});

const user = (id: string, openid: string, name: string, now: Date) =>
  aUser({ _id: id, openid, name, createdAt: now, updatedAt: now });

/** `n` residents `su-<i>` (sign-ups) and `m` Party members `mb-<i>` (claims, check-ins) of the demo community. */
export async function seedPeople(db: Seeder, n: number, m: number): Promise<void> {
  const now = new Date();
  const residents = Array.from({ length: n }, (_, i) => `su-${i}`);
  const members = Array.from({ length: m }, (_, i) => `mb-${i}`);
  await db.insert('users', [
    ...residents.map((o) => user(`user-${o}`, o, `居民${o}`, now)),
    ...members.map((o) => user(`user-${o}`, o, `党员${o}`, now)),
  ]);
  const common = { communityId: COMMUNITY, scopeLabel: 'crash-bench', grantedAt: now };
  await db.insert('roles', [
    ...residents.map((o) =>
      aRole({ ...common, _id: `resident:user-${o}:hh-crash`, kind: 'resident', userId: `user-${o}` }),
    ),
    ...members.map((o) =>
      aRole({ ...common, kind: 'member', userId: `user-${o}`, memberType: 'retired', scopeLabel: '退休党员' }),
    ),
  ]);
}

/** `n` published wishes `<prefix>-<i>` posted by the demo resident (张秀英, 幸福里 1-102). */
export async function seedWishes(db: Seeder, prefix: string, n: number): Promise<string[]> {
  const now = new Date();
  const wantedByEnd = new Date(now.getTime() + 30 * 86_400_000);
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await db.insert(
    'wishes',
    ids.map((id, i) =>
      aWish({
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
        wantedBy: wantedByEnd.toISOString().slice(0, 10),
        wantedByEnd,
        state: 'published',
        rev: 2,
        timeline: [],
        createdAt: now,
        updatedAt: now,
      }),
    ),
  );
  return ids;
}

export interface BallotSetup {
  communityId: string;
  topicId: string;
  /** Household id of each voter's openid. */
  voters: Array<{ openid: string; userId: string; householdId: string }>;
  /** The topic's eligible households (`h`) and their floor areas in cents (`a`), as stored on its vote. */
  eligible: Array<{ h: string; a: number }>;
}

/**
 * A community of its own with `households` households in `buildings` buildings, one resident each
 * (`<c>-u-<i>`) and a second resident (`<c>-v-<i>`) in the first `second` of them, an estate
 * leader (`<c>-leader`), and a topic in the vote step with every household eligible, whose window
 * opened at `opensAt` (default: an hour ago) and closes at `closesAt` (default: in an hour).
 */
export async function seedBallotTopic(
  db: Seeder,
  communityId: string,
  households: number,
  second: number,
  {
    buildings = 6,
    opensAt = new Date(Date.now() - 3_600_000),
    closesAt = new Date(Date.now() + 3_600_000),
  }: { buildings?: number; opensAt?: Date; closesAt?: Date } = {},
): Promise<BallotSetup> {
  const now = new Date();
  const estate = `${communityId}-estate`;
  const hh = Array.from({ length: households }, (_, i) =>
    aHousehold({
      _id: `${communityId}-hh-${i}`,
      communityId,
      estateId: estate,
      buildingId: `${communityId}-bld-${i % buildings}`,
      room: `${i % buildings}-${100 + i}`,
      floorArea: 60 + ((i * 37) % 90) + 0.25,
      createdAt: now,
      updatedAt: now,
    }),
  );
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
  const common = { communityId, estateId: estate, scopeLabel: '压测小区', grantedAt: now };
  await db.insert('roles', [
    aRole({ ...common, kind: 'estate_leader', userId: leader }),
    ...voters.map((v) =>
      aRole({
        ...common,
        kind: 'resident',
        userId: v.userId,
        buildingId: hh.find((h) => h._id === v.householdId)!.buildingId,
        householdId: v.householdId,
      }),
    ),
  ]);
  const eligible = hh.map((h) => ({ h: h._id, a: Math.round(h.floorArea * 100) }));
  const topicId = `${communityId}-topic`;
  await db.insert('topics', [
    aTopic({
      _id: topicId,
      communityId,
      estateId: estate,
      scopeLabel: '压测小区',
      title: '崩溃压测议题',
      background: '',
      collectEndsAt: opensAt,
      leaderId: leader,
      leaderName: '书记',
      step: 'vote',
      rev: 3,
      vote: {
        rule: 'civil_ordinary',
        opensAt,
        closesAt,
        eligible,
        eligibleHouseholds: households,
        eligibleAreaCents: eligible.reduce((s, e) => s + e.a, 0),
        tally: null,
      },
      voteClosesAt: closesAt,
      openedAt: opensAt,
      updatedAt: opensAt,
    }),
  ]);
  return { communityId, topicId, voters, eligible };
}
