/**
 * H5: nothing to render. The display variables sit on <html> (applyDisplayMode in
 * src/shared/display-mode.ts) and Taro's H5 build has no PageMeta; the WeChat build uses
 * page-meta.tsx.
 */
export const NAVIGATION_BAR = { frontColor: '#ffffff', backgroundColor: '#c8102e' } as const;
export const APP_TITLE = '红色邻里';

export function DisplayPageMeta(_: { tabPage?: boolean }) {
  return null;
}
