/**
 * The guarded APIs (src/shared/privacy/guarded.ts) over the WeChat platform adapter
 * (platform.ts) and a fake `wx` that answers as the privacy docs describe: nothing
 * privacy-bound reaches Taro before the person taps 同意; 拒绝 rejects with the Chinese message
 * and the API is never called; an old base library without the privacy APIs is not gated.
 * Each test loads a fresh module graph, so each has its own gate.
 */
import type * as PrivacyModule from '../../src/shared/privacy';
import type { PrivacyResolve } from '../../src/shared/privacy/gate';
import type * as GuardedModule from '../../src/shared/privacy/guarded';
import type * as UploadModule from '../../src/shared/upload-image';

const taro = {
  chooseMedia: jest.fn(),
  chooseMessageFile: jest.fn(),
  saveImageToPhotosAlbum: jest.fn(),
  navigateTo: jest.fn(),
  showToast: jest.fn(),
};
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: taro }));

type Privacy = typeof PrivacyModule;
type Guarded = typeof GuardedModule;

interface FakeWx {
  agreed: boolean;
  listener: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | null;
  getPrivacySetting: (o: { success: (r: { needAuthorization: boolean; privacyContractName: string }) => void }) => void;
  onNeedPrivacyAuthorization: (l: FakeWx['listener']) => void;
  requirePrivacyAuthorize: (o: { success: () => void; fail: (e: unknown) => void }) => void;
  openPrivacyContract?: (o: { success: () => void; fail: () => void }) => void;
}

function installWx(agreed: boolean): FakeWx {
  const wx: FakeWx = {
    agreed,
    listener: null,
    getPrivacySetting: (o) =>
      o.success({ needAuthorization: !wx.agreed, privacyContractName: '《红色邻里小程序隐私保护指引》' }),
    onNeedPrivacyAuthorization: (l) => {
      wx.listener = l;
    },
    requirePrivacyAuthorize: (o) => {
      if (wx.agreed) return o.success();
      wx.listener!(
        (answer) => {
          if (answer.event === 'agree') {
            wx.agreed = true;
            o.success();
          } else if (answer.event === 'disagree') {
            o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
          }
        },
        { referrer: 'requirePrivacyAuthorize' },
      );
    },
  };
  (globalThis as any).wx = wx;
  return wx;
}

function load(): { privacy: Privacy; guarded: Guarded } {
  let loaded!: { privacy: Privacy; guarded: Guarded };
  jest.isolateModules(() => {
    loaded = {
      privacy: require('../../src/shared/privacy') as Privacy,
      guarded: require('../../src/shared/privacy/guarded') as Guarded,
    };
  });
  return loaded;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  for (const fn of Object.values(taro)) fn.mockReset();
  taro.chooseMedia.mockResolvedValue({ tempFiles: [] });
  taro.chooseMessageFile.mockResolvedValue({ tempFiles: [] });
  taro.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'ok' });
});

afterEach(() => {
  delete (globalThis as any).wx;
});

test('nothing privacy-bound is called before 同意; after it, the waiting calls go ahead', async () => {
  installWx(false);
  const { privacy, guarded } = load();
  privacy.installPrivacy();
  const photos = guarded.chooseMedia({ count: 1, mediaType: ['image'] });
  const file = guarded.chooseMessageFile({ count: 1, type: 'file' });
  const save = guarded.saveImageToPhotosAlbum({ filePath: '/tmp/record.png' });
  await flush();
  expect(taro.chooseMedia).not.toHaveBeenCalled();
  expect(taro.chooseMessageFile).not.toHaveBeenCalled();
  expect(taro.saveImageToPhotosAlbum).not.toHaveBeenCalled();
  expect(privacy.privacyGate.view()).toMatchObject({ asking: true, contractName: '《红色邻里小程序隐私保护指引》' });

  privacy.privacyGate.agree('privacy-agree-1');
  await Promise.all([photos, file, save]);
  expect(taro.chooseMedia).toHaveBeenCalledWith({ count: 1, mediaType: ['image'] });
  expect(taro.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file' });
  expect(taro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: '/tmp/record.png' });
});

test('拒绝 rejects with the Chinese message and the API is never called', async () => {
  installWx(false);
  const { privacy, guarded } = load();
  const photos = guarded.chooseMedia({ count: 1 });
  await flush();
  privacy.privacyGate.disagree();
  await expect(photos).rejects.toThrow(privacy.PRIVACY_REFUSED_MESSAGE);
  expect(taro.chooseMedia).not.toHaveBeenCalled();
});

test('someone who agreed before is not asked again', async () => {
  installWx(true);
  const { privacy, guarded } = load();
  privacy.installPrivacy();
  await guarded.chooseMessageFile({ count: 1, type: 'file' });
  expect(taro.chooseMessageFile).toHaveBeenCalledTimes(1);
  expect(privacy.privacyGate.view()).toMatchObject({ state: 'agreed', asking: false });
});

test('a base library without the privacy APIs (before 2.32.3) does not gate anything', async () => {
  (globalThis as any).wx = {};
  const { guarded } = load();
  await guarded.chooseMedia({ count: 1 });
  expect(taro.chooseMedia).toHaveBeenCalledTimes(1);
});

test("the full text opens in WeChat's guideline page, or in ours when WeChat cannot show it", async () => {
  const wx = installWx(true);
  wx.openPrivacyContract = (o) => o.success();
  let { privacy } = load();
  await privacy.openPrivacyText();
  expect(taro.navigateTo).not.toHaveBeenCalled();

  wx.openPrivacyContract = (o) => o.fail();
  ({ privacy } = load());
  await privacy.openPrivacyText();
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/privacy/index' });
});

test('choosing photos after 拒绝 tells the person why nothing happened', async () => {
  installWx(false);
  let pick!: typeof UploadModule;
  let privacy!: Privacy;
  jest.isolateModules(() => {
    privacy = require('../../src/shared/privacy') as Privacy;
    pick = require('../../src/shared/upload-image') as typeof pick;
  });
  const result = pick.pickImages(3);
  await flush();
  privacy.privacyGate.disagree();
  expect(await result).toEqual({ images: [], refused: privacy.PRIVACY_REFUSED_MESSAGE });
  expect(taro.chooseMedia).not.toHaveBeenCalled();
});
