/**
 * End to end (消息中心): messages come from real actions — the resident 张秀英 posts a wish, the
 * building leader publishes it, the member 李建国 claims it, and she is told twice. Then, as her,
 * through the UI: the 我的 tab's badge and the 消息中心 entry show 2 unread; the message centre
 * lists both, newest first, marked unread; tapping the newest opens the wish's detail (its
 * deep link) and marks it read, so the badge drops to 1; 全部已读 clears the rest and the badge
 * disappears. Screenshots go to test-results/e2e-messages-*.png.
 */
import type { Page } from 'playwright-core';
import { act as actAs, appAndBrowser, openAs, shot } from './support';

jest.setTimeout(240_000);

const e2e = appAndBrowser();

const RESIDENT = '张秀英（居民（74岁））';
const COMMUNITY = 'comm-xingfuli';
const TITLE = '想请人帮忙换灯泡';
const PUBLISHED = '您的心愿已发布';
const CLAIMED = '您的心愿已被认领';

const act = (openid: string, area: string, action: string, data: object) => actAs(e2e.app, openid, area, action, data);

/** The 我的 tab's badge (Taro's h5 tab bar), and every badge of the tab bar. */
const mineBadge = (page: Page) => page.locator('.weui-tabbar__item').nth(4).locator('.taro-tabbar-badge');
const anyBadge = (page: Page) => page.locator('.taro-tabbar-badge');

/** Whether a Taro button is disabled (the h5 button reflects `disabled` as an attribute). */
const isDisabled = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.hasAttribute('disabled'));

/**
 * 我的, in a fresh document: a hash change alone keeps pages visited before in the DOM (Taro's
 * h5 page stack), and a second message centre opened later would then be there twice.
 */
async function onMine(page: Page) {
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await page.reload();
  await page.getByTestId('mine-name').getByText('张秀英').waitFor();
}

