/**
 * The five tabs, as src/app.config.ts's `tabBar.list` declares them (tests/weapp/elder-mode.test.ts
 * checks they agree), for the WeChat build's custom tab bar (src/custom-tab-bar). No Taro here,
 * so tests read it in Node.
 */
export interface TabItem {
  /** As in app.config.ts, without the leading slash. */
  pagePath: string;
  text: string;
  iconPath: string;
  selectedIconPath: string;
}

export const TAB_ITEMS: readonly TabItem[] = [
  ['pages/index/index', '首页', 'home'],
  ['pages/wish/index', '心愿', 'wish'],
  ['pages/volunteer/index', '志愿', 'volunteer'],
  ['pages/deliberation/index', '议事', 'deliberation'],
  ['pages/mine/index', '我的', 'mine'],
].map(([pagePath, text, icon]) => ({
  pagePath: pagePath!,
  text: text!,
  iconPath: `assets/tabbar/${icon}.png`,
  selectedIconPath: `assets/tabbar/${icon}-active.png`,
}));
