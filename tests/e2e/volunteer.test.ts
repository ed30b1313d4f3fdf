/**
 * End to end, through the UI only (志愿服务): the admin 王红梅 publishes an activity with one
 * place whose on-site window is open now (the form proposes tomorrow 09:00; she picks a start 20
 * minutes from now — check-in opens 30 minutes before the start — and the end and the sign-up
 * deadline move with it, sign-up closing at the start); the members 李建国 and
 * 陈志强 sign up — the second is waitlisted (候补第1位); 李建国 cancels and 陈志强 is promoted;
 * he checks in and later out with the codes shown under the organiser's live QR (typed into
 * 输入签到码 / 输入签退码, the local build has no camera), and sees the recorded state 已完成
 * with the hours and points the server computed (a fast test lies before the start, so the
 * overlap — and so hours and points — may be 0; they are compared with volunteer.myHours).
 * Personas are switched through the switcher; screenshots go to test-results/e2e-volunteer-*.png.
 */
import type { Page } from 'playwright-core';
import { cstClock } from '../../types/time';
import { act, appAndBrowser, confirmModal, fill, openAs, pickWallTime, shot } from './support';

jest.setTimeout(300_000);

const e2e = appAndBrowser();

const ADMIN = '王红梅（社区书记）';
const MEMBER = '李建国（在职党员（市税务局第三分局））';
const LEADER = '陈志强（幸福里1号楼党小组长）';
const TITLE = '社区环境清洁志愿行';
const COMMUNITY = 'comm-xingfuli';

/** Opens the 志愿 tab as `name` (the switcher lives on every tab page). */
async function onTabAs(page: Page, name: RegExp, current: string) {
  await openAs(page, e2e.app, '/pages/volunteer/index', name, current);
  await page.getByTestId('vol-list').waitFor();
}

/** Opens the activity's detail from the 近期 list. */
async function openActivity(page: Page) {
  await page.getByTestId('vol-card').filter({ hasText: TITLE }).click();
  await page.getByTestId('vol-detail').getByText(TITLE, { exact: true }).waitFor();
}

/** The code under the organiser's live QR, for 签到 ('in') or 签退 ('out'). */
async function liveCode(page: Page, direction: 'in' | 'out'): Promise<string> {
  await page.getByTestId(`vol-live-${direction}`).click();
  const qr = page.getByTestId('live-qr');
  await qr.waitFor();
  const kind = direction === 'in' ? 'activity-in' : 'activity-out';
  await page.getByTestId('live-code-text').getByText(`HSLL1.${kind}.`, { exact: false }).waitFor();
  const code = (await page.getByTestId('live-code-text').textContent())?.trim() ?? '';
  expect(await qr.getAttribute('data-code')).toBe(code);
  return code;
}

async function myHours(openid: string): Promise<{
  totalHours: number;
  records: { items: Array<{ title: string; state: string; hours: number; points: number }> };
}> {
  return act(e2e.app, openid, 'volunteer', 'myHours', { communityId: COMMUNITY, limit: 20 });
}

