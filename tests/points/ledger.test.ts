/**
 * The member-facing ledger and corrections: points.myPoints, points.memberLedger,
 * points.adjustPoints and points.reverseEntry. Every change is a new entry made by credit();
 * a reversal happens at most once; the stored balance always equals the ledger's sum.
 */
import { Collections } from '../../cloudfunctions/_shared/collections';
import { database } from '../../cloudfunctions/_shared/database';
import { balanceId, ledgerSum, type BalanceDoc } from '../../cloudfunctions/_shared/ledger';
import { LedgerEntry, MyPoints } from '../../types/points';
import { DEMO, OTHER, demoPersonas, otherPersonas, fileFixture } from '../support/fixtures';
import {
  CURRENT,
  PREVIOUS,
  auditOf,
  creditAt,
  ctxAt,
  expectError,
  expectOk,
  expectRefused,
  inQuarter,
  nonAdmins,
} from './helpers';

const f = fileFixture();

const call = (openid: string | null, action: string, data: object) => f.call(openid, 'points', action, data);
const adjust = (data: object, openid: string | null = demoPersonas.admin) => call(openid, 'adjustPoints', data);
const reverse = (data: object, openid: string | null = demoPersonas.admin) => call(openid, 'reverseEntry', data);
/** A reversal by 幸福里's admin that must be refused with `code` and `reason`, writing nothing; the reply. */
const refusedReversal = (data: object, code: string, reason: string) =>
  expectRefused(f, demoPersonas.admin, 'reverseEntry', data, code, reason);

async function storedBalance(userId: string, communityId = DEMO): Promise<BalanceDoc | undefined> {
  const res = await database().collection(Collections.pointBalances).doc(balanceId(communityId, userId)).get();
  return (res.data as BalanceDoc[])[0];
}

describe('points.myPoints', () => {
  beforeAll(async () => {
    // 李建国 (demo-member): one entry last quarter, three this quarter.
    await creditAt(inQuarter(PREVIOUS), {
      userId: 'user-member',
      amount: 10,
      reason: 'registration',
      explanation: '报到 +10',
    });
    await creditAt(inQuarter(CURRENT, 0), { userId: 'user-member', amount: 2, explanation: '签到：主题党日 +2' });
    await creditAt(inQuarter(CURRENT, 1000), { userId: 'user-member', amount: 5, reason: 'volunteer_hours', hours: 1 });
    await creditAt(inQuarter(CURRENT, 2000), { userId: 'user-member', amount: 10, reason: 'wish_fulfilled' });
  });

  test('gives the balance, this quarter’s total against the threshold, and the ledger newest first', async () => {
    const mine = expectOk(await call(demoPersonas.member, 'myPoints', { communityId: DEMO }), MyPoints);
    expect(mine).toMatchObject({ balance: 27, quarter: CURRENT, quarterTotal: 17, quarterThreshold: 20 });
    expect(mine.entries.items.map((e) => e.amount)).toEqual([10, 5, 2, 10]);
    expect(mine.entries.items[3]).toMatchObject({ reason: 'registration', explanation: '报到 +10', quarter: PREVIOUS });
    expect(mine.entries.items.every((e) => e.userId === 'user-member' && !e.reversed)).toBe(true);
    expect(mine.entries.nextCursor).toBeNull();
  });

  test('pages through the ledger', async () => {
    const first = expectOk(await call(demoPersonas.member, 'myPoints', { communityId: DEMO, limit: 3 }), MyPoints);
    expect(first.entries.items).toHaveLength(3);
    expect(first.entries.nextCursor).toEqual(expect.any(String));
    const second = expectOk(
      await call(demoPersonas.member, 'myPoints', { communityId: DEMO, limit: 3, cursor: first.entries.nextCursor! }),
      MyPoints,
    );
    expect(second.entries.items.map((e) => e.amount)).toEqual([10]);
    expect(second.entries.nextCursor).toBeNull();
  });

  test('someone with a role but no points sees zeros', async () => {
    const mine = expectOk(await call(demoPersonas.resident, 'myPoints', { communityId: DEMO }), MyPoints);
    expect(mine).toMatchObject({ balance: 0, quarterTotal: 0, entries: { items: [], nextCursor: null } });
  });

  test('a former member whose roles are gone still sees the points they earned there', async () => {
    await creditAt(inQuarter(CURRENT), { userId: 'user-other-resident', amount: 6 });
    const mine = expectOk(await call(otherPersonas.resident, 'myPoints', { communityId: DEMO }), MyPoints);
    expect(mine).toMatchObject({ balance: 6, quarterTotal: 6 });
    expect(mine.entries.items).toHaveLength(1);
  });

  test('bad input, outsiders and anonymous callers are refused, writing nothing', async () => {
    for (const [openid, data, code, reason] of [
      [demoPersonas.member, { communityId: DEMO, limit: 0 }, 'VALIDATION', 'input.invalid'],
      [demoPersonas.member, { communityId: DEMO, cursor: -1 }, 'VALIDATION', 'input.invalid'],
      [demoPersonas.member, { communityId: OTHER }, 'FORBIDDEN', 'points.not-in-community'],
      [otherPersonas.admin, { communityId: DEMO }, 'FORBIDDEN', 'points.not-in-community'],
      ['openid-never-seen', { communityId: DEMO }, 'FORBIDDEN', 'points.not-in-community'],
      [null, { communityId: DEMO }, 'UNAUTHENTICATED', 'auth.no-identity'],
    ] as const) {
      await expectRefused(f, openid, 'myPoints', data, code, reason);
    }
  });
});

