/**
 * End to end, joining later (docs/adr/0040-proxy-acts.md): 赵淑珍 of 1号楼 1-402 had no WeChat, and
 * 吴晓燕, the seeded 网格员 of 第一网格, recorded her verbal consent, posted a wish and signed her up
 * for an activity for her (through the API). Now she opens the app with her own WeChat, registers,
 * asks to be bound to 1-402 claiming that record (认领代办记录); the building's leader 陈志强 approves
 * it in 绑定审核, told it is a claim. She then sees her wish in 我的心愿 and her sign-up in 志愿 ·
 * 我的, both marked 由吴晓燕代办, the acts in 代办记录, and withdraws the consent herself. Two phones:
 * hers (an openid no persona has, set in storage as the local mode keeps it) and the leader's.
 * Screenshots go to test-results/e2e-proxy-join-*.png.
 */
import { AdminDb } from '../support/server-client';
import { cstDay } from '../wish/helpers';
import { act, appAndBrowser, confirmModal, fill, openAs, shot, visible } from './support';

jest.setTimeout(300_000);

const e2e = appAndBrowser();

const COMMUNITY = 'comm-xingfuli';
const HOUSEHOLD = 'hh-xfl-1-402';
const NAME = '赵淑珍';
const HER = 'e2e-zhao-shuzhen';
const LEADER = '陈志强（幸福里1号楼党小组长）';
const WISH = '想请人帮忙检查家里的燃气灶';
const ACTIVITY = '楼道清洁日';
const MARK = '由吴晓燕代办';
const HOUR = 3600_000;

/** 吴晓燕's acts for 赵淑珍, who has no WeChat yet: her consent, a wish and a sign-up. */
async function actsForHer(): Promise<void> {
  const start = Date.now() + 48 * HOUR;
  const activity = await act(e2e.app, 'demo-admin', 'volunteer', 'publish', {
    communityId: COMMUNITY,
    title: ACTIVITY,
    category: 'environment',
    description: '一起打扫1号楼的楼道和楼梯扶手',
    place: '幸福里小区1号楼',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * HOUR).toISOString(),
    signupDeadline: new Date(start - HOUR).toISOString(),
    quota: 10,
    pointsPerHour: 4,
    audience: 'everyone',
  });
  const consent = await act(e2e.app, 'demo-grid-worker', 'account', 'recordProxyConsent', {
    communityId: COMMUNITY,
    householdId: HOUSEHOLD,
    residentName: NAME,
    scope: ['post_wish', 'sign_up'],
    kind: 'verbal',
  });
  const proxy = { consentId: consent.id };
  await act(e2e.app, 'demo-grid-worker', 'wish', 'post', {
    communityId: COMMUNITY,
    category: 'elderly',
    title: WISH,
    content: '燃气灶打火不太灵，自己看不清，想请懂行的邻居帮忙看看。',
    wantedBy: cstDay(10),
    proxy,
  });
  await act(e2e.app, 'demo-grid-worker', 'volunteer', 'signUp', { activityId: activity.id, proxy });
}

test('a resident without WeChat joins: the leader approves her claim, she sees her 代办 wish, sign-up and records marked 由…代办, and withdraws the consent', async () => {
  await actsForHer();

  // Her phone: her own WeChat (an openid of no persona), kept in storage as the local mode keeps it.
  const hers = await e2e.phone();
  await hers.addInitScript((openid) => {
    if (location.protocol.startsWith('http')) localStorage.setItem('local-openid', JSON.stringify({ data: openid }));
  }, HER);
  const page = await hers.newPage();
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);

  // She registers, then asks to be bound to 1-402, claiming the record made under her name.
  await fill(page, 'profile-name', NAME);
  await fill(page, 'profile-phone', '13912345678');
  await page.getByText('完成登记', { exact: true }).click();
  await page.getByTestId('bind-start').click();
  await page.getByRole('button', { name: /幸福里小区/ }).click();
  await page.getByRole('button', { name: /^1号楼/ }).click();
  await page.getByRole('button', { name: '1-402', exact: true }).click();
  await page.getByRole('radio', { name: /^户主/ }).click();
  await page.getByTestId('bind-claim-offline').click();
  await shot(page, 'e2e-proxy-join-1-claim.png');
  await page.getByText('提交申请', { exact: true }).click();
  await page.getByTestId('binding-card').filter({ hasText: '1-402' }).getByText('待审核').waitFor();

  // The building's leader approves it, told it is a claim to check in person.
  const leaders = await e2e.phone();
  const leader = await leaders.newPage();
  await openAs(leader, e2e.app, '/pages/mine/index', /陈志强/, LEADER);
  await leader.getByText('绑定审核', { exact: true }).click();
  const card = leader.getByTestId('review-card').filter({ hasText: NAME });
  await card.getByTestId('review-claims-offline').waitFor();
  await card.getByText('通过', { exact: true }).click();
  await confirmModal(leader, '无微信居民本人', '通过');
  await card.getByText('已通过').waitFor();
  await shot(leader, 'e2e-proxy-join-2-approved.png');

  // She is now the record: the household's resident, her 代办 history hers and marked.
  await page.reload();
  await page.getByTestId('binding-card').filter({ hasText: '1-402' }).getByText('已通过').waitFor();
  await page.getByTestId('my-roles').getByText('居民', { exact: true }).waitFor();
  await page.goto(`${e2e.app.url}/#/packages/wish/pages/mine/index?as=poster`);
  const wish = visible(page, 'wish-card').filter({ hasText: WISH });
  await wish.getByTestId('proxy-mark').getByText(MARK).waitFor();
  await shot(page, 'e2e-proxy-join-3-my-wishes.png');

  await page.goto(`${e2e.app.url}/#/pages/volunteer/index`);
  await visible(page, 'vol-segments').getByText('我的', { exact: true }).click();
  const signup = visible(page, 'vol-card').filter({ hasText: ACTIVITY });
  await signup.getByTestId('proxy-mark').getByText(`${MARK}报名`).waitFor();
  await shot(page, 'e2e-proxy-join-4-my-signups.png');

  await page.goto(`${e2e.app.url}/#/packages/proxy/pages/consents/index`);
  const records = visible(page, 'proxy-act-records');
  for (const what of ['发布心愿', '活动报名']) {
    await records.getByTestId('proxy-act-record').filter({ hasText: what }).getByText(MARK).waitFor();
  }
  const consent = visible(page, 'proxy-consent-card').filter({ hasText: '吴晓燕 为您代办' });
  // The BusyButton itself takes the tap (its label is drawn inside it).
  await consent.locator('.proxy__back').filter({ hasText: '撤回授权' }).click();
  await confirmModal(page, '不能再为您代办', '撤回');
  await consent.getByText(`已撤回（${NAME}`, { exact: false }).waitFor();
  await shot(page, 'e2e-proxy-join-5-withdrawn.png');

  const db = new AdminDb(e2e.app.url, e2e.app.adminToken());
  const [me] = await db.find('users', { openid: HER });
  expect(me).toMatchObject({ name: NAME, offline: false });
  expect(String(me!._id)).toMatch(/^offline-/);
  const [withdrawn] = await db.find('proxy_consents', { residentId: me!._id });
  expect(withdrawn).toMatchObject({ withdrawnById: me!._id, refused: false });
});
