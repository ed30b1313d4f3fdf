/**
 * The check-in event page of the real WeChat build (dist/weapp/packages/checkin/pages/event),
 * rendered by miniprogram-simulate with the cloud played by the test: the organiser sees the
 * live QR image with its countdown and the 6-digit spoken code beside it; a member sees 扫码签到
 * (the camera scanner) and the number pad for the spoken code, not the local build's code box.
 */
import type { RoleKind } from '../../types/account';
import { aRoleView } from '../support/factories';
import { type LoadedPage, loadTaroPage } from './load-taro-page';
import { cloudOf, ok } from './play-cloud';

const PAGE = 'packages/checkin/pages/event/index';
const query = { id: 'evt-1', communityId: 'comm-1' };

jest.setTimeout(30_000);

const inAnHour = new Date(Date.now() + 3600_000).toISOString();
const event = {
  id: 'evt-1',
  communityId: 'comm-1',
  title: '十一月主题党日',
  kind: 'party_day',
  place: '社区党群服务中心',
  startAt: new Date(Date.now() + 600_000).toISOString(),
  endAt: inAnHour,
  checkinOpensAt: new Date(Date.now() - 1200_000).toISOString(),
  organiserId: 'u-admin',
  organiserName: '王红梅',
  checkedInCount: 0,
  checkedIn: false,
  cancelled: false,
};
const code = 'HSLL1.event.evt-1.59864897.aC5fH-u3iTidrUPxQgG3CX';

function cloud(userId: string, kinds: RoleKind[]) {
  return cloudOf({
    'account.me': () =>
      ok({
        registered: true,
        profile: { id: userId, name: '测试', phone: null, avatarUrl: null },
        roles: kinds.map((kind) => aRoleView({ kind, userId, communityId: 'comm-1', scopeLabel: '幸福里社区' })),
        bindings: [],
      }),
    'checkin.listEvents': () => ok({ items: [event], nextCursor: null }),
    'checkin.liveCode': () =>
      ok({
        code,
        refreshAt: new Date(Date.now() + 20_000).toISOString(),
        expiresAt: inAnHour,
        spokenCode: '048213',
        spokenRefreshAt: new Date(Date.now() + 100_000).toISOString(),
      }),
    'checkin.listAttendance': () => ok({ items: [], nextCursor: null }),
  });
}

let page: LoadedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test('the organiser sees the live QR as a large image, with its countdown, the spoken code and the attendance', async () => {
  page = loadTaroPage(PAGE, { cloud: cloud('u-admin', ['admin']), query });
  await page.waitForText('现场签到二维码');
  await page.waitForText('秒后自动刷新');
  await page.waitForText('还没有人签到');
  // The spoken code beside it, grouped the way it is read aloud.
  await page.waitForText('048 213');
  // The QR is an <image> (its data-URL src is not observable in simulate, which keeps no
  // properties of built-in components).
  expect(page.dom.querySelector('wx-image[class*="qr-code__image"]')).not.toBeNull();
  expect(page.cloudCalls).toContainEqual({ name: 'checkin', data: { action: 'liveCode', data: { eventId: 'evt-1' } } });
  // The code's text is for the local build only; WeChat shows the QR.
  expect(page.text()).not.toContain(code);
});

test('a member sees the camera scanner and the number pad for the spoken code, not the code box of the local build', async () => {
  page = loadTaroPage(PAGE, { cloud: cloud('u-member', ['member']), query });
  await page.waitForText('十一月主题党日');
  await page.waitForText('扫码签到');
  await page.waitForText('输入数字签到码');
  expect(page.text()).toContain('清空');
  expect(page.text()).not.toContain('输入签到码');
  expect(page.cloudCalls.some((c) => (c.data as { action: string }).action === 'liveCode')).toBe(false);
});
