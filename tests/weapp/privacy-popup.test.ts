/**
 * The privacy popup in the real WeChat build (dist/weapp), on the wish posting page, with
 * WeChat's privacy APIs played by the test as documented: tapping 添加图片 does not open the
 * photo picker but makes WeChat ask (requirePrivacyAuthorize → onNeedPrivacyAuthorization); the
 * popup shows with an `open-type="agreePrivacyAuthorization"` button; its agree event answers
 * `resolve({ event: 'agree', buttonId })` with that button's id, and only then is chooseMedia
 * called. 拒绝 answers `disagree` and chooseMedia is never called.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type CloudCall, type LoadedPage, loadTaroPage, WEAPP_DIST } from './load-taro-page';

const PAGE = 'packages/wish/pages/post/index';

jest.setTimeout(30_000);

const me = {
  registered: true,
  profile: { id: 'u-1', name: '张秀英', phone: null, avatarUrl: null },
  roles: [
    {
      id: 'role-resident',
      userId: 'u-1',
      kind: 'resident',
      communityId: 'comm-1',
      estateId: 'est-1',
      buildingId: 'b-1',
      householdId: 'h-1',
      councilId: null,
      councilKind: null,
      position: null,
      workUnitId: null,
      memberType: null,
      scopeLabel: '幸福里小区1号楼1-102',
      grantedAt: '2026-11-01T00:00:00.000Z',
    },
  ],
  bindings: [],
};

function cloud(call: CloudCall): unknown {
  const { action } = call.data as { action?: string };
  if (call.name === 'account' && action === 'me') return { ok: true, data: me };
  return { ok: false, error: { code: 'NOT_FOUND', reason: 'test.unplayed', message: '未模拟' } };
}

interface PrivacyWx {
  answers: unknown[];
  chooseMediaCalls: number;
}

function withPrivacyApis(state: PrivacyWx) {
  return (wx: Record<string, unknown>) => {
    let agreed = false;
    let listener: ((resolve: (a: { event: string; buttonId?: string }) => void, info: unknown) => void) | null = null;
    wx.getPrivacySetting = (o: { success: (r: unknown) => void }) =>
      o.success({ needAuthorization: !agreed, privacyContractName: '《红色邻里小程序隐私保护指引》' });
    wx.onNeedPrivacyAuthorization = (l: typeof listener) => {
      listener = l;
    };
    wx.requirePrivacyAuthorize = (o: { success: () => void; fail: (e: unknown) => void }) => {
      if (agreed) return o.success();
      listener!(
        (answer) => {
          state.answers.push(answer);
          if (answer.event === 'agree') {
            agreed = true;
            o.success();
          } else if (answer.event === 'disagree') o.fail({ errMsg: 'privacy permission is not authorized' });
        },
        { referrer: 'requirePrivacyAuthorize' },
      );
    };
    wx.chooseMedia = (o: { success?: (r: unknown) => void }) => {
      state.chooseMediaCalls += 1;
      const res = { tempFiles: [], type: 'image', errMsg: 'chooseMedia:ok' };
      o.success?.(res);
      return Promise.resolve(res);
    };
  };
}

function only(page: LoadedPage, text: string): HTMLElement {
  const found = page.findAllByText(text);
  if (found.length !== 1) throw new Error(`expected one "${text}", found ${found.length}: ${page.text()}`);
  return found[0]!;
}

/** The node Taro sent to the page's template for the element with this id (its `uid`). */
function renderedNode(page: LoadedPage, uid: string): Record<string, unknown> | undefined {
  const data = (page.dom as HTMLElement & { __wxElement?: { data?: unknown } }).__wxElement?.data;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if ((node as { uid?: unknown }).uid === uid) return node as Record<string, unknown>;
    stack.push(...Object.values(node));
  }
  return undefined;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

let page: LoadedPage | undefined;
afterEach(() => page?.close());

test('添加图片 asks first; the agree button answers with its own id, then the picker opens', async () => {
  const state: PrivacyWx = { answers: [], chooseMediaCalls: 0 };
  page = loadTaroPage(PAGE, { cloud, setupWx: withPrivacyApis(state) });
  await page.waitForText('添加图片');
  expect(page.text()).not.toContain('隐私保护提示');

  page.tap(only(page, '添加图片'));
  await page.waitForText('隐私保护提示');
  expect(page.text()).toContain('《红色邻里小程序隐私保护指引》');
  expect(state.chooseMediaCalls).toBe(0);

  const agree = only(page, '同意').closest('wx-button') as HTMLElement;
  const buttonId = (agree as HTMLElement & { __wxElement?: { id?: string } }).__wxElement?.id;
  expect(buttonId).toMatch(/^privacy-agree-\d+$/);
  // Taro passes the button's open-type as `p11` of its node (base.wxml: open-type="{{i.p11}}").
  expect(renderedNode(page, buttonId!)).toMatchObject({ p11: 'agreePrivacyAuthorization' });
  expect(fs.readFileSync(path.join(WEAPP_DIST, 'base.wxml'), 'utf8')).toMatch(
    /<button[^>]*open-type="\{\{i\.p11\}\}"[^>]*bindagreeprivacyauthorization="eh"/,
  );
  expect(state.answers).toEqual([{ event: 'exposureAuthorization' }]);

  page.trigger(agree, 'agreeprivacyauthorization');
  await settle();
  expect(state.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId }]);
  expect(state.chooseMediaCalls).toBe(1);
  expect(page.text()).not.toContain('隐私保护提示');
});

test('拒绝 closes the popup and the picker is never opened', async () => {
  const state: PrivacyWx = { answers: [], chooseMediaCalls: 0 };
  page = loadTaroPage(PAGE, { cloud, setupWx: withPrivacyApis(state) });
  await page.waitForText('添加图片');
  page.tap(only(page, '添加图片'));
  await page.waitForText('隐私保护提示');
  page.tap(only(page, '拒绝').closest('wx-button') as HTMLElement);
  await settle();
  expect(state.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  expect(state.chooseMediaCalls).toBe(0);
  expect(page.text()).not.toContain('隐私保护提示');
});
