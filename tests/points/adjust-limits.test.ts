/**
 * Manual adjustments within bounds (issue #12): nobody adjusts or reverses their own points,
 * each adjustment stays within the community's cap per call, and the adjustments to one person
 * in one quarter within its cap per quarter — counted in the same transaction as the entry, so
 * earlier adjustments (also ones made before the count existed) and concurrent ones count.
 * Every refusal writes nothing.
 */
import { LedgerEntry, PointRules } from '../../types/points';
import { DEMO, demoPersonas, startFixture, type Fixture } from '../support/fixtures';
import { CURRENT, auditOf, creditAt, expectOk, expectRefused, inQuarter } from './helpers';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

const adjust = (data: object, openid: string | null = demoPersonas.admin) =>
  f.call(openid, 'points', 'adjustPoints', { communityId: DEMO, reason: '表现突出', ...data });

const capReasons = { call: 'points.adjustment-cap-per-call', quarter: 'points.adjustment-cap-per-quarter' } as const;
/** An adjustment in 幸福里 by its admin that goes over the cap per call or per quarter: refused, nothing written. */
const refusedOverCap = (cap: keyof typeof capReasons, data: object) =>
  expectRefused(
    f,
    demoPersonas.admin,
    'adjustPoints',
    { communityId: DEMO, ...data },
    'LIMIT_EXCEEDED',
    capReasons[cap],
  );

async function setRules(patch: object): Promise<PointRules> {
  const current = expectOk(await f.call(demoPersonas.admin, 'points', 'getRules', { communityId: DEMO }), PointRules);
  const { updatedAt: _updatedAt, ...rest } = current;
  return expectOk(await f.call(demoPersonas.admin, 'points', 'updateRules', { ...rest, ...patch }), PointRules);
}

function adjustmentsOf(userId: string): Record<string, any>[] {
  return f.find('point_ledger', { userId, reason: 'adjustment', communityId: DEMO });
}

describe('nobody credits themself', () => {
  test('refuses an admin who adjusts their own points by +100 and writes nothing', async () => {
    for (const [openid, data, code, reason] of [
      [
        demoPersonas.admin,
        { communityId: DEMO, userId: 'user-admin', amount: 100, reason: '自己辛苦了' },
        'FORBIDDEN',
        'points.self-credit',
      ],
      [
        demoPersonas.admin,
        { communityId: DEMO, userId: 'user-admin', amount: -1, reason: '自我更正' },
        'FORBIDDEN',
        'points.self-credit',
      ],
    ] as const) {
      await expectRefused(f, openid, 'adjustPoints', data, code, reason);
    }
  });

  test('refuses an admin who reverses an entry of their own and writes nothing', async () => {
    const own = await creditAt(inQuarter(CURRENT), { userId: 'user-admin', amount: -5, reason: 'checkin' });
    await expectRefused(
      f,
      demoPersonas.admin,
      'reverseEntry',
      { entryId: own._id, reason: '冲正自己的扣分' },
      'FORBIDDEN',
      'points.self-credit',
    );
  });
});

