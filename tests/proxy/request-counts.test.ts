/**
 * Database requests per call of the 代办 consent verbs (issue #13, part 4; ADR 0017): the
 * lookup is a read (at most four), recording and withdrawing a consent are writes (at most six;
 * a resident without WeChat recorded for the first time is seven — their user, role, consent and
 * audit entry are one transaction). Each 代办 act costs one request more than the resident's own
 * act: the proxy's checks and the resident's read are one aggregation (ADR 0040).
 */
import { BindingRequest, Profile } from '../../types/account';
import { MessageList } from '../../types/messages';
import { WishDetail } from '../../types/wish';
import { ProxyConsent, ProxyLookup } from '../../types/proxy';
import { aRole, aUser } from '../support/factories';
import { DEMO, demoPersonas as P, fileFixture, type Fixture } from '../support/fixtures';
import { expectOk } from '../account/helpers';
import { upload, wishIn, wishInput } from '../wish/helpers';
import { publish } from '../volunteer/helpers';
import { setTopic, topicIn } from '../deliberation/helpers';

const GW = 'rc-grid-worker';

function seedGrid(f: Fixture): void {
  f.update('buildings', 'bld-xfl-1', { gridId: 'grid-1' });
  f.insert('users', [aUser({ _id: 'user-rc-gw', openid: GW, name: '李网格' })]);
  f.insert('roles', [
    aRole({ kind: 'grid_worker', userId: 'user-rc-gw', communityId: DEMO, gridId: 'grid-1', scopeLabel: '第一网格' }),
  ]);
}

const f = fileFixture(seedGrid);

const record = (over: Record<string, unknown>) =>
  f.requestsOf(() =>
    f.call(GW, 'account', 'recordProxyConsent', {
      communityId: DEMO,
      householdId: 'hh-xfl-1-102',
      scope: ['post_wish', 'sign_up'],
      kind: 'verbal',
      ...over,
    }),
  );

test('recording a consent costs at most six database requests (seven for a new resident without WeChat), withdrawing it at most six', async () => {
  const bound = await record({ residentId: 'user-resident' });
  const c = expectOk(bound.result, ProxyConsent);
  expect(bound.requests).toBeLessThanOrEqual(6);

  const offline = await record({ householdId: 'hh-xfl-1-301', residentName: '孙阿婆' });
  expect(expectOk(offline.result, ProxyConsent).offline).toBe(true);
  expect(offline.requests).toBeLessThanOrEqual(7);
  const again = await record({ householdId: 'hh-xfl-1-301', residentName: '孙阿婆' });
  expectOk(again.result, ProxyConsent);
  expect(again.requests).toBeLessThanOrEqual(6);

  const withdrawn = await f.requestsOf(() =>
    f.call(P.resident, 'account', 'withdrawProxyConsent', { consentId: c.id, reason: '自己办' }),
  );
  expect(expectOk(withdrawn.result, ProxyConsent)).toMatchObject({ residentName: '张秀英', refused: false });
  expect(withdrawn.requests).toBeLessThanOrEqual(6);
});

test('the 代办 lookup of a household with its residents, consents and wishes costs at most four database requests', async () => {
  const buildings = await f.requestsOf(() => f.call(GW, 'account', 'findProxyResident', { communityId: DEMO }));
  expect(expectOk(buildings.result, ProxyLookup).buildings.map((b) => b.id)).toContain('bld-xfl-1');
  expect(buildings.requests).toBeLessThanOrEqual(4);

  const found = await f.requestsOf(() =>
    f.call(GW, 'account', 'findProxyResident', { communityId: DEMO, buildingId: 'bld-xfl-1', room: '1-102' }),
  );
  const lookup = expectOk(found.result, ProxyLookup);
  expect(lookup.household!.residents.find((r) => r.id === 'user-resident')!.consents.length).toBeGreaterThan(0);
  expect(found.requests).toBeLessThanOrEqual(4);
});

