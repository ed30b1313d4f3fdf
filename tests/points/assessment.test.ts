/**
 * The quarterly assessment: points.quarterReport (ranked, against the threshold, from the
 * database's aggregation) and points.closeQuarter with the `close-quarters` timer — a finished
 * quarter only, frozen once closed, one result however often and however concurrently it is
 * closed.
 */
import { PointRules, QuarterReport } from '../../types/points';
import { previousQuarter } from '../../types/time';
import { DEMO, OTHER, demoPersonas, otherPersonas, startFixture, type Fixture } from '../support/fixtures';
import {
  CURRENT,
  NEXT,
  PREVIOUS,
  allMemberIds,
  auditOf,
  creditAt,
  expectError,
  expectOk,
  expectRefused,
  inQuarter,
  nonAdmins,
  saveDemoRules,
  userName,
} from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
  const at = inQuarter(PREVIOUS);
  const entries: Array<[string, number, string?]> = [
    ['user-member', 25],
    ['user-liaison', 20], // exactly the threshold: 达标
    ['user-r001', 12],
    ['user-r001', 8], // 20 in two entries: ties with user-liaison
    ['user-r023', 19], // one short of the threshold
    ['user-leader', 8],
    ['user-leader', -3],
    ['user-resident', 50], // a resident, not a Party member: not in the report
    ['user-other-resident', 99, OTHER], // another community
  ];
  for (const [userId, amount, communityId] of entries) {
    await creditAt(at, { userId, amount, ...(communityId ? { communityId } : {}) });
  }
  await creditAt(inQuarter(CURRENT), { userId: 'user-r023', amount: 100 }); // another quarter
});
afterAll(async () => {
  await f.stop();
});

const report = (quarter: string, openid: string | null = demoPersonas.admin, communityId = DEMO) =>
  f.call(openid, 'points', 'quarterReport', { communityId, quarter });
const close = (quarter: string, openid: string | null = demoPersonas.admin, communityId = DEMO) =>
  f.call(openid, 'points', 'closeQuarter', { communityId, quarter });

describe('points.quarterReport', () => {
  test('every member with their quarter points, ranked with shared ranks for ties, 达标 at the threshold', async () => {
    const r = expectOk(await report(PREVIOUS), QuarterReport);
    expect(r).toMatchObject({ communityId: DEMO, quarter: PREVIOUS, threshold: 20, closed: false, closedAt: null });
    expect(r.rows.map((row) => row.userId).sort()).toEqual([...allMemberIds].sort());
    const byUser = new Map(r.rows.map((row) => [row.userId, row]));
    expect(byUser.get('user-member')).toMatchObject({ points: 25, rank: 1, qualified: true, userName: '李建国' });
    expect(byUser.get('user-liaison')).toMatchObject({ points: 20, rank: 2, qualified: true });
    expect(byUser.get('user-r001')).toMatchObject({ points: 20, rank: 2, qualified: true });
    expect(byUser.get('user-r023')).toMatchObject({ points: 19, rank: 4, qualified: false });
    expect(byUser.get('user-leader')).toMatchObject({ points: 5, rank: 5, qualified: false, workUnitName: null });
    const zeros = r.rows.filter((row) => row.points === 0);
    expect(zeros).toHaveLength(allMemberIds.length - 5);
    expect(zeros.every((row) => row.rank === 6 && !row.qualified)).toBe(true);
    expect(byUser.get('user-member')?.workUnitName).toBe('市税务局第三分局');
    expect(r.rows.map((row) => row.rank)).toEqual([...r.rows.map((row) => row.rank)].sort((a, b) => a - b));
    expect(byUser.has('user-resident')).toBe(false);
  });

  test('the current quarter counts its own entries only', async () => {
    const r = expectOk(await report(CURRENT), QuarterReport);
    expect(r.rows[0]).toMatchObject({ userId: 'user-r023', points: 100, rank: 1, qualified: true });
    expect(r.rows.slice(1).every((row) => row.points === 0 && row.rank === 2)).toBe(true);
  });

  test('the number of database requests does not grow with the ledger', async () => {
    const requests = async () => {
      const before = f.server.db.stats().requests;
      expectOk(await report(NEXT), QuarterReport);
      return f.server.db.stats().requests - before;
    };
    const small = await requests();
    for (let i = 0; i < 150; i++)
      await creditAt(inQuarter(NEXT), { userId: allMemberIds[i % allMemberIds.length]!, amount: 1 });
    const large = await requests();
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });

  test('refuses non-admins, the other community’s admin, anonymous callers and bad input, writing nothing', async () => {
    for (const [, openid] of nonAdmins) {
      await expectRefused(
        f,
        openid,
        'quarterReport',
        { communityId: DEMO, quarter: PREVIOUS },
        'FORBIDDEN',
        'auth.not-admin',
      );
    }
    for (const [openid, data, code, reason] of [
      [otherPersonas.admin, { communityId: DEMO, quarter: PREVIOUS }, 'FORBIDDEN', 'auth.not-admin'],
      [demoPersonas.admin, { communityId: OTHER, quarter: PREVIOUS }, 'FORBIDDEN', 'auth.not-admin'],
      [null, { communityId: DEMO, quarter: PREVIOUS }, 'UNAUTHENTICATED', 'auth.no-identity'],
    ] as const) {
      await expectRefused(f, openid, 'quarterReport', data, code, reason);
    }
    const bad = await expectRefused(
      f,
      demoPersonas.admin,
      'quarterReport',
      { communityId: DEMO, quarter: '2026Q5' },
      'VALIDATION',
      'input.invalid',
    );
    expect(bad.error.fields.quarter).toBe('考核季度不是有效的季度');
    await expectRefused(f, demoPersonas.admin, 'quarterReport', { communityId: DEMO }, 'VALIDATION', 'input.invalid');
  });
});