test('publish, sign up, waitlist, promotion, check-in and check-out with the live codes, hours and points', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();

  // 王红梅 publishes an activity with one place; the form proposes tomorrow 09:00–11:00, and she
  // picks a start 20 minutes from now (so check-in is open now); the end and the sign-up
  // deadline follow the start.
  await onTabAs(page, /王红梅/, ADMIN);
  await page.getByText('近期没有志愿活动').waitFor();
  await shot(page, 'e2e-volunteer-1-empty.png');
  await page.getByTestId('vol-publish').click();
  await page.getByTestId('vol-form').waitFor();
  await fill(page, 'vol-title', TITLE);
  await page.getByRole('radio', { name: '环境整治' }).click();
  await fill(page, 'vol-description', '清理小区绿化带和楼道杂物，请穿方便活动的衣服，工具由社区提供。');
  await fill(page, 'vol-place', '幸福里小区南门集合');
  await fill(page, 'vol-quota', '1');
  await page.getByTestId('vol-start-time').getByText('09:00', { exact: true }).waitFor();
  await page.getByTestId('vol-end-time').getByText('11:00', { exact: true }).waitFor();
  const start = new Date(Math.ceil((Date.now() + 20 * 60_000) / 60_000) * 60_000);
  await pickWallTime(page, 'vol-start', start);
  await page.getByTestId('vol-deadline-time').getByText(cstClock(start), { exact: true }).waitFor();
  await page
    .getByTestId('vol-end-time')
    .getByText(cstClock(new Date(start.getTime() + 2 * 3600_000)), { exact: true })
    .waitFor();
  await shot(page, 'e2e-volunteer-2-publish.png');
  await page.getByTestId('vol-submit').click();
  const detail = page.getByTestId('vol-detail');
  await detail.getByText(TITLE, { exact: true }).waitFor();
  await detail.getByTestId('vol-quota').getByText('已报名 0/1').waitFor();
  await page.getByTestId('vol-organiser-link').waitFor();

  // 李建国 signs up and gets the place.
  await onTabAs(page, /李建国/, MEMBER);
  await page.getByTestId('vol-card').filter({ hasText: TITLE }).waitFor();
  await shot(page, 'e2e-volunteer-3-list.png');
  await openActivity(page);
  await page.getByTestId('vol-signup').click();
  await confirmModal(page, TITLE, '报名');
  await page.getByTestId('vol-my-state').getByText('已报名', { exact: true }).waitFor();
  await detail.getByTestId('vol-quota').getByText('已报名 1/1（已满）').waitFor();

  // 陈志强 signs up too and is waitlisted first.
  await onTabAs(page, /陈志强/, LEADER);
  await openActivity(page);
  await page.getByTestId('vol-signup').getByText('报名候补').click();
  await confirmModal(page, TITLE, '报名');
  await confirmModal(page, '候补第1位', '知道了');
  await page.getByTestId('vol-my-state').getByText('候补第1位', { exact: true }).waitFor();
  await detail.getByTestId('vol-quota').getByText('候补 1 人').waitFor();
  await shot(page, 'e2e-volunteer-4-waitlisted.png');

  // 李建国 cancels (after a confirmation); the place goes to 陈志强.
  await onTabAs(page, /李建国/, MEMBER);
  await openActivity(page);
  await page.getByTestId('vol-cancel-signup').click();
  await confirmModal(page, '名额将让给候补的人', '取消报名');
  await page.getByTestId('vol-signup').waitFor();
  expect(await page.getByTestId('vol-my-signup').count()).toBe(0);

  await onTabAs(page, /陈志强/, LEADER);
  await page.getByTestId('vol-card').filter({ hasText: TITLE }).getByTestId('vol-state').getByText('已报名').waitFor();
  await openActivity(page);
  await page.getByTestId('vol-my-state').getByText('已报名', { exact: true }).waitFor();
  await page.getByTestId('vol-code-input').waitFor();
  await shot(page, 'e2e-volunteer-5-promoted.png');

  // The organiser's live 签到 code; 陈志强 types it in.
  await onTabAs(page, /王红梅/, ADMIN);
  await openActivity(page);
  await page.getByTestId('vol-organiser-link').click();
  await page.getByTestId('vol-organiser').waitFor();
  const inCode = await liveCode(page, 'in');
  await page.getByTestId('vol-roster-entry').filter({ hasText: '陈志强' }).getByText('已报名').waitFor();
  await page.getByTestId('vol-roster-entry').filter({ hasText: '李建国' }).getByText('已取消').waitFor();
  await shot(page, 'e2e-volunteer-6-organiser.png');

  await onTabAs(page, /陈志强/, LEADER);
  await openActivity(page);
  await fill(page, 'vol-code-input', inCode);
  await page.getByTestId('vol-code-submit').click();
  await page.getByTestId('vol-outcome').getByText('签到成功').waitFor();
  await page.getByTestId('vol-my-state').getByText('已签到', { exact: true }).waitFor();
  await shot(page, 'e2e-volunteer-7-checked-in.png');

  // The 签退 code; the roster shows him checked in.
  await onTabAs(page, /王红梅/, ADMIN);
  await openActivity(page);
  await page.getByTestId('vol-organiser-link').click();
  await page.getByTestId('vol-roster-entry').filter({ hasText: '陈志强' }).getByText('已签到').waitFor();
  const outCode = await liveCode(page, 'out');
  await shot(page, 'e2e-volunteer-8-checkout-code.png');

  await onTabAs(page, /陈志强/, LEADER);
  await openActivity(page);
  await fill(page, 'vol-code-input', outCode);
  await page.getByTestId('vol-code-submit').click();
  await page.getByTestId('vol-outcome').getByText('签退成功').waitFor();
  await page.getByTestId('vol-my-state').getByText('已完成', { exact: true }).waitFor();
  await shot(page, 'e2e-volunteer-9-checked-out.png');

  // What the server recorded, and that the screens show exactly that.
  const hours = await myHours('demo-leader');
  const record = hours.records.items.find((r) => r.title === TITLE);
  expect(record?.state).toBe('completed');
  const shownHours = String(Math.round(record!.hours * 100) / 100);
  await page.getByTestId('vol-outcome').getByText(`服务时长 ${shownHours} 小时`, { exact: false }).waitFor();

  await page.goto(`${e2e.app.url}/#/pages/volunteer/index`);
  await page.getByTestId('vol-hours-link').click();
  const row = page.getByTestId('vol-hours-record').filter({ hasText: TITLE });
  await row.getByText('已完成').waitFor();
  await row.getByTestId('vol-record-hours').getByText(`${shownHours} 小时`).waitFor();
  await row.getByTestId('vol-record-points').getByText(`+${record!.points} 积分`).waitFor();
  await page
    .getByTestId('vol-total-hours')
    .getByText(String(Math.round(hours.totalHours * 100) / 100))
    .waitFor();
  await shot(page, 'e2e-volunteer-10-hours.png');
  await page.getByTestId('vol-record-open').click();
  await page.getByTestId('vol-service-record').getByText('志愿者：陈志强').waitFor();
  await shot(page, 'e2e-volunteer-11-service-record.png');
  const download = page.waitForEvent('download');
  await page.getByTestId('vol-record-save').click();
  expect((await download).suggestedFilename()).toMatch(/^志愿服务证明.*\.png$/);
  await context.close();
});
