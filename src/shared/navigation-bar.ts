/**
 * The WeChat build has WeChat's own navigation bar (each page's title, the native back
 * button), so there is nothing to install. Taro uses navigation-bar.h5.ts in the h5 build.
 */
export function installNavigationBar(): void {}