describe('points.closeQuarter and the close-quarters timer', () => {
  test('refuses the current and a future quarter as PRECONDITION_FAILED, writing nothing', async () => {
    for (const quarter of [CURRENT, NEXT, '2099Q1']) {
      await expectRefused(
        f,
        demoPersonas.admin,
        'closeQuarter',
        { communityId: DEMO, quarter },
        'PRECONDITION_FAILED',
        'points.quarter-not-finished',
      );
    }
  });

  test('refuses non-admins, the other community’s admin, anonymous callers and bad input, writing nothing', async () => {
    const data = { communityId: DEMO, quarter: PREVIOUS };
    for (const [, openid] of nonAdmins)
      await expectRefused(f, openid, 'closeQuarter', data, 'FORBIDDEN', 'auth.not-admin');
    for (const [who, input, code, reason] of [
      [otherPersonas.admin, data, 'FORBIDDEN', 'auth.not-admin'],
      [demoPersonas.admin, { communityId: OTHER, quarter: PREVIOUS }, 'FORBIDDEN', 'auth.not-admin'],
      [null, data, 'UNAUTHENTICATED', 'auth.no-identity'],
      [demoPersonas.admin, { communityId: DEMO, quarter: '26Q1' }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, who, 'closeQuarter', input, code, reason);
    }
  });

  test('ten simultaneous closes of a finished quarter store one result; it is then frozen', async () => {
    const live = expectOk(await report(PREVIOUS), QuarterReport);
    const replies = await Promise.all(Array.from({ length: 10 }, () => close(PREVIOUS)));
    const reports = replies.map((r) => expectOk(r, QuarterReport));
    expect(f.find('quarter_results')).toHaveLength(1);
    const [stored] = f.find('quarter_results', { _id: `${DEMO}:${PREVIOUS}` });
    expect(stored).toMatchObject({ communityId: DEMO, quarter: PREVIOUS, threshold: 20, closedBy: 'user-admin' });
    for (const r of reports) {
      expect(r).toMatchObject({ closed: true, threshold: 20, rows: live.rows });
      expect(r.closedAt).toBe(reports[0]!.closedAt);
    }
    expect(auditOf(f, 'points.closeQuarter')).toHaveLength(1);

    // Frozen: a late entry and a new threshold change nothing in the closed quarter.
    await creditAt(inQuarter(PREVIOUS), { userId: 'user-r023', amount: 50 });
    expectOk(await saveDemoRules(f, { quarterThreshold: 25 }), PointRules);
    const frozen = expectOk(await report(PREVIOUS), QuarterReport);
    expect(frozen).toEqual(reports[0]);
    // Closing again returns the stored result and writes nothing.
    const again = await f.expectNothingWritten(() => close(PREVIOUS));
    expect(again.data).toEqual(reports[0]);
  });

  test('the timer closes the previous quarter of every community; fired twice (also over HTTP) it stores one result each, and the second run finds the quarter finished', async () => {
    const first = (await f.server.functions.fireTimer('points', 'close-quarters')) as any;
    expect(first).toMatchObject({
      ok: true,
      data: { quarter: PREVIOUS, closed: [OTHER], alreadyClosed: [DEMO], failed: [] },
    });
    const res = await fetch(`${f.server.url}/api/local/timers/points/close-quarters`, {
      method: 'POST',
      headers: { 'x-local-admin-token': f.server.adminToken },
    });
    expect(await res.json()).toMatchObject({
      ok: true,
      data: { quarter: PREVIOUS, closed: [], alreadyClosed: [], failed: [], more: false },
    });
    expect(
      f
        .find('quarter_results')
        .map((d) => d._id)
        .sort(),
    ).toEqual([`${DEMO}:${PREVIOUS}`, `${OTHER}:${PREVIOUS}`].sort());
    const [donghu] = f.find('quarter_results', { communityId: OTHER });
    expect(donghu).toMatchObject({ closedBy: null, rows: [] });
    expect(auditOf(f, 'points.closeQuarter').filter((a) => a.communityId === OTHER)).toEqual([
      expect.objectContaining({ actorId: null, actorName: '系统' }),
    ]);
    const otherReport = expectOk(await report(PREVIOUS, otherPersonas.admin, OTHER), QuarterReport);
    expect(otherReport.closed).toBe(true);
  });

  test('a user cannot pose as the scheduler', async () => {
    const res = await fetch(`${f.server.url}/api/functions/points`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': demoPersonas.admin },
      body: JSON.stringify({ Type: 'Timer', TriggerName: 'close-quarters' }),
    });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'timer.not-scheduler' } });
  });
});