test('she is told about her wish: badge, message centre, deep link, marking read', async () => {
  // Real actions make the messages: post → publish (told) → claim (told).
  const wantedBy = new Date(Date.now() + 14 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const wish = await act('demo-resident', 'wish', 'post', {
    communityId: COMMUNITY,
    category: 'living',
    title: TITLE,
    content: '厨房的灯泡坏了，够不着，想请邻居帮忙换一下。',
    photos: [],
    wantedBy,
  });
  await act('demo-leader', 'wish', 'review', { wishId: wish.id, decision: 'publish' });
  await act('demo-member', 'wish', 'claim', { wishId: wish.id });
  expect(await act('demo-resident', 'messages', 'unreadCount', {})).toEqual({ unread: 2 });

  const context = await e2e.phone();
  const page = await context.newPage();
  await openAs(page, e2e.app, '/pages/mine/index', /张秀英/, RESIDENT);

  // 我的: the tab bar's badge on 我的 (and nowhere else) and the 消息中心 entry say 2.
  await page.getByTestId('mine-name').getByText('张秀英').waitFor();
  await mineBadge(page).getByText('2', { exact: true }).waitFor();
  expect(await anyBadge(page).count()).toBe(1);
  await page.getByTestId('mine-messages-unread').getByText('2 条未读').waitFor();
  await shot(page, 'e2e-messages-1-badge.png');

  // 消息中心: both, newest first, unread, with the kind in Chinese and the time.
  await page.getByTestId('mine-messages').click();
  const messages = page.getByTestId('message');
  await messages.first().getByText(CLAIMED, { exact: true }).waitFor();
  expect(await messages.count()).toBe(2);
  await messages.nth(1).getByText(PUBLISHED, { exact: true }).waitFor();
  for (const i of [0, 1]) {
    expect(await messages.nth(i).getAttribute('data-read')).toBe('false');
    await messages.nth(i).getByTestId('message-unread').waitFor();
    await messages.nth(i).getByText('心愿', { exact: true }).waitFor();
    await messages
      .nth(i)
      .getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      .waitFor();
  }
  await messages.first().getByText(TITLE, { exact: false }).waitFor();
  await page.getByTestId('messages-filter-unread').getByText('未读 2').waitFor();
  expect(await isDisabled(page, 'messages-read-all')).toBe(false);
  await shot(page, 'e2e-messages-2-centre.png');

  // The 未读 chip shows the same two.
  await page.getByTestId('messages-filter-unread').click();
  await page.getByTestId('messages-filter-unread').getByText('未读 2').waitFor();
  await messages.first().getByText(CLAIMED, { exact: true }).waitFor();
  expect(await messages.count()).toBe(2);

  // Tapping the newest opens the wish itself (its deep link) and marks the message read.
  await messages.first().click();
  const detail = page.getByTestId('wish-detail');
  await detail.getByText(TITLE, { exact: true }).waitFor();
  await detail.getByTestId('wish-state').getByText('已认领').waitFor();
  expect(page.url()).toContain(`/packages/wish/pages/detail/index?id=${encodeURIComponent(wish.id)}`);
  await shot(page, 'e2e-messages-3-deep-link.png');
  expect(await act('demo-resident', 'messages', 'unreadCount', {})).toEqual({ unread: 1 });

  // Back in the message centre: that one is read now, the other still unread.
  await page.goBack();
  await page.getByTestId('messages-filter-unread').getByText('未读 1').waitFor();
  const claimed = messages.filter({ hasText: CLAIMED });
  await claimed.and(page.locator('[data-read="true"]')).waitFor();
  expect(await claimed.getByTestId('message-unread').count()).toBe(0);

  // 我的: the badge says 1.
  await onMine(page);
  await mineBadge(page).getByText('1', { exact: true }).waitFor();
  await page.getByTestId('mine-messages-unread').getByText('1 条未读').waitFor();

  // 全部已读 in the message centre: nothing unread, the button is disabled.
  await page.getByTestId('mine-messages').click();
  await messages.filter({ hasText: PUBLISHED }).and(page.locator('[data-read="false"]')).waitFor();
  await page.getByTestId('messages-read-all').click();
  await messages.filter({ hasText: PUBLISHED }).and(page.locator('[data-read="true"]')).waitFor();
  expect(await page.locator('[data-testid="message"][data-read="false"]').count()).toBe(0);
  await page.getByTestId('messages-filter-unread').getByText('未读', { exact: true }).waitFor();
  expect(await isDisabled(page, 'messages-read-all')).toBe(true);
  await shot(page, 'e2e-messages-4-all-read.png');

  // The 未读 chip: nothing left.
  await page.getByTestId('messages-filter-unread').click();
  await page.getByText('没有未读消息').waitFor();
  expect(await messages.count()).toBe(0);

  // 我的: no badge anywhere, the entry just invites a look.
  await onMine(page);
  await page.getByTestId('mine-messages').getByText('查看通知 ›').waitFor();
  await mineBadge(page).waitFor({ state: 'detached' });
  expect(await anyBadge(page).count()).toBe(0);
  expect(await act('demo-resident', 'messages', 'unreadCount', {})).toEqual({ unread: 0 });
  await shot(page, 'e2e-messages-5-no-badge.png');
  await context.close();
});

test('someone with no messages: no badge, an empty message centre', async () => {
  const context = await e2e.phone();
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/index/index`);
  await page.getByTestId('persona-open').click();
  await page.getByRole('option', { name: /马晓东/ }).click();
  await page.getByTestId('persona-current').getByText('马晓东', { exact: false }).waitFor();
  expect(await act('demo-newcomer', 'messages', 'unreadCount', {})).toEqual({ unread: 0 });
  await page.goto(`${e2e.app.url}/#/pages/mine/index`);
  await page.getByTestId('mine-messages').getByText('查看通知 ›').waitFor();
  expect(await anyBadge(page).count()).toBe(0);
  await page.getByTestId('mine-messages').click();
  await page.getByText('还没有消息').waitFor();
  expect(await isDisabled(page, 'messages-read-all')).toBe(true);
  await context.close();
});
