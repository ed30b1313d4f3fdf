/**
 * A small, known data set for 东湖社区 (the fixture's second community, otherwise empty), written
 * straight into the database, from which every dashboard figure is computed by hand in the tests.
 */
import { quarterOf, previousQuarter, fromCst } from '../../types/time';
import { OTHER, type Fixture } from '../support/fixtures';

export const CURRENT = quarterOf(new Date());
export const RANGE = { from: '2026-10-01', to: '2026-11-30' };
export const H = 3_600_000;
export const D = 24 * H;
/** Oct d, 2026, 00:00 in Shanghai. */
export const oct = (d: number, hours = 0) => new Date(fromCst(2026, 10, d).getTime() + hours * H);

const role = (userId: string, workUnitId: string | null, memberType: string) => ({
  _id: `member:${userId}:${OTHER}`,
  userId,
  kind: 'member',
  communityId: OTHER,
  estateId: null,
  buildingId: null,
  householdId: null,
  councilId: null,
  councilKind: null,
  position: null,
  workUnitId,
  memberType,
  scopeLabel: '东湖社区',
  grantedBy: null,
  grantedAt: oct(1),
});

type Step = { at: Date; from: string | null; to: string };
export const wish = (
  id: string,
  state: string,
  timeline: Step[],
  buildingId = 'bld-dh-1',
  createdAt = timeline[0]!.at,
) => ({
  _id: id,
  communityId: OTHER,
  estateId: 'estate-dh',
  buildingId,
  householdId: 'hh-dh-1-101',
  householdLabel: '东湖花园 · 1号楼 · 1-101',
  posterId: 'user-other-resident',
  posterName: '孔令辉',
  posterOpenid: 'other-resident',
  category: 'living',
  title: `心愿${id}`,
  content: '内容',
  photos: [],
  wantedBy: '2026-12-31',
  wantedByEnd: new Date('2026-12-31T16:00:00Z'),
  state,
  rev: timeline.length,
  claimSeq: 0,
  claimerId: null,
  claimerName: state === 'published' || state === 'submitted' ? null : '张三',
  claimerOpenid: null,
  claimWorkUnitId: null,
  claimedAt: null,
  fulfilment: null,
  confirmation: null,
  rejectReason: null,
  creditPending: false,
  timeline: timeline.map((t) => ({ ...t, via: 'test', byId: null, byName: '测试', note: null })),
  createdAt,
  updatedAt: timeline[timeline.length - 1]!.at,
});

/** Wishes: published at P, then the given moves `hours` after P. */
export function moves(p: Date, steps: Array<[number, string, string]>): Step[] {
  return [
    { at: new Date(p.getTime() - H), from: null, to: 'submitted' },
    { at: p, from: 'submitted', to: 'published' },
    ...steps.map(([h, from, to]) => ({ at: new Date(p.getTime() + h * H), from, to })),
  ];
}

const signup = (id: string, activityId: string, userId: string, state: string, hours: number, endAt: Date) => ({
  _id: id,
  activityId,
  communityId: OTHER,
  userId,
  userName: `党员${userId}`,
  state,
  seq: 1,
  pending: false,
  startAt: new Date(endAt.getTime() - hours * H),
  endAt,
  checkedInAt: null,
  checkedOutAt: null,
  hours,
  points: hours * 2,
  autoClosed: false,
  correctedReason: null,
  creditVersion: 1,
  createdAt: oct(1),
  updatedAt: endAt,
});

const ledger = (id: string, userId: string, amount: number, createdAt: Date) => ({
  _id: id,
  userId,
  communityId: OTHER,
  amount,
  reason: 'adjustment',
  sourceId: id,
  explanation: '测试',
  quarter: quarterOf(createdAt),
  hours: 0,
  reversesId: null,
  createdBy: null,
  createdAt,
});

