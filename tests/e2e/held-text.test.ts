/**
 * End to end, through the UI only (待人工审核): the resident 张秀英 posts a wish whose title the
 * content check cannot decide (the emulator's word 人工复核 makes WeChat suggest review) — it is
 * saved, she is told, and her detail says who can see it; the building leader 陈志强 finds it
 * on the wall's review banner and as a to-do on his home (待人工复核的内容), whose row opens
 * 待人工审核内容; he passes the text, and then publishes the wish from the review queue. Screenshots go to test-results/e2e-held-*.png.
 */
import type { Page } from 'playwright-core';
import { appAndBrowser, confirmModal, openAs, shot, visible } from './support';

jest.setTimeout(240_000);

const e2e = appAndBrowser();

const RESIDENT = '张秀英（居民（74岁））';
const LEADER = '陈志强（幸福里1号楼党小组长）';
const TITLE = '请人工复核：想要一台收音机';

const onWallAs = (page: Page, name: RegExp, current: string) =>
  openAs(page, e2e.app, '/pages/wish/index', name, current);

test('a title the check cannot decide is saved and held; the leader passes it and can then publish the wish', async () => {
  const context = await e2e.phone();
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

  // 陈志强 sees it on the wall's banner, and on his home as a to-do whose row opens 待人工审核内容.
  await onWallAs(page, /陈志强/, LEADER);
  await visible(page, 'wish-held-count').getByText('1 个心愿有内容待人工审核').waitFor();
  await page.locator('.weui-tabbar__item').filter({ hasText: '首页' }).click();
  const card = visible(page, 'home-card-held');
  await card.getByText('心愿标题 · 张秀英 · 需人工复核').waitFor();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'e2e-held-2-home-card.png');
  await card.getByText(`心愿：${TITLE}`).click();
  const item = visible(page, 'held-item').filter({ hasText: TITLE });
  await item.getByText('张秀英', { exact: false }).waitFor();
  await item.getByText('张秀英 · 需人工复核', { exact: false }).waitFor();
  await shot(page, 'e2e-held-3-review-tab.png');
  await item.getByText('通过', { exact: true }).click();
  await page.getByText('没有待人工审核的内容').waitFor();

  // Back on the queue, the wish can now be published.
  await page.getByRole('tab', { name: '待审核心愿' }).click();
  const queued = visible(page, 'wish-card').filter({ hasText: TITLE });
  await queued.getByText('发布', { exact: true }).click();
  await confirmModal(page, TITLE, '发布');
  await queued.getByTestId('wish-state').getByText('已发布').waitFor();
  await shot(page, 'e2e-held-4-published.png');
  await context.close();
});
