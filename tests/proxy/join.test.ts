/**
 * A resident without WeChat joins later (docs/adr/0040-proxy-acts.md): she registers with her
 * own WeChat, asks to be bound to her household claiming the 代办 record a 网格员 made for her,
 * and once a decider approves, that record IS her — her wishes, sign-ups, opinions, points,
 * consents and messages are hers, the 代办 marks stay, and she withdraws a consent herself. The
 * join is one transaction (a crash finishes or undoes on the retry), happens once, and a
 * stranger cannot claim her record.
 */
import { z } from 'zod';
import { BindingRequest, MeResult } from '../../types/account';
import { MyProxyConsents, ProxyConsent } from '../../types/proxy';
import { MyPoints } from '../../types/points';
import { MessageList } from '../../types/messages';
import { Opinion } from '../../types/deliberation';
import { ActivityPage, SignupResult } from '../../types/volunteer';
import { WishDetail, WishPage } from '../../types/wish';
import { DEMO, demoPersonas as P, fileFixture } from '../support/fixtures';
import { expectError, expectOk } from '../account/helpers';
import { crashAt, crashing, resetCrashPointsAfterEach } from '../support/crash-points';
import { upload, wishInput } from '../wish/helpers';
import { setTopic, topicIn } from '../deliberation/helpers';
import { publish } from '../volunteer/helpers';
import { FAR_GW, GW, seedGrids } from './helpers';

const f = fileFixture(seedGrids);
resetCrashPointsAfterEach({ quiet: true });

const ALL = ['post_wish', 'confirm_wish', 'sign_up', 'post_opinion', 'cast_ballot'];

/** A resident without WeChat at `householdId` with a 代办 history: a consent, a wish, a sign-up and an opinion. */
async function offlineWithHistory(householdId: string, name: string) {
  const gw = householdId.startsWith('hh-xfl-2-') ? FAR_GW : GW;
  const consent = expectOk(
    await f.call(gw, 'account', 'recordProxyConsent', {
      communityId: DEMO,
      householdId,
      residentName: name,
      scope: ALL,
      kind: 'written',
      photoFileId: await upload(f),
    }),
    ProxyConsent,
  );
  const proxy = { consentId: consent.id };
  const wish = expectOk(await f.call(gw, 'wish', 'post', { ...wishInput(), proxy }), WishDetail);
  const activity = await publish(f, { title: `${name}的代办报名` });
  expectOk(await f.call(gw, 'volunteer', 'signUp', { activityId: activity.id, proxy }), SignupResult);
  // The test topics concern 1号楼: only its residents give an opinion on them.
  if (gw !== GW) return { consent, recordId: consent.residentId, wish, activity, opinion: null };
  const topicId = await topicIn(f, 'collect');
  setTopic(f, topicId, { collectEndsAt: new Date(Date.now() + 86_400_000) });
  const opinion = expectOk(
    await f.call(gw, 'deliberation', 'postOpinion', { topicId, text: '希望楼下多放几张长椅', photos: [], proxy }),
    Opinion,
  );
  return { consent, recordId: consent.residentId, wish, activity, opinion };
}

/** `openid` registers as `name` (a profile, nothing more). */
async function register(openid: string, name: string): Promise<void> {
  expectOk(await f.call(openid, 'account', 'saveProfile', { name, phone: '13900001111' }), z.unknown());
}

/** `openid` asks to be bound to `householdId`, claiming the offline record of her name there. */
const claim = (openid: string, householdId: string) =>
  f.call(openid, 'account', 'requestBinding', { householdId, relation: 'owner', claimOffline: true });

async function registerAndClaim(openid: string, name: string, householdId: string) {
  await register(openid, name);
  return claim(openid, householdId);
}

const approve = (requestId: string, who: string = P.leader) =>
  f.call(who, 'account', 'decideBinding', { requestId, decision: 'approve' });

/** Of two racing calls, exactly one succeeds and the other is refused with `reason`. */
function oneWins(bodies: ReadonlyArray<{ ok: boolean }>, reason: string): void {
  expect(bodies.filter((x) => x.ok)).toHaveLength(1);
  expectError(
    bodies.find((x) => !x.ok),
    'PRECONDITION_FAILED',
    reason,
  );
}