describe('a close cut off between its writes', () => {
  const EARLIER = previousQuarter(PREVIOUS);
  const EARLIEST = previousQuarter(EARLIER);
  afterEach(() => {
    delete process.env.HONGSE_CRASH_AT;
    jest.restoreAllMocks();
  });
  const closeAudits = (quarter: string) =>
    auditOf(f, 'points.closeQuarter').filter((a) => a.targetId === `${DEMO}:${quarter}`);

  test('a close that died after storing the result is audited, once, by the next close of the quarter', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    process.env.HONGSE_CRASH_AT = 'points.close-quarter.after-result';
    expectError(await close(EARLIER), 'INTERNAL');
    delete process.env.HONGSE_CRASH_AT;
    expect(f.find('quarter_results', { _id: `${DEMO}:${EARLIER}` })).toEqual([
      expect.objectContaining({ audited: false, closedBy: 'user-admin' }),
    ]);
    expect(closeAudits(EARLIER)).toHaveLength(0);

    const replies = await Promise.all([close(EARLIER), close(EARLIER), close(EARLIER)]);
    for (const r of replies) expect(expectOk(r, QuarterReport).closed).toBe(true);
    expect(closeAudits(EARLIER)).toEqual([
      expect.objectContaining({
        actorId: 'user-admin',
        actorName: userName('user-admin'),
        targetKind: 'quarter_result',
      }),
    ]);
    expect(f.find('quarter_results', { _id: `${DEMO}:${EARLIER}` })[0]).toMatchObject({ audited: true });
    await f.expectNothingWritten(() => close(EARLIER));
  });

  test('a close that died after its audit entry is finished without a second entry', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    process.env.HONGSE_CRASH_AT = 'points.close-quarter.after-audit';
    expectError(await close(EARLIEST), 'INTERNAL');
    delete process.env.HONGSE_CRASH_AT;
    expect(closeAudits(EARLIEST)).toHaveLength(1);
    expect(f.find('quarter_results', { _id: `${DEMO}:${EARLIEST}` })[0]).toMatchObject({ audited: false });

    expect(expectOk(await close(EARLIEST), QuarterReport).closed).toBe(true);
    expect(closeAudits(EARLIEST)).toHaveLength(1);
    expect(f.find('quarter_results', { _id: `${DEMO}:${EARLIEST}` })[0]).toMatchObject({ audited: true });
  });
});