test('claiming an offline record costs at most five database requests, its approval at most eight', async () => {
  expectOk((await record({ householdId: 'hh-xfl-1-302', residentName: '钱阿婆' })).result, ProxyConsent);
  expectOk(await f.call('rc-joiner', 'account', 'saveProfile', { name: '钱阿婆', phone: '13900003333' }), Profile);
  const claimed = await f.requestsOf(() =>
    f.call('rc-joiner', 'account', 'requestBinding', {
      householdId: 'hh-xfl-1-302',
      relation: 'owner',
      claimOffline: true,
    }),
  );
  const req = expectOk(claimed.result, BindingRequest);
  console.log('[requests] requestBinding (claim)', claimed.requests);
  expect(claimed.requests).toBeLessThanOrEqual(5);
  const approved = await f.requestsOf(() =>
    f.call(P.leader, 'account', 'decideBinding', { requestId: req.id, decision: 'approve' }),
  );
  expect(expectOk(approved.result, BindingRequest)).toMatchObject({ status: 'approved', claimsOffline: true });
  console.log('[requests] decideBinding (claim)', approved.requests);
  expect(approved.requests).toBeLessThanOrEqual(8);
  // Her message is left owed on the request (ADR 0038): her message centre delivers it, once.
  expect(f.find('messages', { title: '房屋绑定已通过' })).toHaveLength(0);
  const listed = expectOk(await f.call('rc-joiner', 'messages', 'list', {}), MessageList);
  expect(listed.items.filter((m) => m.title === '房屋绑定已通过')).toHaveLength(1);
});

test('a 代办 wish post costs at most seven database requests (the act and its audit entry are one transaction); the reviewers’ messages, left owed, arrive by the messages timer', async () => {
  const c = expectOk((await record({ residentId: 'user-resident' })).result, ProxyConsent);
  const posted = await f.requestsOf(() => f.call(GW, 'wish', 'post', wishInput({ proxy: { consentId: c.id } })));
  const wish = expectOk(posted.result, WishDetail);
  expect(posted.requests).toBeLessThanOrEqual(7);
  const doc = f.find('wishes', { _id: wish.id })[0]!;
  expect(doc.owedTo).toEqual(expect.arrayContaining(['user-admin']));

  const run = (await f.server.functions.fireTimer('messages', 'send-subscriptions')) as { ok: boolean };
  expect(run.ok).toBe(true);
  expect(f.find('messages', { _id: `wish:${wish.id}:to-review:user-admin` })).toHaveLength(1);
  expect(f.find('wishes', { _id: wish.id })[0]!.owedTo ?? []).not.toContain('user-admin');
});

test('every 代办 act costs one database request more than the resident’s own act (the proxy’s checks and the resident’s read are one aggregation; the act and its audit entry one transaction) — a wish post 7, a confirmation 8 (also for the claimer’s first credit), a sign-up 7, an opinion 7, a ballot 7', async () => {
  const c = expectOk(
    (
      await record({
        residentId: 'user-resident',
        scope: ['post_wish', 'confirm_wish', 'sign_up', 'post_opinion', 'cast_ballot'],
        kind: 'written',
        photoFileId: await upload(f),
      })
    ).result,
    ProxyConsent,
  );
  const proxy = { consentId: c.id };
  const act = (area: string, action: string, data: Record<string, unknown>) =>
    f.okRequestsOf(() => f.call(GW, area, action, { ...data, proxy }));
  const firstCredit = await wishIn(f, 'fulfilled', { poster: P.resident, claimer: P.member });
  expect(f.find('point_balances', { userId: 'user-member', communityId: DEMO })).toEqual([]);
  const counts: Record<string, number> = {
    post: await act('wish', 'post', wishInput()),
    confirmFirstCredit: await act('wish', 'confirm', { wishId: firstCredit, rating: 5 }),
    confirm: await act('wish', 'confirm', { wishId: await wishIn(f, 'fulfilled', { poster: P.resident }), rating: 4 }),
    signUp: await act('volunteer', 'signUp', { activityId: (await publish(f, { title: '代办报名计数' })).id }),
  };
  const collect = await topicIn(f, 'collect');
  setTopic(f, collect, { collectEndsAt: new Date(Date.now() + 86_400_000) });
  counts.opinion = await act('deliberation', 'postOpinion', {
    topicId: collect,
    text: '楼道里需要多装几盏灯',
    photos: [],
  });
  const vote = await topicIn(f, 'vote');
  const closes = new Date(Date.now() + 86_400_000);
  setTopic(f, vote, { 'vote.closesAt': closes, voteClosesAt: closes });
  counts.ballot = await act('deliberation', 'castBallot', { topicId: vote, choice: 'agree' });
  console.log('[requests] 代办 acts', JSON.stringify(counts));
  expect(f.find('point_ledger', { _id: `wish:${firstCredit}` })).toHaveLength(1);
  const most: Record<string, number> = { post: 7, confirmFirstCredit: 8, confirm: 8, signUp: 7, opinion: 7, ballot: 7 };
  expect(Object.entries(counts).filter(([act, n]) => n > most[act]!)).toEqual([]);
});
