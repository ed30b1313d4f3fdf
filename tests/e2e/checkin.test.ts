/**
 * End to end, through the UI only (双报到 and 积分): the in-office member 李建国 registers (报到)
 * with the community, the admin 王红梅 approves it in 报到审核, then starts an event (the form
 * proposes a time in working hours; she picks one 20 minutes ahead, so check-in is open now) and
 * shows its live QR with the 6-digit spoken code beside it; the member opens the event and types
 * those six digits on the number pad (输入数字签到码 — no keyboard; the local build has no camera)
 * and checks in; a wrong code is refused saying how many tries are left; 我的积分 then shows the
 * registration and check-in points (the default rules: 10 and 2). Personas are switched
 * through the switcher; screenshots go to test-results/e2e-checkin-*.png.
 */
import type { Page } from 'playwright-core';
import { cstClock } from '../../types/time';
import {
  appAndBrowser,
  confirmModal,
  expectNumberPad,
  fill,
  openAs,
  pickWallTime,
  readSpokenCode,
  shot,
  tapDigits,
  wrongCode,
} from './support';

jest.setTimeout(240_000);

const e2e = appAndBrowser();

const MEMBER = '李建国（在职党员（市税务局第三分局））';
const ADMIN = '王红梅（社区书记）';
const EVENT = '十一月主题党日';

async function asPersona(page: Page, name: RegExp, current: string) {
  await openAs(page, e2e.app, '/pages/mine/index', name, current);
  await page.getByTestId('mine-name').waitFor();
}

test('a member registers, the admin approves, the member checks in with the spoken 6-digit code and sees the points', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();

  // 李建国 registers from 我的 → 到社区报到: his unit and his flat are chosen for him.
  await asPersona(page, /李建国/, MEMBER);
  await page.getByText('到社区报到', { exact: true }).click();
  const form = page.getByTestId('register-form');
  await form.waitFor();
  await form
    .getByRole('radio', { name: /市税务局第三分局/ })
    .and(page.locator('[aria-checked="true"]'))
    .waitFor();
  await fill(page, 'skill-input', '电脑维修');
  await page.getByTestId('skill-add').click();
  await form.getByText('电脑维修', { exact: true }).waitFor();
  await form.getByRole('checkbox', { name: '助老' }).click();
  await form.getByRole('checkbox', { name: '环境整治' }).click();
  await shot(page, 'e2e-checkin-1-register.png');
  await page.getByTestId('register-submit').click();
  const registration = page.getByTestId('registration-card').filter({ hasText: '市税务局第三分局' });
  await registration.getByText('待审核').waitFor();
  await shot(page, 'e2e-checkin-2-pending.png');

  // 王红梅 approves it in 报到审核, after a confirmation.
  await asPersona(page, /王红梅/, ADMIN);
  await page.getByText('报到审核', { exact: true }).click();
  const card = page.getByTestId('registration-review-card').filter({ hasText: '李建国' });
  await card.getByText('待审核').waitFor();
  await card.getByText('通过', { exact: true }).click();
  await confirmModal(page, '李建国', '通过');
  await card.getByText('已报到').waitFor();
  await shot(page, 'e2e-checkin-3-approved.png');

  // She starts an event: the form proposes working hours (09:00–16:00 on a working day, never
  // the small hours); she picks a start 20 minutes ahead (check-in opens 30 min before) and the
  // end follows it, two hours later.
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await page.getByText('活动签到', { exact: true }).click();
  await page.getByTestId('event-create').click();
  await fill(page, 'event-title', EVENT);
  await fill(page, 'event-place', '社区党群服务中心二楼');
  await page.getByRole('radio', { name: '主题党日' }).click();
  const proposed = (await page.getByTestId('event-start-time').textContent())?.trim() ?? '';
  expect(proposed).toMatch(/^(09|1[0-6]):00$/);
  const start = new Date(Math.ceil((Date.now() + 20 * 60_000) / 60_000) * 60_000);
  await pickWallTime(page, 'event-start', start);
  await page
    .getByTestId('event-end-time')
    .getByText(cstClock(new Date(start.getTime() + 2 * 3600_000)), { exact: true })
    .waitFor();
  await shot(page, 'e2e-checkin-4-create.png');
  await page.getByTestId('event-submit').click();

  // The organiser's live QR; the code's text is under it (and in data-code).
  const qr = page.getByTestId('live-qr');
  await qr.waitFor();
  await page.getByTestId('live-qr-countdown').getByText('秒后自动刷新', { exact: false }).waitFor();
  const code = (await page.getByTestId('live-code-text').textContent())?.trim() ?? '';
  expect(code).toMatch(/^HSLL1\.event\./);
  expect(await qr.getAttribute('data-code')).toBe(code);
  // The QR image has loaded and is drawn large (at least 250 CSS px on a 375 px phone).
  const size = await qr.locator('img').evaluate((img: HTMLImageElement) => ({
    natural: img.naturalWidth,
    shown: img.getBoundingClientRect().width,
  }));
  expect(size.natural).toBeGreaterThan(0);
  expect(size.shown).toBeGreaterThanOrEqual(250);
  // Beside it the spoken code, six digits drawn large enough to read across a room.
  const digits = await readSpokenCode(page);
  await shot(page, 'e2e-checkin-5-live-qr.png');

  // 李建国 opens the event from 活动签到 and taps the six digits on the number pad: no text
  // field, so no system keyboard; the keys are big (at least 60 × 60 CSS px).
  await asPersona(page, /李建国/, MEMBER);
  await page.getByText('活动签到', { exact: true }).click();
  await page.getByTestId('event-card').filter({ hasText: EVENT }).click();
  await expectNumberPad(page);
  // A slip is corrected with ⌫ before sending.
  await tapDigits(page, `${digits.slice(0, 5)}9`);
  await page.getByTestId('spoken-key-back').click();
  await tapDigits(page, digits.slice(5));
  expect(await page.getByTestId('spoken-display').getAttribute('data-typed')).toBe(digits);
  await page.getByTestId('spoken-submit').click();
  await page.getByTestId('checkin-outcome').getByText('已签到，+2 积分').waitFor();
  await shot(page, 'e2e-checkin-6-checked-in.png');

  // A wrong code is refused with the server's reason and the tries left.
  await tapDigits(page, wrongCode(digits));
  await page.getByTestId('spoken-submit').click();
  const refused = page.getByTestId('checkin-outcome');
  await refused.getByText('签到未成功').waitFor();
  await refused.getByText('签到码不正确', { exact: false }).waitFor();
  await refused.getByText('还可再试4次', { exact: false }).waitFor();

  // 我的积分: 10 for the registration, 2 for the check-in.
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await page.getByText('我的积分', { exact: true }).click();
  await page.getByTestId('points-balance').getByText('12', { exact: true }).waitFor();
  const entries = page.getByTestId('ledger-entry');
  await entries.filter({ hasText: '+10' }).first().waitFor();
  await entries.filter({ hasText: EVENT }).filter({ hasText: '+2' }).waitFor();
  await shot(page, 'e2e-checkin-7-points.png');
  await context.close();
});