describe('a resident without WeChat joins later', () => {
  it('her 代办 history is hers: wishes, sign-ups, opinions and consents, still marked 代办, and she is told', async () => {
    const before = await offlineWithHistory('hh-xfl-1-302', '孙阿婆');
    const req = expectOk(await registerAndClaim('sun-wechat', '孙阿婆', 'hh-xfl-1-302'), BindingRequest);
    expect(req).toMatchObject({ claimsOffline: true, status: 'pending' });
    // A request attaches nothing.
    expect(f.find('users', { _id: before.recordId })[0]).toMatchObject({ offline: true });

    const decided = expectOk(await approve(req.id), BindingRequest);
    expect(decided).toMatchObject({ status: 'approved', userId: before.recordId, claimsOffline: true });

    const me = expectOk(await f.call('sun-wechat', 'account', 'me', {}), MeResult);
    expect(me.profile).toMatchObject({ id: before.recordId, name: '孙阿婆', phone: '13900001111' });
    expect(me.roles.filter((r) => r.kind === 'resident').map((r) => r.householdId)).toEqual(['hh-xfl-1-302']);
    expect(me.bindings.map((b) => b.id)).toContain(req.id);

    const wishes = expectOk(await f.call('sun-wechat', 'wish', 'mine', { as: 'poster' }), WishPage);
    expect(wishes.items.find((w) => w.id === before.wish.id)?.proxyName).toBe('李网格');
    const wish = expectOk(await f.call('sun-wechat', 'wish', 'get', { wishId: before.wish.id }), WishDetail);
    expect(wish.proxyName).toBe('李网格');

    const mine = expectOk(
      await f.call('sun-wechat', 'volunteer', 'list', { communityId: DEMO, when: 'mine' }),
      ActivityPage,
    );
    expect(mine.items.find((a) => a.id === before.activity.id)?.mySignup).toMatchObject({ proxyName: '李网格' });
    expect(f.find('opinions', { _id: before.opinion!.id })[0]).toMatchObject({ authorId: before.recordId });

    const consents = expectOk(await f.call('sun-wechat', 'account', 'myProxyConsents', {}), MyProxyConsents);
    expect(consents.items).toEqual([
      expect.objectContaining({ id: before.consent.id, actorName: '李网格', offline: false, withdrawnAt: null }),
    ]);
    // 代办记录: every act done for her before she joined, marked.
    expect(
      consents.acts
        .filter((a) => a.mark === '由李网格代办')
        .map((a) => a.action)
        .sort(),
    ).toEqual(['proxy.postOpinion', 'proxy.postWish', 'proxy.signUp']);
    expect(consents.acts.map((a) => a.action)).toContain('proxy.recordConsent');

    const messages = expectOk(await f.call('sun-wechat', 'messages', 'list', {}), MessageList);
    expect(messages.items.map((m) => m.title)).toContain('房屋绑定已通过');

    // The profile she registered with is retired and resolves nobody; the join is audited once.
    const retired = f.find('users', { mergedInto: before.recordId });
    expect(retired).toEqual([expect.objectContaining({ openid: `joined:${before.recordId}`, phone: null })]);
    expect(f.find('users', { openid: 'sun-wechat' }).map((u) => u._id)).toEqual([before.recordId]);
    // One entry tells the decision and the join (a transaction inserts one document at a time).
    expect(f.find('audit_log', { _id: `audit-account.joinOffline:${before.recordId}` })).toEqual([
      expect.objectContaining({
        actorName: '陈志强',
        targetId: before.recordId,
        summary: expect.stringMatching(/^通过 .+ 绑定 .+ 的申请：.+认领为其登记的代办记录/),
      }),
    ]);
  });

  it('her points balance is carried: the same ledger entries and balance as the offline record had', async () => {
    const before = await offlineWithHistory('hh-xfl-1-402', '钱奶奶');
    const ledger = f.find('point_ledger', { userId: before.recordId });
    expect(ledger.length).toBeGreaterThan(0);
    const [balance] = f.find('point_balances', { _id: `${DEMO}:${before.recordId}` });
    const req = expectOk(await registerAndClaim('qian-wechat', '钱奶奶', 'hh-xfl-1-402'), BindingRequest);
    expectOk(await approve(req.id), BindingRequest);
    const points = expectOk(await f.call('qian-wechat', 'points', 'myPoints', { communityId: DEMO }), MyPoints);
    expect(points.balance).toBeGreaterThan(0);
    expect(points.balance).toBe(balance!['balance']);
    expect(points.entries.items).toHaveLength(ledger.length);
    // 我的积分 says which credits came from an act done for her.
    expect(points.entries.items.some((e) => e.explanation.includes('由李网格代办'))).toBe(true);
  });

  it('she withdraws the consent herself; no proxy acts on it afterwards', async () => {
    const before = await offlineWithHistory('hh-xfl-1-501', '周阿姨');
    const req = expectOk(await registerAndClaim('zhou-wechat', '周阿姨', 'hh-xfl-1-501'), BindingRequest);
    expectOk(await approve(req.id), BindingRequest);
    const gone = expectOk(
      await f.call('zhou-wechat', 'account', 'withdrawProxyConsent', { consentId: before.consent.id }),
      ProxyConsent,
    );
    expect(gone).toMatchObject({ withdrawnByName: '周阿姨', refused: false });
    await f.expectNothingWritten(async () =>
      expectError(
        await f.call(GW, 'wish', 'post', { ...wishInput(), proxy: { consentId: before.consent.id } }),
        'PRECONDITION_FAILED',
        'proxy.consent-withdrawn',
      ),
    );
  });

  it('a crash before the join commits leaves everything as it was; the retried decision attaches', async () => {
    const before = await offlineWithHistory('hh-xfl-1-202', '吴大爷');
    const req = expectOk(await registerAndClaim('wu-wechat', '吴大爷', 'hh-xfl-1-202'), BindingRequest);
    await f.expectNothingWritten(() => crashAt('account.decideBinding.join-before-commit', () => approve(req.id)));
    expect(expectOk(await f.call('wu-wechat', 'account', 'me', {}), MeResult).profile?.id).not.toBe(before.recordId);
    expectOk(await approve(req.id), BindingRequest);
    expect(expectOk(await f.call('wu-wechat', 'account', 'me', {}), MeResult).profile?.id).toBe(before.recordId);
  });

  it('a crash after the join, before her message: the retry tells her once and joins nothing twice', async () => {
    const before = await offlineWithHistory('hh-xfl-2-201', '郑奶奶');
    const req = expectOk(await registerAndClaim('zheng-wechat', '郑奶奶', 'hh-xfl-2-201'), BindingRequest);
    const crashed = await crashing('account.decideBinding.before-message', () => approve(req.id, P.admin));
    expect(crashed.ok).toBe(false);
    expect(f.find('users', { _id: before.recordId })[0]).toMatchObject({ offline: false, openid: 'zheng-wechat' });
    expect(f.find('messages', { userId: before.recordId })).toHaveLength(0);
    expectError(await approve(req.id, P.admin), 'PRECONDITION_FAILED', 'binding.not-pending');
    expect(f.find('messages', { userId: before.recordId }).map((m) => m['title'])).toEqual(['房屋绑定已通过']);
    expect(f.find('audit_log', { _id: `audit-account.joinOffline:${before.recordId}` })).toHaveLength(1);
  });
});

