/**
 * The home page of the real WeChat build (dist/weapp/pages/index/index), rendered by
 * miniprogram-simulate with `wx.cloud.callFunction` played by the test: a resident's home by
 * role (their cards, each loading on its own), a card's failure kept to that card, and
 * account.me failing and retried. The WeChat build has no persona chooser or switcher.
 */
import { aRoleView } from '../support/factories';
import { type LoadedPage, loadTaroPage } from './load-taro-page';
import { cloudOf, ok } from './play-cloud';

const PAGE = 'pages/index/index';

// Above the 5 s bound of each waitForText, so a page that never shows a text fails with that
// wait's message (which includes what the page does show), not with Jest's generic timeout.
jest.setTimeout(30_000);

const profile = { id: 'u_zhangxiuying', name: '张秀英', phone: '13800000006', avatarUrl: '' };
/** Her resident role as account.me answers it (the scopes she has none of are null). */
const residentRole = aRoleView({
  id: 'role-resident',
  userId: 'u_zhangxiuying',
  kind: 'resident',
  communityId: 'comm-xingfuli',
  estateId: 'estate-xfl',
  buildingId: 'bld-xfl-1',
  householdId: 'hh-xfl-1-102',
  scopeLabel: '幸福里小区 · 1号楼 · 1-102',
  grantedAt: '2026-01-01T00:00:00.000Z',
});
const internalError = { code: 'INTERNAL', reason: 'internal.unexpected', message: '服务器出错了，请稍后再试' };

const registered = { ok: true, data: { registered: true, profile, roles: [residentRole], bindings: [] } };
const failed = { ok: false, error: internalError };

const topic = (id: string, title: string, estateId: string) => ({
  id,
  communityId: 'comm-xingfuli',
  estateId,
  buildingId: null,
  scopeLabel: estateId === 'estate-xfl' ? '幸福里小区' : '和谐家园',
  title,
  step: 'vote',
  leaderName: '孙建华',
  openedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
});
const wish = {
  id: 'wish-1',
  communityId: 'comm-xingfuli',
  category: 'elderly',
  title: '想要一副助行器',
  content: '腿脚不便',
  photos: [],
  wantedBy: '2026-12-20',
  state: 'submitted',
  posterName: '张秀英',
  estateName: '幸福里小区',
  claimerName: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  held: false,
};

/** A cloud that answers every call the resident's home makes; `overrides` replace answers by "area.action". */
function cloud(me: () => unknown, overrides: Record<string, () => unknown> = {}) {
  return cloudOf({
    'account.me': me,
    'messages.unreadCount': () => ok({ unread: 1 }),
    'deliberation.list': () =>
      ok({
        items: [topic('t1', '加装电梯', 'estate-xfl'), topic('t2', '和谐家园停车', 'estate-hxjy')],
        nextCursor: null,
      }),
    'volunteer.list': () => ok({ items: [], nextCursor: null }),
    'wish.mine': () => ok({ items: [wish], nextCursor: null }),
    'messages.list': () =>
      ok({
        items: [
          {
            id: 'm1',
            kind: 'topic',
            title: '加装电梯开始表决',
            body: '请为您家投票',
            link: null,
            read: false,
            createdAt: '2026-12-01T02:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    ...overrides,
  });
}

let page: LoadedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test('greets the resident with their household and shows her cards: votes for her household, activities, her wishes, new messages', async () => {
  page = loadTaroPage(PAGE, { cloud: cloud(() => registered) });

  await page.waitForText('您好，张秀英');
  await page.waitForText('居民 · 幸福里小区 · 1号楼 · 1-102');
  await page.waitForText('正在表决的议题');
  await page.waitForText('加装电梯');
  await page.waitForText('近期没有志愿活动');
  await page.waitForText('想要一副助行器');
  await page.waitForText('加装电梯开始表决');
  // A vote in another estate is not hers; no database timings on a person's screen.
  expect(page.text()).not.toContain('和谐家园停车');
  expect(page.text()).not.toContain('数据库');
  expect(page.text()).not.toContain('毫秒');
  // Each card asks for a few rows only; nobody pings the service.
  const actions = page.cloudCalls.map((c) => `${c.name}.${(c.data as { action: string }).action}`);
  expect(actions).not.toContain('system.ping');
  expect(page.cloudCalls).toContainEqual({ name: 'wish', data: { action: 'mine', data: { as: 'poster', limit: 3 } } });
  expect(page.cloudCalls).toContainEqual({
    name: 'messages',
    data: { action: 'list', data: { unreadOnly: true, limit: 3 } },
  });
  expect(page.cloudInits).toEqual([expect.objectContaining({ traceUser: true })]);
  // The local-mode persona switcher and chooser are not part of the WeChat build.
  expect(page.text()).not.toContain('切换身份');
  expect(page.text()).not.toContain('请选择一个身份');
});

test('a card that fails shows its own error and 重试, while the other cards show theirs', async () => {
  let mine: unknown = failed;
  page = loadTaroPage(PAGE, { cloud: cloud(() => registered, { 'wish.mine': () => mine }) });

  await page.waitForText('服务器出错了，请稍后再试');
  await page.waitForText('加装电梯开始表决');
  const retry = page.findAllByText('重试');
  expect(retry).toHaveLength(1);
  expect(retry[0]?.tagName.toLowerCase()).toBe('wx-button');

  mine = ok({ items: [wish], nextCursor: null });
  page.tap(retry[0]!);
  await page.waitForText('想要一副助行器');
  expect(page.text()).not.toContain('服务器出错了');
});

test('shows the error message and a retry button when account/me fails, then greets the resident on retry', async () => {
  let me: unknown = failed;
  page = loadTaroPage(PAGE, { cloud: cloud(() => me) });
  await page.waitForText('服务器出错了，请稍后再试');
  expect(page.text()).not.toContain('您好');

  me = registered;
  const [retry] = page.findAllByText('重试');
  if (!retry) throw new Error('no 重试 button');
  page.tap(retry);

  await page.waitForText('您好，张秀英');
  expect(page.text()).not.toContain('服务器出错了');
  expect(page.cloudCalls.filter((c) => c.name === 'account')).toHaveLength(2);
});
