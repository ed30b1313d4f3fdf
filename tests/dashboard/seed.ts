/**
 * A small, known data set for 东湖社区 (the fixture's second community, otherwise empty), written
 * straight into the database, from which every dashboard figure is computed by hand in the tests.
 */
import { quarterOf, previousQuarter, fromCst } from '../../types/time';
import type { MemberType } from '../../types/account';
import type { SignupState } from '../../types/volunteer';
import type { WishState } from '../../types/wish';
import type { RegistrationDoc } from '../../cloudfunctions/_shared/documents';
import type { TopicDoc } from '../../cloudfunctions/deliberation/src/store';
import {
  aBuilding,
  aCheckin,
  aHistoryStep,
  aHousehold,
  aLedgerEntry,
  aRegistration,
  aRole,
  aSignup,
  aTimelineStep,
  aTopic,
  aUser,
  aWish,
  aWorkUnit,
} from '../support/factories';
import { OTHER, type Fixture } from '../support/fixtures';

export const CURRENT = quarterOf(new Date());
export const RANGE = { from: '2026-10-01', to: '2026-11-30' };
export const H = 3_600_000;
export const D = 24 * H;
/** Oct d, 2026, 00:00 in Shanghai. */
export const oct = (d: number, hours = 0) => new Date(fromCst(2026, 10, d).getTime() + hours * H);

const role = (userId: string, workUnitId: string | null, memberType: MemberType) =>
  aRole({ kind: 'member', userId, workUnitId, memberType, grantedAt: oct(1) });

type Step = { at: Date; from: WishState | null; to: WishState };
export const wish = (
  id: string,
  state: WishState,
  timeline: Step[],
  buildingId = 'bld-dh-1',
  createdAt = timeline[0]!.at,
) =>
  aWish({
    _id: id,
    buildingId,
    title: `心愿${id}`,
    content: '内容',
    state,
    claimerName: state === 'published' || state === 'submitted' ? null : '张三',
    timeline: timeline.map((t) => aTimelineStep(t)),
    createdAt,
  });

/** Wishes: published at P, then the given moves `hours` after P. */
export function moves(p: Date, steps: Array<[number, WishState, WishState]>): Step[] {
  return [
    { at: new Date(p.getTime() - H), from: null, to: 'submitted' },
    { at: p, from: 'submitted', to: 'published' },
    ...steps.map(([h, from, to]) => ({ at: new Date(p.getTime() + h * H), from, to })),
  ];
}

const signup = (id: string, activityId: string, userId: string, state: SignupState, hours: number, endAt: Date) =>
  aSignup({
    _id: id,
    activityId,
    userId,
    userName: `党员${userId}`,
    state,
    pending: false,
    startAt: new Date(endAt.getTime() - hours * H),
    endAt,
    hours,
    points: hours * 2,
    creditVersion: 1,
    createdAt: oct(1),
    updatedAt: endAt,
  });

const ledger = (id: string, userId: string, amount: number, createdAt: Date) =>
  aLedgerEntry({ _id: id, userId, amount, createdAt });

export function seedDonghu(f: Fixture): void {
  const at = { createdAt: oct(1), updatedAt: oct(1) };
  f.insert('buildings', [aBuilding({ _id: 'bld-dh-2', name: '2号楼', ...at })]);
  f.insert('households', [
    aHousehold({ _id: 'hh-dh-2-101', buildingId: 'bld-dh-2', room: '2-101', floorArea: 90, ...at }),
  ]);
  f.insert(
    'users',
    ['u1', 'u2', 'u3', 'u4', 'u5'].map((id, i) =>
      aUser({ _id: id, name: ['赵一', '钱二', '孙三', '李四', '周五'][i], ...at }),
    ),
  );
  f.insert('work_units', [
    aWorkUnit({ _id: 'wu-a', name: '甲单位', partyOrgName: '甲党支部', contactPhone: '', ...at }),
    aWorkUnit({ _id: 'wu-b', name: '乙单位', partyOrgName: '乙党支部', contactPhone: '', ...at }),
  ]);
  f.insert('roles', [
    role('u1', 'wu-a', 'in_office'),
    role('u2', 'wu-a', 'in_office'),
    role('u3', 'wu-a', 'in_office'),
    role('u4', 'wu-b', 'in_office'),
    role('u5', null, 'retired'),
  ]);
  // Check-ins this quarter: u1 twice, u2 once, u5 once (no unit); u4 only last quarter.
  const checkin = (eventId: string, userId: string, quarter: string) =>
    aCheckin({ eventId, userId, userName: userId, method: 'manual', quarter, checkedInAt: oct(2) });
  f.insert('checkins', [
    checkin('ev1', 'u1', CURRENT),
    checkin('ev2', 'u1', CURRENT),
    checkin('ev1', 'u2', CURRENT),
    checkin('ev1', 'u5', CURRENT),
    checkin('ev0', 'u4', previousQuarter(CURRENT)),
  ]);
  const registration = (id: string, status: RegistrationDoc['status'], createdAt: Date, householdId = 'hh-dh-1-101') =>
    aRegistration({
      _id: id,
      userId: id,
      userName: id,
      workUnitId: 'wu-a',
      workUnitName: '甲单位',
      partyOrgName: '甲党支部',
      householdId,
      householdLabel: '',
      status,
      createdAt,
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
  type TopicStep = { at: Date; from: TopicDoc['step'] | null; to: TopicDoc['step'] };
  const topic = (id: string, step: TopicDoc['step'], history: TopicStep[], buildingId: string | null = null) =>
    aTopic({
      _id: id,
      buildingId,
      title: `议题${id}`,
      step,
      history: history.map((h) => aHistoryStep(h)),
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
