/**
 * The home page of the real WeChat build (dist/weapp/pages/index/index), rendered by
 * miniprogram-simulate with `wx.cloud.callFunction` played by the test.
 */
import { type CloudCall, type LoadedPage, loadTaroPage } from './load-taro-page';

const PAGE = 'pages/index/index';

// Above the 5 s bound of each waitForText, so a page that never shows a text fails with that
// wait's message (which includes what the page does show), not with Jest's generic timeout.
jest.setTimeout(30_000);

const profile = { id: 'u_wanghongmei', name: '王红梅', phone: '13800000001', avatarUrl: '' };
const pong = { pong: true, serverTime: '2026-01-01T00:00:00.000Z', runtime: 'cloud', databaseMs: 3 };
const internalError = { code: 'INTERNAL', reason: 'internal.unexpected', message: '系统繁忙，请稍后再试' };

const registered = { ok: true, data: { registered: true, profile, roles: [], bindings: [] } };
const failed = { ok: false, error: internalError };

/** A cloud that answers account/me with `me()` and system/ping with pong. */
function cloud(me: () => unknown) {
  return (call: CloudCall): unknown => {
    const { action } = call.data as { action?: string };
    if (call.name === 'account' && action === 'me') return me();
    if (call.name === 'system' && action === 'ping') return { ok: true, data: pong };
    return {
      ok: false,
      error: { code: 'NOT_FOUND', reason: 'test.unhandled', message: `unhandled ${call.name}/${action}` },
    };
  };
}

let page: LoadedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test('greets the signed-in resident, reports the service and lists the community services', async () => {
  page = loadTaroPage(PAGE, { cloud: cloud(() => registered) });

  await page.waitForText('您好，王红梅');
  await page.waitForText('服务正常 · 数据库 3 毫秒');

  // Every service is live: each tile opens its tab or page.
  expect(page.findAllByText('即将上线')).toHaveLength(0);
  expect(page.findAllByText('立即使用')).toHaveLength(4);
  for (const title of ['微心愿', '志愿服务', '小区议事', '双报到']) expect(page.text()).toContain(title);
  // The client asks "who am I" with empty data: the identity comes from WeChat, never the client.
  // Exactly these three calls (the third is the tab bar's unread badge), in whichever order.
  expect(page.cloudCalls).toHaveLength(3);
  expect(page.cloudCalls).toContainEqual({ name: 'account', data: { action: 'me', data: {} } });
  expect(page.cloudCalls).toContainEqual({ name: 'system', data: { action: 'ping', data: {} } });
  expect(page.cloudCalls).toContainEqual({ name: 'messages', data: { action: 'unreadCount', data: {} } });
  expect(page.cloudInits).toEqual([expect.objectContaining({ traceUser: true })]);
  // The local-mode persona switcher is not part of the WeChat build.
  expect(page.text()).not.toContain('切换身份');
});

test('shows the error message and a retry button when account/me fails', async () => {
  page = loadTaroPage(PAGE, { cloud: cloud(() => failed) });

  await page.waitForText('服务器出错了，请稍后再试');

  expect(page.text()).not.toContain('您好');
  const retry = page.findAllByText('重试');
  expect(retry).toHaveLength(1);
  expect(retry[0]?.tagName.toLowerCase()).toBe('wx-button');
  // The failure is the greeting's alone: the service status still answers.
  await page.waitForText('服务正常 · 数据库 3 毫秒');
  expect(page.cloudCalls).toContainEqual({ name: 'account', data: { action: 'me', data: {} } });
});

test('retry asks again and then greets the resident', async () => {
  let me: unknown = failed;
  page = loadTaroPage(PAGE, { cloud: cloud(() => me) });
  await page.waitForText('系统繁忙，请稍后再试');

  me = registered;
  const [retry] = page.findAllByText('重试');
  if (!retry) throw new Error('no 重试 button');
  page.tap(retry);

  await page.waitForText('您好，王红梅');
  expect(page.text()).not.toContain('系统繁忙');
  expect(page.cloudCalls.filter((c) => c.name === 'account')).toHaveLength(2);
});