export function seedDonghu(f: Fixture): void {
  f.insert('buildings', [
    {
      _id: 'bld-dh-2',
      communityId: OTHER,
      estateId: 'estate-dh',
      name: '2号楼',
      partyGroupName: '东湖花园2号楼党小组',
      createdAt: oct(1),
      updatedAt: oct(1),
    },
  ]);
  f.insert('households', [
    {
      _id: 'hh-dh-2-101',
      communityId: OTHER,
      estateId: 'estate-dh',
      buildingId: 'bld-dh-2',
      room: '2-101',
      floorArea: 90,
      isPartyCenter: false,
      createdAt: oct(1),
      updatedAt: oct(1),
    },
  ]);
  f.insert(
    'users',
    ['u1', 'u2', 'u3', 'u4', 'u5'].map((id, i) => ({
      _id: id,
      openid: `openid-${id}`,
      name: ['赵一', '钱二', '孙三', '李四', '周五'][i],
      phone: null,
      avatarUrl: null,
      createdAt: oct(1),
      updatedAt: oct(1),
    })),
  );
  f.insert('work_units', [
    {
      _id: 'wu-a',
      communityId: OTHER,
      name: '甲单位',
      partyOrgName: '甲党支部',
      contactPhone: '',
      liaisonUserId: null,
      createdAt: oct(1),
      updatedAt: oct(1),
    },
    {
      _id: 'wu-b',
      communityId: OTHER,
      name: '乙单位',
      partyOrgName: '乙党支部',
      contactPhone: '',
      liaisonUserId: null,
      createdAt: oct(1),
      updatedAt: oct(1),
    },
  ]);
  f.insert('roles', [
    role('u1', 'wu-a', 'in_office'),
    role('u2', 'wu-a', 'in_office'),
    role('u3', 'wu-a', 'in_office'),
    role('u4', 'wu-b', 'in_office'),
    role('u5', null, 'retired'),
  ]);
  // Check-ins this quarter: u1 twice, u2 once, u5 once (no unit); u4 only last quarter.
  const checkin = (eventId: string, userId: string, quarter: string) => ({
    _id: `${eventId}:${userId}`,
    eventId,
    eventTitle: '主题党日',
    communityId: OTHER,
    userId,
    userName: userId,
    method: 'manual',
    reason: null,
    recordedBy: null,
    quarter,
    checkedInAt: oct(2),
  });
  f.insert('checkins', [
    checkin('ev1', 'u1', CURRENT),
    checkin('ev2', 'u1', CURRENT),
    checkin('ev1', 'u2', CURRENT),
    checkin('ev1', 'u5', CURRENT),
    checkin('ev0', 'u4', previousQuarter(CURRENT)),
  ]);
  const registration = (id: string, status: string, createdAt: Date, householdId = 'hh-dh-1-101') => ({
    _id: id,
    userId: id,
    userName: id,
    communityId: OTHER,
    workUnitId: 'wu-a',
    workUnitName: '甲单位',
    partyOrgName: '甲党支部',
    householdId,
    householdLabel: '',
    skills: [],
    intentions: [],
    status,
    reason: null,
    decidedBy: null,
    createdAt,
    decidedAt: null,
    withdrawnAt: null,
  });
  f.insert('registrations', [
    registration('r1', 'approved', oct(3)),
    registration('r2', 'pending', oct(4)),
    registration('r3', 'rejected', oct(5), 'hh-dh-2-101'),
    registration('r4', 'pending', new Date(oct(1).getTime() - 30 * D)),
  ]);
  f.insert('wishes', [
    wish(
      'w1',
      'confirmed',
      moves(oct(2), [
        [10, 'published', 'claimed'],
        [20, 'claimed', 'fulfilled'],
        [50, 'fulfilled', 'confirmed'],
      ]),
    ),
    wish('w2', 'claimed', moves(oct(3), [[2, 'published', 'claimed']])),
    wish(
      'w3',
      'published',
      moves(oct(4), [
        [6, 'published', 'claimed'],
        [8, 'claimed', 'published'],
      ]),
    ),
    wish(
      'w4',
      'confirmed',
      moves(oct(5), [
        [4, 'published', 'claimed'],
        [5, 'claimed', 'fulfilled'],
        [30, 'fulfilled', 'confirmed'],
      ]),
    ),
    wish('w5', 'submitted', [{ at: oct(6), from: null, to: 'submitted' }]),
    wish('w6', 'published', moves(new Date(oct(1).getTime() - 30 * D), [])),
    wish('w7', 'published', moves(oct(20), []), 'bld-dh-2'),
  ]);
  f.insert('activities', [
    { _id: 'act-1', communityId: OTHER, title: '陪伴老人', category: 'elderly' },
    { _id: 'act-2', communityId: OTHER, title: '清扫楼道', category: 'environment' },
  ]);
  f.insert('signups', [
    signup('s1', 'act-1', 'u1', 'completed', 2, oct(10)),
    signup('s2', 'act-1', 'u2', 'completed', 1.5, oct(31, 20)),
    // 01:00 on Nov 1 in Shanghai is still Oct 31 in UTC: counts for November.
    signup('s3', 'act-2', 'u1', 'completed', 3, new Date(fromCst(2026, 11, 1, 1).getTime())),
    signup('s4', 'act-2', 'u2', 'no_show', 0, oct(12)),
    signup('s5', 'act-1', 'u3', 'completed', 4, fromCst(2026, 12, 5)),
  ]);
  f.insert('point_ledger', [
    ledger('l1', 'u1', 5, oct(2)),
    ledger('l2', 'u1', 10, oct(9)),
    ledger('l3', 'u2', 25, oct(3)),
    ledger('l4', 'u3', -2, oct(3)),
    ledger('l5', 'u4', 120, oct(3)),
    ledger('l6', 'u5', 3, oct(3)),
    ledger('l7', 'u5', 50, new Date(oct(1).getTime() - D)),
  ]);
  const topic = (id: string, step: string, history: Step[], buildingId: string | null = null) => ({
    _id: id,
    communityId: OTHER,
    estateId: 'estate-dh',
    buildingId,
    scopeLabel: '东湖花园',
    title: `议题${id}`,
    step,
    leaderName: '钱晓红',
    history: history.map((h) => ({ ...h, byId: null, byName: '测试', note: null })),
    openedAt: history[0]!.at,
    updatedAt: history[history.length - 1]!.at,
  });
  f.insert('topics', [
    topic('t1', 'vote', [
      { at: oct(1), from: null, to: 'collect' },
      { at: oct(4), from: 'collect', to: 'review' },
      { at: oct(5), from: 'review', to: 'vote' },
    ]),
    topic('t2', 'collect', [{ at: oct(10), from: null, to: 'collect' }], 'bld-dh-2'),
    topic('t3', 'ended', [
      { at: oct(2), from: null, to: 'collect' },
      { at: oct(7), from: 'collect', to: 'review' },
      { at: oct(10), from: 'review', to: 'ended' },
    ]),
  ]);
}