describe('nobody else claims her record', () => {
  it('a stranger under another name is refused, nothing written', async () => {
    await offlineWithHistory('hh-xfl-1-401', '冯阿婆');
    await register('stranger', '冯小明');
    await f.expectNothingWritten(async () =>
      expectError(await claim('stranger', 'hh-xfl-1-401'), 'VALIDATION', 'binding.no-offline-record'),
    );
  });

  it('a stranger under her very name gets only a request: the proxy cannot approve it, a rejection attaches nothing', async () => {
    const before = await offlineWithHistory('hh-xfl-1-502', '何阿婆');
    const req = expectOk(await registerAndClaim('impostor', '何阿婆', 'hh-xfl-1-502'), BindingRequest);
    await f.expectNothingWritten(async () =>
      expectError(await approve(req.id, GW), 'FORBIDDEN', 'binding.not-decider'),
    );
    expectOk(
      await f.call(P.leader, 'account', 'decideBinding', { requestId: req.id, decision: 'reject', reason: '非本人' }),
      BindingRequest,
    );
    expect(f.find('users', { _id: before.recordId })[0]).toMatchObject({
      offline: true,
      openid: `offline:${before.recordId}`,
    });
    expect(f.find('audit_log', { _id: `audit-account.joinOffline:${before.recordId}` })).toHaveLength(0);
  });

  it('a record is joined once: a second claim is refused, and so is a person who already has a role', async () => {
    const before = await offlineWithHistory('hh-xfl-2-202', '曹奶奶');
    const first = expectOk(await registerAndClaim('cao-wechat', '曹奶奶', 'hh-xfl-2-202'), BindingRequest);
    const second = expectOk(await registerAndClaim('cao-other', '曹奶奶', 'hh-xfl-2-202'), BindingRequest);
    expectOk(await approve(first.id, P.admin), BindingRequest);
    await f.expectNothingWritten(async () =>
      expectError(await approve(second.id, P.admin), 'PRECONDITION_FAILED', 'binding.claim-taken'),
    );
    expect(f.find('users', { _id: before.recordId })[0]).toMatchObject({ openid: 'cao-wechat' });
    await register('cao-third', '曹奶奶');
    await f.expectNothingWritten(async () =>
      expectError(await claim('cao-third', 'hh-xfl-2-202'), 'VALIDATION', 'binding.no-offline-record'),
    );
    await offlineWithHistory('hh-xfl-2-301', '张秀英');
    await f.expectNothingWritten(async () =>
      expectError(await claim(P.resident, 'hh-xfl-2-301'), 'PRECONDITION_FAILED', 'binding.claim-has-history'),
    );
  });

  it('an approval and a rejection of one claim, racing: exactly one decision, and the record follows it', async () => {
    const before = await offlineWithHistory('hh-xfl-1-201', '韩阿婆');
    const req = expectOk(await registerAndClaim('han-wechat', '韩阿婆', 'hh-xfl-1-201'), BindingRequest);
    const bodies = await Promise.all([
      approve(req.id, P.admin),
      f.call(P.leader, 'account', 'decideBinding', { requestId: req.id, decision: 'reject', reason: '核实中' }),
    ]);
    oneWins(bodies, 'binding.not-pending');
    const [request] = f.find('binding_requests', { _id: req.id });
    const [record] = f.find('users', { _id: before.recordId });
    const joined = f.find('audit_log', { _id: `audit-account.joinOffline:${before.recordId}` });
    if (request!['status'] === 'approved') {
      expect(record).toMatchObject({ offline: false, openid: 'han-wechat' });
      expect(joined).toHaveLength(1);
    } else {
      expect(request!['status']).toBe('rejected');
      expect(record).toMatchObject({ offline: true, openid: `offline:${before.recordId}` });
      expect(joined).toHaveLength(0);
    }
  });

  it('two approvals of two claims on one record, racing: exactly one joins, the other is refused', async () => {
    const before = await offlineWithHistory('hh-xfl-1-301', '林阿婆');
    const a = expectOk(await registerAndClaim('lin-a', '林阿婆', 'hh-xfl-1-301'), BindingRequest);
    const b = expectOk(await registerAndClaim('lin-b', '林阿婆', 'hh-xfl-1-301'), BindingRequest);
    const bodies = await Promise.all([approve(a.id, P.admin), approve(b.id, P.leader)]);
    oneWins(bodies, 'binding.claim-taken');
    const [record] = f.find('users', { _id: before.recordId });
    expect(['lin-a', 'lin-b']).toContain(record!['openid']);
    expect(f.find('users', { mergedInto: before.recordId })).toHaveLength(1);
    expect(f.find('audit_log', { _id: `audit-account.joinOffline:${before.recordId}` })).toHaveLength(1);
  });
});

