/**
 * End to end (a wish waiting for review reaches its reviewer's WeChat where they consented, ADR
 * 0038): the building leader 陈志强 opens 心愿审核 and taps 订阅待审提醒 (the local build has no
 * WeChat dialog and counts the tap as an accept); the resident 张秀英 then posts a wish. The
 * message centre of 陈志强 lists 有新心愿待审核, and the messages timer sends him 心愿待审核提醒
 * (into the local outbox) opening the wish. Screenshot: test-results/e2e-review-reminder.png.
 * The ways in ask too (once a run): the home's 待审核的心愿 card (去审核) and the 心愿 tab's review
 * banner (the first test taps it before 订阅待审提醒).
 */
import type { Page } from 'playwright-core';
import subscriptions from '../../deploy/subscriptions.json';
import { LOCAL_ADMIN_TOKEN_HEADER } from '../../emulator/server';
import { wishInput } from '../wish/helpers';
import { act, appAndBrowser, openAs, shot, visible } from './support';

jest.setTimeout(300_000);

const e2e = appAndBrowser();
const LEADER = '陈志强（幸福里1号楼党小组长）';

type Sent = { touser: string; template_id: string; page?: string };
const outbox = async (): Promise<Sent[]> =>
  ((await (await fetch(`${e2e.app.url}/api/local/outbox`)).json()) as { data: Sent[] }).data;
const fireSendTimer = async () => {
  const res = await fetch(`${e2e.app.url}/api/local/timers/messages/send-subscriptions`, {
    method: 'POST',
    headers: { [LOCAL_ADMIN_TOKEN_HEADER]: e2e.app.adminToken(), 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
};

/** The resident posts a wish; the send timer sends the leader one 心愿待审核提醒 opening it. */
async function expectReminderOfNextWish(title: string): Promise<void> {
  const since = (await outbox()).length;
  const wish = await act(e2e.app, 'demo-resident', 'wish', 'post', wishInput({ title }));
  await fireSendTimer();
  const sent = (await outbox())
    .slice(since)
    .filter((m) => m.touser === 'demo-leader' && m.template_id === subscriptions.wishReview.templateId);
  expect(sent).toEqual([expect.objectContaining({ page: `packages/wish/pages/detail/index?id=${wish.id}` })]);
}

/** Counts the consents this page records (messages.recordConsent) from now on. */
function consentsOf(page: Page): { count: () => number } {
  let count = 0;
  page.on('request', (req) => {
    if (req.url().endsWith('/api/functions/messages') && (req.postData() ?? '').includes('recordConsent')) count++;
  });
  return { count: () => count };
}

test('the home card asks a leader for wishReview; the next wish reaches him', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await openAs(page, e2e.app, '/pages/index/index', /陈志强/, LEADER);
  const consents = consentsOf(page);
  const card = visible(page, 'home-card-wish-review');
  const recorded = page.waitForResponse(
    (res) =>
      res.url().endsWith('/api/functions/messages') && (res.request().postData() ?? '').includes('recordConsent'),
  );
  await card.getByText('去审核', { exact: false }).click();
  await page.waitForURL(/wish\/pages\/review/);
  await recorded;
  expect(consents.count()).toBe(1);

  await visible(page, 'wish-review-remind').waitFor();
  expect(consents.count()).toBe(1); // (asking once a run: tests/subscriptions/consent.test.ts)

  await expectReminderOfNextWish('想请人帮忙修门锁');
  await context.close();
});

test('a leader who taps 订阅待审提醒 is sent 心愿待审核提醒 for the next wish, and finds it in 消息中心', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await openAs(page, e2e.app, '/pages/wish/index', /陈志强/, LEADER);
  const consents = consentsOf(page);
  await page.getByTestId('wish-review-banner').click(); // the way in asks too
  await visible(page, 'wish-review-remind').waitFor();
  expect(consents.count()).toBe(1);
  const consented = page.waitForResponse(
    (res) =>
      res.url().endsWith('/api/functions/messages') && (res.request().postData() ?? '').includes('recordConsent'),
  );
  await visible(page, 'wish-review-remind').click();
  await page.getByText('有心愿待审核时会提醒您').waitFor();
  await consented;
  expect(consents.count()).toBe(2); // 订阅待审提醒 asks every time
  await shot(page, 'e2e-review-reminder.png');

  await expectReminderOfNextWish('想请人帮忙换灯泡');

  await page.goto(`${e2e.app.url}/#/packages/messages/pages/index/index`);
  await page.getByTestId('message').filter({ hasText: '有新心愿待审核' }).first().waitFor();
  await context.close();
});
