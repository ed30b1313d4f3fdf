/**
 * The privacy gate's platform in the browser (local mode). There is no WeChat to ask, so by
 * default everything counts as agreed and nothing is shown. For trying the popup (and for the
 * browser test), `localStorage['hongse.privacy.simulate'] = '1'` makes this stand-in behave as
 * WeChat does for someone who has not agreed yet: requirePrivacyAuthorize raises the listener,
 * 同意 is remembered in localStorage, 拒绝 fails the call. Taro uses this file instead of
 * platform.ts in the h5 build.
 */
// Not from './platform': in the h5 build that name resolves to this very file.
import type { PrivacyPlatform, PrivacyResolve } from './gate';

export const SIMULATE_KEY = 'hongse.privacy.simulate';
export const AGREED_KEY = 'hongse.privacy.agreed';

function read(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: the agreement lasts for this page only.
  }
}

const needsAgreement = () => read(SIMULATE_KEY) === '1' && read(AGREED_KEY) !== '1';

export function createPrivacyPlatform(): PrivacyPlatform {
  let listener: ((resolve: PrivacyResolve, referrer: string) => void) | null = null;
  return {
    readSetting: () => Promise.resolve({ needAuthorization: needsAgreement(), contractName: null }),
    listen(l) {
      listener = l;
    },
    require() {
      if (!needsAgreement() || !listener) return Promise.resolve();
      const ask = listener;
      return new Promise<void>((resolve, reject) =>
        ask((answer) => {
          if (answer.event === 'agree') {
            remember(AGREED_KEY, '1');
            resolve();
          } else if (answer.event === 'disagree') {
            reject(new Error('requirePrivacyAuthorize:fail privacy permission is not authorized'));
          }
        }, 'requirePrivacyAuthorize'),
      );
    },
    openContract: () => Promise.resolve(false),
  };
}
