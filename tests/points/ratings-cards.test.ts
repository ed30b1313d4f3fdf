/**
 * Year-end ratings (points.rate, points.listRatings) and work units' quarterly service cards
 * (points.serviceCards): a liaison sees their own unit's members only, with events, hours,
 * wishes, points and this year's rating counted by the database.
 */
import { database } from '../../cloudfunctions/_shared/database';
import type { CheckinDoc } from '../../cloudfunctions/_shared/documents';
import { LedgerEntry, Rating, RatingList, ServiceCards } from '../../types/points';
import { DEMO, OTHER, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import {
  CURRENT,
  PREVIOUS,
  auditOf,
  creditAt,
  expectOk,
  expectRefused,
  inQuarter,
  nonAdmins,
  unitMemberIds,
} from './helpers';

const f = fileFixture();

const YEAR = Number(CURRENT.slice(0, 4));
const call = (openid: string | null, action: string, data: object) => f.call(openid, 'points', action, data);
const rate = (data: object, openid: string | null = demoPersonas.admin) =>
  call(openid, 'rate', { communityId: DEMO, year: YEAR, ...data });

describe('points.rate', () => {
  test('rates a member and a work unit; re-rating replaces the rating and is audited with the old one', async () => {
    const member = expectOk(
      await rate({ target: 'member', targetId: 'user-member', grade: 'qualified', comment: '积极参加活动' }),
      Rating,
    );
    expect(member).toMatchObject({
      id: `${YEAR}:${DEMO}:member:user-member`,
      communityId: DEMO,
      year: YEAR,
      target: 'member',
      targetId: 'user-member',
      targetName: '李建国',
      grade: 'qualified',
      comment: '积极参加活动',
    });
    const again = expectOk(
      await rate({ target: 'member', targetId: 'user-member', grade: 'excellent', comment: '全年表现优秀' }),
      Rating,
    );
    expect(again).toMatchObject({ id: member.id, grade: 'excellent', comment: '全年表现优秀' });
    expect(f.find('ratings', { targetId: 'user-member' })).toHaveLength(1);
    expect(auditOf(f, 'points.rate')[0]).toMatchObject({
      targetId: member.id,
      summary: `${YEAR} 年度评定 李建国：优秀`,
      before: expect.objectContaining({ grade: 'qualified' }),
      after: expect.objectContaining({ grade: 'excellent' }),
    });
    const unit = expectOk(await rate({ target: 'work_unit', targetId: 'wu-tax', grade: 'qualified' }), Rating);
    expect(unit).toMatchObject({ targetName: '市税务局第三分局', comment: '' });
    // A retired member can be rated too; so can a member of another unit.
    expectOk(await rate({ target: 'member', targetId: 'user-leader', grade: 'basically_qualified' }), Rating);
    expectOk(
      await rate({ target: 'member', targetId: 'user-r003', grade: 'unqualified', comment: '全年未参加' }),
      Rating,
    );
    // Last year's rating is a separate document.
    expectOk(await rate({ year: YEAR - 1, target: 'member', targetId: 'user-member', grade: 'qualified' }), Rating);
  });

  test.each([
    ['an unknown grade', { grade: 'good' }, 'grade'],
    ['a year before 2020', { year: 2019 }, 'year'],
    ['an unknown target kind', { target: 'resident' }, 'target'],
    ['a comment over 200 characters', { comment: '好'.repeat(201) }, 'comment'],
    ['a missing target id', { targetId: undefined }, 'targetId'],
  ])('refuses %s as VALIDATION and writes nothing', async (_label, patch, field) => {
    const data = {
      communityId: DEMO,
      year: YEAR,
      target: 'member',
      targetId: 'user-member',
      grade: 'qualified',
      ...patch,
    };
    const reply = await expectRefused(f, demoPersonas.admin, 'rate', data, 'VALIDATION', 'input.invalid');
    expect(reply.error.fields[field]).toBeDefined();
  });

  test('refuses a target that is not a member or work unit of the community as NOT_FOUND', async () => {
    const base = { communityId: DEMO, year: YEAR, grade: 'qualified' };
    for (const [target, targetId] of [
      ['member', 'user-resident'], // a resident, not a Party member
      ['member', 'user-other-resident'],
      ['member', 'user-nobody'],
      ['work_unit', 'wu-nowhere'],
    ]) {
      await expectRefused(f, demoPersonas.admin, 'rate', { ...base, target, targetId }, 'NOT_FOUND');
    }
  });

  test.each(nonAdmins)('refuses %s as FORBIDDEN and writes nothing', async (_label, openid) => {
    const data = { communityId: DEMO, year: YEAR, target: 'member', targetId: 'user-member', grade: 'unqualified' };
    await expectRefused(f, openid, 'rate', data, 'FORBIDDEN', 'auth.not-admin');
  });

  test('scope: the 东湖 admin cannot rate in 幸福里 and vice versa; anonymous is UNAUTHENTICATED', async () => {
    const data = { communityId: DEMO, year: YEAR, target: 'work_unit', targetId: 'wu-tax', grade: 'unqualified' };
    await expectRefused(f, otherPersonas.admin, 'rate', data, 'FORBIDDEN', 'auth.not-admin');
    await expectRefused(f, demoPersonas.admin, 'rate', { ...data, communityId: OTHER }, 'FORBIDDEN', 'auth.not-admin');
    await expectRefused(f, null, 'rate', data, 'UNAUTHENTICATED', 'auth.no-identity');
  });
});

describe('points.listRatings', () => {
  test('a year’s ratings, members first then work units, by name', async () => {
    const list = expectOk(await call(demoPersonas.admin, 'listRatings', { communityId: DEMO, year: YEAR }), RatingList);
    // Members by name in Chinese (pinyin) order: 陈志强, 胡雪梅, 李建国; then the units.
    expect(list.items.map((r) => [r.target, r.targetName, r.grade])).toEqual([
      ['member', '陈志强', 'basically_qualified'],
      ['member', '胡雪梅', 'unqualified'],
      ['member', '李建国', 'excellent'],
      ['work_unit', '市税务局第三分局', 'qualified'],
    ]);
    const last = expectOk(
      await call(demoPersonas.admin, 'listRatings', { communityId: DEMO, year: YEAR - 1 }),
      RatingList,
    );
    expect(last.items.map((r) => r.targetId)).toEqual(['user-member']);
    const empty = expectOk(
      await call(otherPersonas.admin, 'listRatings', { communityId: OTHER, year: YEAR }),
      RatingList,
    );
    expect(empty.items).toEqual([]);
  });

  test('refuses non-admins, the other community’s admin, anonymous callers and bad input', async () => {
    const data = { communityId: DEMO, year: YEAR };
    for (const [, openid] of nonAdmins)
      await expectRefused(f, openid, 'listRatings', data, 'FORBIDDEN', 'auth.not-admin');
    await expectRefused(f, otherPersonas.admin, 'listRatings', data, 'FORBIDDEN', 'auth.not-admin');
    await expectRefused(
      f,
      demoPersonas.admin,
      'listRatings',
      { communityId: OTHER, year: YEAR },
      'FORBIDDEN',
      'auth.not-admin',
    );
    await expectRefused(f, null, 'listRatings', data, 'UNAUTHENTICATED', 'auth.no-identity');
    await expectRefused(
      f,
      demoPersonas.admin,
      'listRatings',
      { communityId: DEMO, year: '2026' },
      'VALIDATION',
      'input.invalid',
    );
  });
});

describe('points.serviceCards', () => {
  beforeAll(async () => {
    const checkin = (userId: string, eventId: string, quarter: string, communityId = DEMO): CheckinDoc => ({
      _id: `${eventId}:${userId}`,
      eventId,
      eventTitle: `活动 ${eventId}`,
      communityId,
      userId,
      userName: userId,
      method: 'qr',
      reason: null,
      recordedBy: null,
      quarter,
      checkedInAt: inQuarter(quarter),
    });
    const docs = [
      checkin('user-member', 'evt-1', CURRENT),
      checkin('user-member', 'evt-2', CURRENT),
      checkin('user-member', 'evt-3', CURRENT),
      checkin('user-member', 'evt-0', PREVIOUS), // another quarter
      checkin('user-liaison', 'evt-1', CURRENT),
      checkin('user-r003', 'evt-1', CURRENT), // 区人民医院
      checkin('user-member', 'evt-dh', CURRENT, OTHER), // another community
    ];
    for (const doc of docs) await database().collection('checkins').add(doc);

    const at = inQuarter(CURRENT);
    await creditAt(at, { userId: 'user-member', amount: 12, reason: 'volunteer_hours', hours: 2.5 });
    await creditAt(at, { userId: 'user-member', amount: 5, reason: 'volunteer_hours', hours: 1 });
    await creditAt(at, { userId: 'user-member', amount: 10, reason: 'wish_fulfilled' });
    for (let i = 0; i < 3; i++) await creditAt(at, { userId: 'user-member', amount: 2, reason: 'checkin' });
    await creditAt(inQuarter(PREVIOUS), { userId: 'user-member', amount: 10, reason: 'wish_fulfilled' });
    await creditAt(at, { userId: 'user-liaison', amount: 10, reason: 'wish_fulfilled' });
    await creditAt(at, { userId: 'user-liaison', amount: 10, reason: 'wish_fulfilled' });
    await creditAt(at, { userId: 'user-r003', amount: 30, reason: 'volunteer_hours', hours: 6 });
    // A volunteer entry reversed through the function takes its hours back out.
    const wrong = await creditAt(new Date(), { userId: 'user-r001', amount: 10, reason: 'volunteer_hours', hours: 2 });
    expectOk(
      await call(demoPersonas.admin, 'reverseEntry', { entryId: wrong._id, reason: '时长登记错误' }),
      LedgerEntry,
    );
  });

  const cards = (workUnitId: string, openid: string | null, quarter = CURRENT) =>
    call(openid, 'serviceCards', { workUnitId, quarter });

  test('the liaison sees their unit’s members: events, hours, wishes, points and this year’s rating', async () => {
    const result = expectOk(await cards('wu-tax', demoPersonas.liaison), ServiceCards);
    expect(result).toMatchObject({
      workUnitId: 'wu-tax',
      workUnitName: '市税务局第三分局',
      quarter: CURRENT,
      unitRating: 'qualified',
    });
    expect(result.cards.map((c) => c.userId).sort()).toEqual(unitMemberIds('wu-tax').sort());
    const byUser = new Map(result.cards.map((c) => [c.userId, c]));
    expect(byUser.get('user-member')).toEqual({
      userId: 'user-member',
      userName: '李建国',
      events: 3,
      hours: 3.5,
      wishes: 1,
      points: 33,
      rating: 'excellent',
    });
    expect(byUser.get('user-liaison')).toMatchObject({ events: 1, hours: 0, wishes: 2, points: 20, rating: null });
    expect(byUser.get('user-r001')).toMatchObject({ events: 0, hours: 0, points: 0 });
    expect(result.cards.map((c) => c.userId)).not.toContain('user-r003');
  });

  test('the community’s admins see any unit; the request count does not depend on the unit', async () => {
    const count = async (workUnitId: string) => {
      const before = f.server.db.stats().requests;
      const result = expectOk(await cards(workUnitId, demoPersonas.admin), ServiceCards);
      return { result, requests: f.server.db.stats().requests - before };
    };
    const hospital = await count('wu-hospital');
    expect(hospital.result.cards.map((c) => c.userId).sort()).toEqual(unitMemberIds('wu-hospital').sort());
    expect(hospital.result.cards.find((c) => c.userId === 'user-r003')).toMatchObject({
      events: 1,
      hours: 6,
      points: 30,
      rating: 'unqualified',
    });
    const tax = await count('wu-tax');
    expect(tax.requests).toBe(hospital.requests);
  });

  test('a unit without members has no cards', async () => {
    const now = new Date();
    await database().collection('work_units').add({
      _id: 'wu-new',
      communityId: DEMO,
      name: '新报到单位',
      partyOrgName: '新报到单位党支部',
      contactPhone: '0571-88000009',
      liaisonUserId: null,
      createdAt: now,
      updatedAt: now,
    });
    const result = expectOk(await cards('wu-new', demoPersonas.admin), ServiceCards);
    expect(result).toEqual({
      workUnitId: 'wu-new',
      workUnitName: '新报到单位',
      quarter: CURRENT,
      cards: [],
      unitRating: null,
    });
  });

  test('refuses a liaison of another unit, other roles, the other community and anonymous callers', async () => {
    await expectRefused(
      f,
      demoPersonas.liaison,
      'serviceCards',
      { workUnitId: 'wu-hospital', quarter: CURRENT },
      'FORBIDDEN',
      'points.not-unit-viewer',
    );
    for (const openid of [demoPersonas.member, demoPersonas.resident, demoPersonas.leader, 'openid-never-seen']) {
      await expectRefused(
        f,
        openid,
        'serviceCards',
        { workUnitId: 'wu-tax', quarter: CURRENT },
        'FORBIDDEN',
        'points.not-unit-viewer',
      );
    }
    await expectRefused(
      f,
      otherPersonas.admin,
      'serviceCards',
      { workUnitId: 'wu-tax', quarter: CURRENT },
      'FORBIDDEN',
      'points.not-unit-viewer',
    );
    await expectRefused(
      f,
      null,
      'serviceCards',
      { workUnitId: 'wu-tax', quarter: CURRENT },
      'UNAUTHENTICATED',
      'auth.no-identity',
    );
  });

  test('an unknown unit is NOT_FOUND; bad input is VALIDATION', async () => {
    await expectRefused(
      f,
      demoPersonas.admin,
      'serviceCards',
      { workUnitId: 'wu-nowhere', quarter: CURRENT },
      'NOT_FOUND',
      'work-unit.not-found',
    );
    await expectRefused(
      f,
      demoPersonas.liaison,
      'serviceCards',
      { workUnitId: 'wu-tax', quarter: 'Q4' },
      'VALIDATION',
      'input.invalid',
    );
    await expectRefused(f, demoPersonas.liaison, 'serviceCards', { quarter: CURRENT }, 'VALIDATION', 'input.invalid');
  });
});
