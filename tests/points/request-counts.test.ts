/**
 * Database requests per read of the points area (issue #13, part 4): each costs at most four,
 * whatever the data (closing a quarter, a write, at most five) — here a member with 45 entries
 * (some reversed, read over two pages), a community and a work unit with 30 more members
 * (credited and rated), a closed quarter.
 */
import type { z } from 'zod';
import { ExportFile, MyPoints, QuarterReport, ServiceCards } from '../../types/points';
import { aUser, FIXTURE_NOW } from '../support/factories';
import { DEMO, demoPersonas, insertPeople, startFixture, type Fixture } from '../support/fixtures';
import { CURRENT, PREVIOUS, creditAt, expectOk, inQuarter } from './helpers';

const EXTRA = 30;
const YEAR = Number(PREVIOUS.slice(0, 4));
const GONE = { _id: 'user-count-gone', openid: 'count-gone' };

let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
  const now = FIXTURE_NOW;
  const users = Array.from({ length: EXTRA }, (_, i) =>
    aUser({
      _id: `user-count-${i}`,
      openid: `count-${i}`,
      name: `党员甲${i}`,
      phone: `1370${String(2000000 + i).padStart(7, '0')}`,
    }),
  );
  insertPeople(f, users, {
    kind: 'member',
    communityId: DEMO,
    workUnitId: 'wu-tax',
    memberType: 'in_office',
    scopeLabel: '在职党员',
    grantedBy: 'user-admin',
  });
  f.insert('users', [aUser({ ...GONE, name: '已转出党员' })]);
  f.insert(
    'ratings',
    users.slice(0, 10).map((u) => ({
      _id: `${YEAR}:${DEMO}:member:${u._id}`,
      communityId: DEMO,
      year: YEAR,
      target: 'member',
      targetId: u._id,
      targetName: u.name,
      grade: 'excellent',
      comment: '',
      ratedBy: 'user-admin',
      ratedAt: now,
    })),
  );
  for (const u of users) await creditAt(inQuarter(PREVIOUS), { userId: u._id, amount: 5, hours: 1 });
  for (let i = 0; i < 45; i++) {
    const entry = await creditAt(inQuarter(CURRENT, i * 60_000), { userId: 'user-member', amount: 2 });
    if (i % 9 === 0) {
      await creditAt(inQuarter(CURRENT, i * 60_000 + 1000), {
        key: `reversal:${entry._id}`,
        userId: 'user-member',
        amount: -2,
        reason: 'reversal',
        reversesId: entry._id,
      });
    }
  }
  // A former member: points in 幸福里, no role there any more.
  await creditAt(inQuarter(CURRENT), { userId: GONE._id, amount: 7 });
});
afterAll(() => f.stop());

async function requestsOf<S extends z.ZodType>(openid: string, action: string, data: object, schema: S) {
  const before = f.server.db.stats().requests;
  const reply = await f.call(openid, 'points', action, data);
  const requests = f.server.db.stats().requests - before;
  return { result: expectOk(reply, schema), requests };
}

test('a member’s points and ledger cost at most four database requests, on any page, however long the ledger', async () => {
  const first = await requestsOf(demoPersonas.member, 'myPoints', { communityId: DEMO }, MyPoints);
  expect(first.result.entries.nextCursor).not.toBeNull();
  expect(first.result.entries.items.some((e) => e.reversed)).toBe(true);
  const second = await requestsOf(
    demoPersonas.member,
    'myPoints',
    { communityId: DEMO, cursor: first.result.entries.nextCursor },
    MyPoints,
  );
  const former = await requestsOf(GONE.openid, 'myPoints', { communityId: DEMO }, MyPoints);
  expect(former.result.balance).toBe(7);
  const byAdmin = await requestsOf(
    demoPersonas.admin,
    'memberLedger',
    { communityId: DEMO, userId: 'user-member' },
    MyPoints,
  );
  const byLiaison = await requestsOf(
    demoPersonas.liaison,
    'memberLedger',
    { communityId: DEMO, userId: 'user-member' },
    MyPoints,
  );
  expect(byLiaison.result).toEqual(byAdmin.result);
  const counts = [first, second, former, byAdmin, byLiaison].map((r) => r.requests);
  expect(counts.filter((n) => n > 4)).toEqual([]);
});

test('a quarter report costs at most four database requests, open or closed, and closing it six (the write budget), however many members', async () => {
  const open = await requestsOf(
    demoPersonas.admin,
    'quarterReport',
    { communityId: DEMO, quarter: PREVIOUS },
    QuarterReport,
  );
  expect(open.result.rows.length).toBeGreaterThan(EXTRA);
  const close = await requestsOf(
    demoPersonas.admin,
    'closeQuarter',
    { communityId: DEMO, quarter: PREVIOUS },
    QuarterReport,
  );
  const again = await requestsOf(
    demoPersonas.admin,
    'closeQuarter',
    { communityId: DEMO, quarter: PREVIOUS },
    QuarterReport,
  );
  expect(again.result).toEqual(close.result);
  // Closing: the caller with the stored result and the rules, the members and the totals, the
  // result, its audit entry and the result's `audited` flag; closing again: the first request only.
  expect(close.requests).toBeLessThanOrEqual(6);
  expect(again.requests).toBeLessThanOrEqual(1);
  const closed = await requestsOf(
    demoPersonas.admin,
    'quarterReport',
    { communityId: DEMO, quarter: PREVIOUS },
    QuarterReport,
  );
  expect(closed.result.closed).toBe(true);
  expect(closed.result.rows).toEqual(open.result.rows);
  expect([open.requests, closed.requests].filter((n) => n > 4)).toEqual([]);
});

test('a work unit’s service cards cost at most four database requests, for its liaison or an admin, however many members', async () => {
  const byLiaison = await requestsOf(
    demoPersonas.liaison,
    'serviceCards',
    { workUnitId: 'wu-tax', quarter: PREVIOUS },
    ServiceCards,
  );
  expect(byLiaison.result.cards.length).toBeGreaterThan(EXTRA);
  expect(byLiaison.result.cards.filter((c) => c.rating === 'excellent')).toHaveLength(10);
  expect(byLiaison.result.cards.filter((c) => c.points === 5 && c.hours === 1).length).toBeGreaterThanOrEqual(EXTRA);
  const byAdmin = await requestsOf(
    demoPersonas.admin,
    'serviceCards',
    { workUnitId: 'wu-tax', quarter: PREVIOUS },
    ServiceCards,
  );
  expect(byAdmin.result).toEqual(byLiaison.result);
  expect([byLiaison.requests, byAdmin.requests].filter((n) => n > 4)).toEqual([]);
});

test('every export costs at most four database requests', async () => {
  const counts: Record<string, number> = {};
  for (const [kind, extra] of [
    ['quarter_report', { quarter: CURRENT }],
    ['quarter_report', { quarter: PREVIOUS }],
    ['service_cards', { quarter: PREVIOUS, workUnitId: 'wu-tax' }],
    ['ratings', { year: YEAR }],
  ] as const) {
    const { result, requests } = await requestsOf(
      demoPersonas.admin,
      'exportXlsx',
      { communityId: DEMO, kind, ...extra },
      ExportFile,
    );
    expect(result.fileName).toMatch(/^幸福里/);
    counts[`${kind} ${JSON.stringify(extra)}`] = requests;
  }
  expect(Object.entries(counts).filter(([, n]) => n > 4)).toEqual([]);
});
