/**
 * End to end, through the UI only (待人工审核): the resident 张秀英 posts a wish whose title the
 * content check cannot decide (the emulator's word 人工复核 makes WeChat suggest review) — it is
 * saved, she is told, and her detail says who can see it; the building leader 陈志强 finds it
 * on the wall's review banner, opens 待人工审核内容, passes the text, and then publishes the
 * wish from the review queue. Screenshots go to test-results/e2e-held-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, newPhone } from '../support/browser';
import { startApp, type StartedApp } from '../support/local-server';

jest.setTimeout(240_000);

let app: StartedApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const RESIDENT = '张秀英（居民（74岁））';
const LEADER = '陈志强（幸福里1号楼党小组长）';
const TITLE = '请人工复核：想要一台收音机';

/** Pages stay mounted under the one on top: act on what is visible. */
const visible = (page: Page, testId: string) => page.getByTestId(testId).filter({ visible: true });

async function onWallAs(page: Page, name: RegExp, current: string) {
  await page.goto(`${app.url}/#/pages/wish/index`);
  await visible(page, 'persona-open').click();
  await page.getByRole('option', { name }).click();
  await visible(page, 'persona-current').getByText(`当前身份：${current}`).waitFor();
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(600);
  await page.screenshot({ path: artifact(name), fullPage: true });
}

test('a title the check cannot decide is saved and held; the leader passes it and can then publish the wish', async () => {
  const context = await newPhone(browser);
  const page = await context.newPage();

  // 张秀英 posts; the check suggests review: saved, and she is told.
  await onWallAs(page, /张秀英/, RESIDENT);
  await visible(page, 'wish-post').click();
  await page.getByText('说说您的小心愿').waitFor();
  await page.getByRole('radio', { name: '助老' }).click();
  await visible(page, 'wish-title').locator('input').fill(TITLE);
  await visible(page, 'wish-content').locator('textarea').fill('家里的收音机坏了，想听听戏曲和新闻。');
  await visible(page, 'wish-submit').click();
  await page.getByText('已提交，内容待人工审核').waitFor();
  const detail = visible(page, 'wish-detail');
  await detail.getByText(TITLE, { exact: false }).first().waitFor();
  await detail.getByTestId('held-notice').getByText('审核通过前仅您和审核人可见', { exact: false }).waitFor();
  await shot(page, 'e2e-held-1-author.png');

  // 陈志强 sees it on the banner and opens 待人工审核内容.
  await onWallAs(page, /陈志强/, LEADER);
  await visible(page, 'wish-held-count').getByText('1 个心愿有内容待人工审核').waitFor();
  await visible(page, 'wish-review-banner').click();
  await visible(page, 'held-tab').click();
  const item = visible(page, 'held-item').filter({ hasText: TITLE });
  await item.getByText('张秀英', { exact: false }).waitFor();
  await item.getByText('张秀英 · 需人工复核', { exact: false }).waitFor();
  await shot(page, 'e2e-held-2-review-tab.png');
  await item.getByText('通过', { exact: true }).click();
  await page.getByText('没有待人工审核的内容').waitFor();

  // Back on the queue, the wish can now be published.
  await page.getByRole('tab', { name: '待审核心愿' }).click();
  const queued = visible(page, 'wish-card').filter({ hasText: TITLE });
  await queued.getByText('发布', { exact: true }).click();
  await page.locator('.taro-modal__text').getByText(TITLE, { exact: false }).waitFor();
  await page.locator('.taro-model__confirm').getByText('发布', { exact: true }).click();
  await queued.getByTestId('wish-state').getByText('已发布').waitFor();
  await shot(page, 'e2e-held-3-published.png');
  await context.close();
});
