/**
 * End to end, through the UI only (微心愿): the resident 张秀英 posts a wish with one photo, the
 * building leader 陈志强 publishes it from the review queue, the member 李建国 claims it from
 * the wall (and then sees her contact details) and marks it fulfilled with a note, the
 * resident confirms with five stars — and 我的积分 of the member shows the wish's points (the
 * default rule: 10). Personas are switched through the switcher, as a person would;
 * screenshots go to test-results/e2e-wish-*.png.
 */
import type { Page } from 'playwright-core';
import { PNG, act, appAndBrowser, confirmModal, fill, openAs, shot } from './support';

jest.setTimeout(240_000);

const e2e = appAndBrowser();

const RESIDENT = '张秀英（居民（74岁））';
const LEADER = '陈志强（幸福里1号楼党小组长）';
const MEMBER = '李建国（在职党员（市税务局第三分局））';
const TITLE = '想要一副助行器';
const COMMUNITY = 'comm-xingfuli';

/** Opens the 心愿 tab as `name` (the switcher lives on every tab page). */
const onWallAs = (page: Page, name: RegExp, current: string) =>
  openAs(page, e2e.app, '/pages/wish/index', name, current);

const pointsOf = async (openid: string): Promise<number> =>
  (await act(e2e.app, openid, 'points', 'myPoints', { communityId: COMMUNITY })).balance;

test('a wish goes from posting to confirmation through three people, and the claimer gets the points', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  const pointsBefore = await pointsOf('demo-member');

  // 张秀英 posts a wish with one photo from the 心愿 tab.
  await onWallAs(page, /张秀英/, RESIDENT);
  await page.getByText('还没有心愿').waitFor();
  await shot(page, 'e2e-wish-1-empty-wall.png');
  await page.getByTestId('wish-post').click();
  await page.getByText('说说您的小心愿').waitFor();
  await page.getByRole('radio', { name: '助老' }).click();
  await fill(page, 'wish-title', TITLE);
  await fill(page, 'wish-content', '腿脚不太灵便，想要一副助行器，方便下楼买菜和去社区活动室。');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('photo-add').click();
  await (await chooser).setFiles({ name: 'walker.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('photo-thumb').waitFor();
  await page.getByTestId('photo-thumb').getByText('上传中…').waitFor({ state: 'detached' });
  await shot(page, 'e2e-wish-2-post.png');
  await page.getByTestId('wish-submit').click();

  // Her wish's detail: awaiting review, her own contact shown to her, one photo.
  const detail = page.getByTestId('wish-detail');
  await detail.getByText(TITLE, { exact: true }).waitFor();
  await detail.getByTestId('wish-state').getByText('待审核').waitFor();
  await detail.getByTestId('wish-photos').locator('img').first().waitFor();
  await shot(page, 'e2e-wish-3-submitted.png');

  // 陈志强 (her building's leader) publishes it from the review queue.
  await onWallAs(page, /陈志强/, LEADER);
  await page.getByTestId('wish-review-banner').getByText('1 个心愿待审核').waitFor();
  await page.getByTestId('wish-review-banner').click();
  const queued = page.getByTestId('wish-card').filter({ hasText: TITLE });
  await queued.getByText('张*', { exact: false }).waitFor();
  await shot(page, 'e2e-wish-4-review.png');
  await queued.getByText('发布', { exact: true }).click();
  await confirmModal(page, TITLE, '发布');
  await queued.getByTestId('wish-state').getByText('已发布').waitFor();

  // 李建国 finds it on the wall (masked name, estate only), claims it and sees her contact.
  await onWallAs(page, /李建国/, MEMBER);
  const onWall = page.getByTestId('wish-card').filter({ hasText: TITLE });
  await onWall.getByText('张* · 幸福里小区').waitFor();
  expect(await onWall.textContent()).not.toContain('1-102');
  await shot(page, 'e2e-wish-5-wall.png');
  await onWall.getByText(TITLE, { exact: true }).click();
  await detail.getByTestId('wish-state').getByText('已发布').waitFor();
  expect(await page.getByTestId('wish-contact').count()).toBe(0);
  await page.getByText('我来认领', { exact: true }).click();
  await confirmModal(page, '联系方式', '认领');
  await detail.getByTestId('wish-state').getByText('已认领').waitFor();
  const contact = page.getByTestId('wish-contact');
  await contact.getByText('1号楼', { exact: false }).waitFor();
  await contact.getByText(/电话：1\d{10}/).waitFor();
  await page.getByText('拨打', { exact: true }).waitFor();
  await shot(page, 'e2e-wish-6-claimed.png');

  // He marks it fulfilled with a note.
  await page.getByText('标记已完成', { exact: true }).click();
  await fill(page, 'wish-fulfil-note', '周六上午已把助行器送到张阿姨家，并教她调好了高度。');
  await page.getByRole('dialog').getByText('确认已完成', { exact: true }).click();
  await detail.getByTestId('wish-state').getByText('已完成').waitFor();
  await page.getByTestId('wish-fulfilment').getByText('周六上午', { exact: false }).waitFor();

  // 张秀英 opens it from 我的心愿 and confirms with five stars and thanks.
  await onWallAs(page, /张秀英/, RESIDENT);
  await page.getByTestId('wish-mine-poster').click();
  const mine = page.getByTestId('wish-card').filter({ hasText: TITLE });
  await mine.getByTestId('wish-state').getByText('已完成').waitFor();
  await mine.getByText(TITLE, { exact: true }).click();
  await page.getByText('确认实现并评价', { exact: true }).click();
  await page.getByRole('radio', { name: '5星' }).click();
  await fill(page, 'wish-thanks', '谢谢小李，帮了我大忙！');
  await shot(page, 'e2e-wish-7-confirm.png');
  await page.getByRole('dialog').getByText('确认并评价', { exact: true }).click();
  await detail.getByTestId('wish-state').getByText('已确认').waitFor();
  await page.getByTestId('wish-confirmation').getByText('谢谢小李', { exact: false }).waitFor();
  const timeline = page.getByTestId('wish-timeline');
  for (const step of ['待审核', '待审核 → 已发布', '已发布 → 已认领', '已认领 → 已完成', '已完成 → 已确认']) {
    await timeline.getByText(step, { exact: true }).waitFor();
  }
  await shot(page, 'e2e-wish-8-confirmed.png');

  // 李建国's 我的积分 shows the wish's points (default rule wishFulfilled = 10).
  await onWallAs(page, /李建国/, MEMBER);
  await page.goto(`${e2e.app.url}/#/packages/points/pages/mine/index?communityId=${COMMUNITY}`);
  await page
    .getByTestId('points-balance')
    .getByText(String(pointsBefore + 10), { exact: true })
    .waitFor();
  await page.getByTestId('ledger-entry').filter({ hasText: TITLE }).getByText('+10', { exact: true }).waitFor();
  await shot(page, 'e2e-wish-9-points.png');
  expect(await pointsOf('demo-member')).toBe(pointsBefore + 10);
  await context.close();
});
