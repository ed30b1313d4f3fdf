/**
 * The app's one privacy gate (gate.ts) on this platform's APIs (platform.ts in WeChat,
 * platform.h5.ts in the browser). app.ts calls `installPrivacy()` at launch; the guarded APIs
 * (guarded.ts) await `ensurePrivacyAgreed()`; <PrivacyPopup /> renders the gate's view.
 */
import Taro from '@tarojs/taro';
import { createPrivacyGate } from './gate';
import { createPrivacyPlatform } from './platform';

export { PRIVACY_REFUSED_MESSAGE, PrivacyRefusedError, type PrivacyState, type PrivacyView } from './gate';

/** Our own page with the full 隐私保护指引 (packages/account/pages/privacy). */
export const PRIVACY_PAGE_URL = '/packages/account/pages/privacy/index';

const platform = createPrivacyPlatform();

export const privacyGate = createPrivacyGate(platform);

/** At launch: listen for wx.onNeedPrivacyAuthorization and read wx.getPrivacySetting. */
export function installPrivacy(): void {
  void privacyGate.start();
}

/** Resolves when privacy-bound APIs may be called; rejects with PrivacyRefusedError on 拒绝. */
export function ensurePrivacyAgreed(): Promise<void> {
  return privacyGate.ensureAgreed();
}

/** The full text: WeChat's own page for the guideline when it can show it, else ours. */
export async function openPrivacyText(): Promise<void> {
  if (await platform.openContract()) return;
  await Taro.navigateTo({ url: PRIVACY_PAGE_URL });
}
