/** H5: Taro's own tab bar takes its room; the WeChat build uses tab-bar-spacer.tsx. */
export function TabBarSpacer() {
  return null;
}
