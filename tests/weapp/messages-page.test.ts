/**
 * The message centre and the tab badge in the real WeChat build (dist/weapp), rendered by
 * miniprogram-simulate with the cloud played by the test: tapping an unread message marks it
 * read and opens its deep link with navigateTo; a tab link opens with switchTab (no query) and
 * a read message is not marked again; the 我的 tab page puts the unread count ("99+") on its
 * badge and on the 消息中心 entry, and removes the badge at 0.
 */
import { type LoadedPage, loadTaroPage } from './load-taro-page';
import { actionOf, cloudOf, ok, spyOnWx, until } from './play-cloud';

jest.setTimeout(30_000);

const WISH_LINK = '/packages/wish/pages/detail/index?id=w1';
const messages = [
  {
    id: 'm1',
    kind: 'wish',
    title: '您的心愿已被认领',
    body: '李建国认领了您的心愿“想要一副助行器”。',
    link: WISH_LINK,
    read: false,
    createdAt: '2026-11-29T06:05:00.000Z',
  },
  {
    id: 'm2',
    kind: 'activity',
    title: '候补成功',
    body: '您已递补成功。',
    link: '/pages/volunteer/index?tab=mine',
    read: true,
    createdAt: '2026-11-28T06:05:00.000Z',
  },
];

let page: LoadedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test('the message centre: kinds, unread marks, a tap marks read and opens the link', async () => {
  page = loadTaroPage('packages/messages/pages/index/index', {
    cloud: cloudOf({
      'messages.list': () => ok({ items: messages, nextCursor: null }),
      'messages.unreadCount': () => ok({ unread: 1 }),
      'messages.markRead': () => ok({ updated: 1, unread: 0 }),
    }),
  });
  const navigateTo = spyOnWx('navigateTo');
  const switchTab = spyOnWx('switchTab');
  const setTabBarBadge = spyOnWx('setTabBarBadge');
  const removeTabBarBadge = spyOnWx('removeTabBarBadge');

  await page.waitForText('您的心愿已被认领');
  await page.waitForText('候补成功');
  await page.waitForText('未读 1');
  for (const text of ['心愿', '志愿', '2026-11-29 14:05', '全部已读', '没有更多了'])
    expect(page.text()).toContain(text);
  expect(page.cloudCalls).toContainEqual({
    name: 'messages',
    data: { action: 'list', data: { unreadOnly: false, limit: 15 } },
  });

  // Opening the centre read the count (1) and put it on the badge.
  await until(() => setTabBarBadge.mock.calls.length > 0, 'setTabBarBadge');
  expect(setTabBarBadge.mock.calls[0]![0]).toMatchObject({ index: 4, text: '1' });
  setTabBarBadge.mockClear();

  const [unread] = page.findAllByText('您的心愿已被认领');
  page.tap(unread!);
  await until(() => navigateTo.mock.calls.length > 0, 'navigateTo');
  expect(page.cloudCalls).toContainEqual({ name: 'messages', data: { action: 'markRead', data: { ids: ['m1'] } } });
  expect(navigateTo.mock.calls[0]![0]).toMatchObject({ url: WISH_LINK });
  // The answered count (0) clears the badge at once (WeChat may refuse it off a tab page: ignored).
  expect(removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 4 }));
  expect(setTabBarBadge).not.toHaveBeenCalled();

  const [read] = page.findAllByText('候补成功');
  page.tap(read!);
  await until(() => switchTab.mock.calls.length > 0, 'switchTab');
  expect(switchTab.mock.calls[0]![0]).toMatchObject({ url: '/pages/volunteer/index' });
  expect(page.cloudCalls.filter((c) => actionOf(c) === 'markRead')).toHaveLength(1);
});

const me = {
  registered: true,
  profile: { id: 'u1', name: '张秀英', phone: '13810000006', avatarUrl: null },
  roles: [],
  bindings: [],
};

test('我的: the unread count on the tab badge (99+) and on the 消息中心 entry', async () => {
  page = loadTaroPage('pages/mine/index', {
    cloud: cloudOf({
      'account.me': () => ok(me),
      'messages.unreadCount': () => ok({ unread: 120 }),
    }),
  });
  const setTabBarBadge = spyOnWx('setTabBarBadge');

  await page.waitForText('张秀英');
  await page.waitForText('99+ 条未读');
  await until(() => setTabBarBadge.mock.calls.length > 0, 'setTabBarBadge');
  expect(setTabBarBadge.mock.calls[0]![0]).toMatchObject({ index: 4, text: '99+' });
  expect(page.cloudCalls).toContainEqual({ name: 'messages', data: { action: 'unreadCount', data: {} } });
});

test('a tab page with nothing unread removes the badge; not logged in is silent', async () => {
  page = loadTaroPage('pages/wish/index', {
    cloud: cloudOf({
      'messages.unreadCount': () => ({
        ok: false,
        error: { code: 'UNAUTHENTICATED', reason: 'auth.no-openid', message: '请先登录' },
      }),
    }),
  });
  const removeTabBarBadge = spyOnWx('removeTabBarBadge');
  const setTabBarBadge = spyOnWx('setTabBarBadge');
  await until(() => removeTabBarBadge.mock.calls.length > 0, 'removeTabBarBadge');
  expect(removeTabBarBadge.mock.calls[0]![0]).toMatchObject({ index: 4 });
  expect(setTabBarBadge).not.toHaveBeenCalled();
  expect(page.text()).not.toContain('请先登录');
});