describe("her retired profile's leftovers", () => {
  it('a request she made before joining is never approved (no role for the retired profile), only rejected; she asks again as herself', async () => {
    const before = await offlineWithHistory('hh-xfl-2-401', '何阿婆');
    await register('he-wechat', '何阿婆');
    const family = { householdId: 'hh-xfl-2-402', relation: 'family' };
    const leftover = expectOk(await f.call('he-wechat', 'account', 'requestBinding', family), BindingRequest);
    const req = expectOk(await claim('he-wechat', 'hh-xfl-2-401'), BindingRequest);
    expectOk(await approve(req.id, P.admin), BindingRequest);
    const [retired] = f.find('users', { mergedInto: before.recordId });

    await f.expectNothingWritten(async () =>
      expectError(await approve(leftover.id, P.admin), 'PRECONDITION_FAILED', 'binding.applicant-joined'),
    );
    expect(f.find('roles', { userId: retired!._id })).toEqual([]);
    const reason = '申请人已改用本人账号';
    const rejected = expectOk(
      await f.call(P.admin, 'account', 'decideBinding', { requestId: leftover.id, decision: 'reject', reason }),
      BindingRequest,
    );
    expect(rejected.status).toBe('rejected');

    const again = expectOk(await f.call('he-wechat', 'account', 'requestBinding', family), BindingRequest);
    expectOk(await approve(again.id, P.admin), BindingRequest);
    const me = expectOk(await f.call('he-wechat', 'account', 'me', {}), MeResult);
    expect(me.profile?.id).toBe(before.recordId);
    expect(me.roles.map((r) => r.householdId).sort()).toEqual(['hh-xfl-2-401', 'hh-xfl-2-402']);
  });
});