describe('points.memberLedger', () => {
  test('the community’s admins see any member’s ledger', async () => {
    const ledger = expectOk(
      await call(demoPersonas.admin, 'memberLedger', { communityId: DEMO, userId: 'user-member' }),
      MyPoints,
    );
    expect(ledger.balance).toBeGreaterThanOrEqual(27);
    expect(ledger.entries.items.every((e) => e.userId === 'user-member')).toBe(true);
  });

  test('the liaison sees the members of their own unit only', async () => {
    // 李建国 is in office at 市税务局第三分局, whose liaison is 刘芳 (demo-liaison).
    expectOk(await call(demoPersonas.liaison, 'memberLedger', { communityId: DEMO, userId: 'user-member' }), MyPoints);
    // A member of 区人民医院, a retired member and a plain resident are not theirs.
    const hospital = 'user-r003';
    for (const userId of [hospital, 'user-leader', 'user-resident']) {
      await expectRefused(
        f,
        demoPersonas.liaison,
        'memberLedger',
        { communityId: DEMO, userId },
        'FORBIDDEN',
        'points.not-ledger-viewer',
      );
    }
  });

  test('refuses other roles, the other community’s admin, anonymous callers and bad input', async () => {
    const data = { communityId: DEMO, userId: 'user-member' };
    for (const openid of [demoPersonas.resident, demoPersonas.leader, demoPersonas.estateLeader, 'openid-never-seen']) {
      await expectRefused(f, openid, 'memberLedger', data, 'FORBIDDEN', 'points.not-ledger-viewer');
    }
    // A member may not read another member's ledger this way either.
    for (const [who, input, code, reason] of [
      [demoPersonas.member, { communityId: DEMO, userId: 'user-liaison' }, 'FORBIDDEN', 'points.not-ledger-viewer'],
      [otherPersonas.admin, data, 'FORBIDDEN', 'points.not-ledger-viewer'],
      [
        demoPersonas.admin,
        { communityId: OTHER, userId: 'user-other-resident' },
        'FORBIDDEN',
        'points.not-ledger-viewer',
      ],
      [null, data, 'UNAUTHENTICATED', 'auth.no-identity'],
      [demoPersonas.admin, { communityId: DEMO }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, who, 'memberLedger', input, code, reason);
    }
  });
});

describe('points.adjustPoints', () => {
  test('credits points with a written reason: a new entry, the balance moves, audited', async () => {
    const before = (await storedBalance('user-liaison'))?.balance ?? 0;
    const entry = expectOk(
      await adjust({ communityId: DEMO, userId: 'user-liaison', amount: 8, reason: '组织社区义诊表现突出' }),
      LedgerEntry,
    );
    expect(entry).toMatchObject({
      userId: 'user-liaison',
      communityId: DEMO,
      amount: 8,
      reason: 'adjustment',
      quarter: CURRENT,
      reversesId: null,
      reversed: false,
    });
    expect(entry.explanation).toBe('管理员调整：组织社区义诊表现突出 +8');
    expect((await storedBalance('user-liaison'))?.balance).toBe(before + 8);
    expect(auditOf(f, 'points.adjustPoints')[0]).toMatchObject({
      actorId: 'user-admin',
      targetId: entry.id,
      summary: '调整 刘芳 的积分 +8：组织社区义诊表现突出',
    });
    // The same request again is a second, separate entry (each call has its own key).
    const again = expectOk(
      await adjust({ communityId: DEMO, userId: 'user-liaison', amount: -3, reason: '重复登记更正' }),
      LedgerEntry,
    );
    expect(again.id).not.toBe(entry.id);
    expect(again.explanation).toBe('管理员调整：重复登记更正 -3');
    expect((await storedBalance('user-liaison'))?.balance).toBe(before + 5);
  });

  test.each([
    ['zero', { amount: 0 }, 'amount', '调整分值不能为0'],
    ['a fraction', { amount: 1.5 }, 'amount', '积分必须是整数'],
    ['over 100', { amount: 101 }, 'amount', '单次调整不超过100分'],
    ['under -100', { amount: -101 }, 'amount', '单次调整不超过100分'],
    ['a one-letter reason', { reason: '好' }, 'reason', '请填写原因（至少2个字）'],
    ['no reason', { reason: undefined }, 'reason', undefined],
    ['an unknown field', { points: 3 }, '_', undefined],
  ])('refuses %s as VALIDATION and writes nothing', async (_label, patch, field, message) => {
    const data = { communityId: DEMO, userId: 'user-member', amount: 5, reason: '表现突出', ...patch };
    const reply = await expectRefused(f, demoPersonas.admin, 'adjustPoints', data, 'VALIDATION', 'input.invalid');
    expect(reply.error.fields[field]).toBeDefined();
    if (message) expect(reply.error.fields[field]).toBe(message);
  });

  test('refuses a person who is not in the community, or does not exist, as NOT_FOUND', async () => {
    const data = { communityId: DEMO, amount: 5, reason: '表现突出' };
    for (const [who, input, code, reason] of [
      [demoPersonas.admin, { ...data, userId: 'user-other-resident' }, 'NOT_FOUND', 'points.not-in-community'],
      [demoPersonas.admin, { ...data, userId: 'user-nobody' }, 'NOT_FOUND', 'points.not-in-community'],
    ] as const) {
      await expectRefused(f, who, 'adjustPoints', input, code, reason);
    }
  });

  test.each(nonAdmins)('refuses %s as FORBIDDEN and writes nothing', async (_label, openid) => {
    const data = { communityId: DEMO, userId: 'user-member', amount: 5, reason: '表现突出' };
    await expectRefused(f, openid, 'adjustPoints', data, 'FORBIDDEN', 'auth.not-admin');
  });

  test('scope: the 东湖 admin cannot adjust in 幸福里 and vice versa; anonymous is UNAUTHENTICATED', async () => {
    for (const [openid, data, code, reason] of [
      [
        otherPersonas.admin,
        { communityId: DEMO, userId: 'user-member', amount: 5, reason: '表现突出' },
        'FORBIDDEN',
        'auth.not-admin',
      ],
      [
        demoPersonas.admin,
        { communityId: OTHER, userId: 'user-other-resident', amount: 5, reason: '表现突出' },
        'FORBIDDEN',
        'auth.not-admin',
      ],
      [
        null,
        { communityId: DEMO, userId: 'user-member', amount: 5, reason: '表现突出' },
        'UNAUTHENTICATED',
        'auth.no-identity',
      ],
    ] as const) {
      await expectRefused(f, openid, 'adjustPoints', data, code, reason);
    }
  });
});

describe('points.reverseEntry', () => {
  test('reverses an entry once: a new opposite entry, the original flagged, audited; a second attempt is CONFLICT', async () => {
    const original = await creditAt(inQuarter(CURRENT), {
      userId: 'user-member',
      amount: 4,
      reason: 'volunteer_hours',
      hours: 0.75,
      explanation: '志愿服务：助老 0.75小时 +4',
    });
    const balance = (await storedBalance('user-member'))!.balance;
    const reversal = expectOk(await reverse({ entryId: original._id, reason: '活动未实际参加' }), LedgerEntry);
    expect(reversal).toMatchObject({
      id: `reversal:${original._id}`,
      userId: 'user-member',
      amount: -4,
      reason: 'reversal',
      sourceId: original._id,
      reversesId: original._id,
      reversed: false,
      explanation: '冲正「志愿服务：助老 0.75小时 +4」：活动未实际参加 -4',
    });
    expect((await storedBalance('user-member'))!.balance).toBe(balance - 4);
    // The reversal carries the hours back out.
    expect(f.find('point_ledger', { _id: reversal.id })[0]).toMatchObject({ hours: -0.75, createdBy: 'user-admin' });
    // The original is unchanged, and now shows as reversed.
    expect(f.find('point_ledger', { _id: original._id })[0]).toMatchObject({
      amount: 4,
      explanation: original.explanation,
    });
    const ledger = expectOk(await call(demoPersonas.member, 'myPoints', { communityId: DEMO, limit: 50 }), MyPoints);
    expect(ledger.entries.items.find((e) => e.id === original._id)?.reversed).toBe(true);
    expect(ledger.entries.items.find((e) => e.id === reversal.id)?.reversed).toBe(false);
    expect(auditOf(f, 'points.reverseEntry')[0]).toMatchObject({
      targetId: original._id,
      summary: '冲正 李建国 的积分「志愿服务：助老 0.75小时 +4」：活动未实际参加',
      after: expect.objectContaining({ id: reversal.id }),
    });

    const again = await refusedReversal(
      { entryId: original._id, reason: '再冲一次' },
      'CONFLICT',
      'points.already-reversed',
    );
    expect(again.error.message).toBe('这条积分记录已经冲正过了');
    // A reversal itself cannot be reversed.
    await refusedReversal(
      { entryId: reversal.id, reason: '撤销冲正' },
      'PRECONDITION_FAILED',
      'points.reversal-not-reversible',
    );
  });

  test('ten simultaneous reversals of one entry make one reversing entry', async () => {
    const original = await creditAt(inQuarter(CURRENT), { userId: 'user-liaison', amount: 6 });
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => reverse({ entryId: original._id, reason: '并发冲正' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => r.error.reason)).toEqual(Array(9).fill('points.already-reversed'));
    expect(f.find('point_ledger', { reversesId: original._id })).toHaveLength(1);
    const sum = await ledgerSum(ctxAt(new Date()), DEMO, 'user-liaison');
    expect((await storedBalance('user-liaison'))!.balance).toBe(sum.balance);
  });

  test('refuses an unknown entry as NOT_FOUND, bad input as VALIDATION', async () => {
    for (const [openid, data, code, reason] of [
      [demoPersonas.admin, { entryId: 'no-such-entry', reason: '更正' }, 'NOT_FOUND', 'points.entry-not-found'],
      [demoPersonas.admin, { entryId: 'x', reason: '' }, 'VALIDATION', 'input.invalid'],
      [demoPersonas.admin, { reason: '更正一下' }, 'VALIDATION', 'input.invalid'],
    ] as const) {
      await expectRefused(f, openid, 'reverseEntry', data, code, reason);
    }
  });

  test('refuses non-admins, the other community’s admin and anonymous callers, writing nothing', async () => {
    const original = await creditAt(inQuarter(CURRENT), { userId: 'user-member', amount: 2 });
    const data = { entryId: original._id, reason: '更正记录' };
    for (const [, openid] of nonAdmins)
      await expectRefused(f, openid, 'reverseEntry', data, 'FORBIDDEN', 'auth.not-admin');
    for (const [who, input, code, reason] of [
      [otherPersonas.admin, data, 'FORBIDDEN', 'auth.not-admin'],
      [null, data, 'UNAUTHENTICATED', 'auth.no-identity'],
    ] as const) {
      await expectRefused(f, who, 'reverseEntry', input, code, reason);
    }
    // And the other way round: 幸福里's admin cannot reverse a 东湖 entry.
    const donghu = await creditAt(inQuarter(CURRENT), {
      communityId: OTHER,
      userId: 'user-other-resident',
      amount: 3,
    });
    await refusedReversal({ entryId: donghu._id, reason: '更正记录' }, 'FORBIDDEN', 'auth.not-admin');
    expectOk(await reverse({ entryId: donghu._id, reason: '更正记录' }, otherPersonas.admin), LedgerEntry);
  });
});

test('property: after a random sequence of adjustments and reversals through the function, every stored balance equals the ledger sum', async () => {
  let seed = 2026;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const users = ['user-r001', 'user-r023', 'user-r003'];
  const entries: string[] = [];
  const expected = new Map<string, number>();
  const amounts = new Map<string, number>();
  const reversedOnce = new Set<string>();
  for (let step = 0; step < 60; step++) {
    const user = users[Math.floor(random() * users.length)]!;
    if (entries.length > 0 && random() < 0.35) {
      const target = entries[Math.floor(random() * entries.length)]!;
      const burst = 1 + Math.floor(random() * 3);
      const replies = await Promise.all(
        Array.from({ length: burst }, () => reverse({ entryId: target, reason: `随机冲正${step}` })),
      );
      const ok = replies.filter((r) => r.ok);
      if (reversedOnce.has(target)) expect(ok).toHaveLength(0);
      else {
        expect(ok).toHaveLength(1);
        reversedOnce.add(target);
        const owner = ok[0].data.userId as string;
        expected.set(owner, (expected.get(owner) ?? 0) - amounts.get(target)!);
      }
      for (const r of replies.filter((x) => !x.ok)) expectError(r, 'CONFLICT', 'points.already-reversed');
    } else {
      let amount = Math.floor(random() * 41) - 20;
      if (amount === 0) amount = 7;
      const reply = await adjust({ communityId: DEMO, userId: user, amount, reason: `随机调整${step}` });
      const entry = expectOk(reply, LedgerEntry);
      entries.push(entry.id);
      amounts.set(entry.id, amount);
      expected.set(user, (expected.get(user) ?? 0) + amount);
    }
  }
  for (const user of users) {
    const stored = await storedBalance(user);
    const sum = await ledgerSum(ctxAt(new Date()), DEMO, user);
    expect(stored?.balance ?? 0).toBe(sum.balance);
    expect(stored?.quarters ?? {}).toEqual(sum.quarters);
    expect(sum.balance).toBe(expected.get(user) ?? 0);
  }
});