describe('caps per call and per quarter', () => {
  test('an adjustment shows in the audit log with its reason', async () => {
    const entry = expectOk(
      await adjust({ userId: 'user-council-chair', amount: 7, reason: '组织议事会' }),
      LedgerEntry,
    );
    expect(auditOf(f, 'points.adjustPoints')[0]).toMatchObject({
      targetId: entry.id,
      summary: '调整 赵德明 的积分 +7：组织议事会',
      after: expect.objectContaining({ amount: 7, note: '组织议事会' }),
    });
  });

  test('refuses an adjustment without a reason as VALIDATION and writes nothing', async () => {
    await expectRefused(
      f,
      demoPersonas.admin,
      'adjustPoints',
      { communityId: DEMO, userId: 'user-member', amount: 5, reason: ' ' },
      'VALIDATION',
      'input.invalid',
    );
  });

  test("honours the community's cap per call: above it is LIMIT_EXCEEDED and writes nothing, at it is fine", async () => {
    await setRules({ adjustmentCapPerCall: 20 });
    try {
      for (const amount of [21, -21, 100]) {
        const reply = await refusedOverCap('call', { userId: 'user-leader', amount, reason: '超出单次上限' });
        expect(reply.error.message).toContain('20');
      }
      expectOk(await adjust({ userId: 'user-leader', amount: 20 }), LedgerEntry);
      expectOk(await adjust({ userId: 'user-leader', amount: -20 }), LedgerEntry);
    } finally {
      await setRules({ adjustmentCapPerCall: 100 });
    }
  });

  test('the quarter cap (default 200) counts earlier adjustments, debits by their size', async () => {
    expectOk(await adjust({ userId: 'user-member', amount: 100 }), LedgerEntry);
    expectOk(await adjust({ userId: 'user-member', amount: -60 }), LedgerEntry);
    expectOk(await adjust({ userId: 'user-member', amount: 40 }), LedgerEntry);
    // 100 + 60 + 40 = 200 used: even one more point is refused.
    const reply = await refusedOverCap('quarter', { userId: 'user-member', amount: 1, reason: '再加一分' });
    expect(reply.error.message).toContain('200');
    // Other people have their own count.
    expectOk(await adjust({ userId: 'user-liaison', amount: 1 }), LedgerEntry);
  });

  test("honours the community's cap per quarter", async () => {
    await setRules({ adjustmentCapPerQuarter: 30 });
    try {
      expectOk(await adjust({ userId: 'user-supervisor', amount: 25 }), LedgerEntry);
      await refusedOverCap('quarter', { userId: 'user-supervisor', amount: 6, reason: '超出季度上限' });
      expectOk(await adjust({ userId: 'user-supervisor', amount: -5 }), LedgerEntry);
    } finally {
      await setRules({ adjustmentCapPerQuarter: 200 });
    }
  });

  test('adjustments already in the ledger before the count existed count too', async () => {
    // Written straight into the ledger, as an older version made them (no count on the balance).
    await creditAt(inQuarter(CURRENT), { userId: 'user-estate-leader', amount: 150, reason: 'adjustment' });
    await creditAt(inQuarter(CURRENT, 1000), { userId: 'user-estate-leader', amount: -40, reason: 'adjustment' });
    await refusedOverCap('quarter', { userId: 'user-estate-leader', amount: 11, reason: '超出季度上限' });
    expectOk(await adjust({ userId: 'user-estate-leader', amount: 10 }), LedgerEntry);
  });

  test('concurrent adjustments cannot together pass the quarter cap', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => adjust({ userId: 'user-resident', amount: 50, reason: '并发调整' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(4);
    expect(replies.filter((r) => !r.ok).map((r) => r.error.reason)).toEqual(
      Array(4).fill('points.adjustment-cap-per-quarter'),
    );
    const entries = adjustmentsOf('user-resident');
    expect(entries.reduce((sum, e) => sum + Math.abs(e.amount as number), 0)).toBe(200);
    expect(f.find('point_balances', { _id: `${DEMO}:user-resident` })[0]).toMatchObject({
      adjusted: { [CURRENT]: 200 },
    });
  });
});

describe('a request id makes an adjustment happen once', () => {
  test('the same request id again returns the same entry and credits once', async () => {
    const data = { userId: 'user-liaison', amount: 3, reason: '网络重试', requestId: 'req-liaison-0001' };
    const first = expectOk(await adjust(data), LedgerEntry);
    const again = expectOk(await adjust(data), LedgerEntry);
    expect(again.id).toBe(first.id);
    expect(first.id).toBe('adjustment:user-admin:req-liaison-0001');
    expect(f.find('point_ledger', { _id: first.id })).toHaveLength(1);
    expect(auditOf(f, 'points.adjustPoints').filter((a) => a.targetId === first.id)).toHaveLength(1);
  });

  test('the same request id for a different adjustment is CONFLICT and writes nothing', async () => {
    await expectRefused(
      f,
      demoPersonas.admin,
      'adjustPoints',
      { communityId: DEMO, userId: 'user-liaison', amount: 4, reason: '换了分值', requestId: 'req-liaison-0001' },
      'CONFLICT',
      'points.request-id-reused',
    );
  });
});
