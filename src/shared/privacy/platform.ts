/**
 * The privacy gate's platform in WeChat: the real wx.getPrivacySetting,
 * wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize and wx.openPrivacyContract (base
 * library 2.32.3+). They are looked up on `wx` itself: a base library without them does not
 * check privacy at all, so the gate then counts as agreed. platform.h5.ts replaces this file in
 * the browser build.
 */
import type { PrivacyPlatform, PrivacyResolve } from './gate';

interface Callbacks<T> {
  success?: (res: T) => void;
  fail?: (err: unknown) => void;
}

interface WxPrivacyApi {
  getPrivacySetting?: (o: Callbacks<{ needAuthorization: boolean; privacyContractName?: string }>) => void;
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve, info?: { referrer?: string }) => void) => void;
  requirePrivacyAuthorize?: (o: Callbacks<unknown>) => void;
  openPrivacyContract?: (o: Callbacks<unknown>) => void;
}

declare const wx: WxPrivacyApi | undefined;

function wxApi(): WxPrivacyApi {
  return typeof wx === 'undefined' || !wx ? {} : wx;
}

export function createPrivacyPlatform(api: () => WxPrivacyApi = wxApi): PrivacyPlatform {
  return {
    readSetting() {
      const w = api();
      if (typeof w.getPrivacySetting !== 'function') {
        return Promise.resolve({ needAuthorization: false, contractName: null });
      }
      return new Promise((resolve, reject) =>
        w.getPrivacySetting!({
          success: (res) =>
            resolve({ needAuthorization: res.needAuthorization, contractName: res.privacyContractName || null }),
          fail: reject,
        }),
      );
    },
    listen(listener) {
      const w = api();
      if (typeof w.onNeedPrivacyAuthorization !== 'function') return;
      w.onNeedPrivacyAuthorization((resolve, info) => listener(resolve, info?.referrer ?? ''));
    },
    require() {
      const w = api();
      if (typeof w.requirePrivacyAuthorize !== 'function') return Promise.resolve();
      return new Promise((resolve, reject) =>
        w.requirePrivacyAuthorize!({ success: () => resolve(), fail: (err) => reject(err) }),
      );
    },
    openContract() {
      const w = api();
      if (typeof w.openPrivacyContract !== 'function') return Promise.resolve(false);
      return new Promise((resolve) =>
        w.openPrivacyContract!({ success: () => resolve(true), fail: () => resolve(false) }),
      );
    },
  };
}
