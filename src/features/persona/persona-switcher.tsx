/**
 * The WeChat build has no persona switcher: there the caller is the WeChat user. Taro uses
 * persona-switcher.h5.tsx in the local (h5) build instead of this file.
 */
export function PersonaSwitcher() {
  return null;
}
