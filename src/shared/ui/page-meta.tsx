/**
 * 长辈模式 and the WeChat font size in the WeChat build (docs/adr/0035-elder-mode.md): a page has
 * no document there, so the two CSS variables the stylesheets read (`--elder`, `--text-scale`,
 * src/shared/display-mode.ts) go on the page's root through `<page-meta page-style>`. Every page
 * renders this first (WeChat: page-meta must be the page's first node) and enables it in its
 * config (`enablePageMeta: true`, which makes Taro emit the page-meta template). It re-renders
 * when the mode changes, so a page already open follows the switch in 我的.
 *
 * Taro's page-meta template always carries a `<navigation-bar>`; left without attributes it would
 * blank the page's title and turn the red bar white. So it is given the title of the page's own
 * config (`navigationBarTitleText`, read once when the page loads) and the app's bar colours.
 * A tab page (`tabPage`) also gets room at its bottom for the custom tab bar (src/custom-tab-bar),
 * which is fixed over the page and as tall as its tabs (tap(100px) and 16 design px of padding)
 * and the phone's safe area. The H5 build uses page-meta.h5.tsx (nothing: there the variables sit
 * on <html>, and Taro's own tab bar takes its room).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { NavigationBar, PageMeta } from '@tarojs/components';
import { currentDisplayVars, displayStyle, useDisplayMode } from '@/shared/display-mode';

/** The app's navigation bar (src/app.config.ts `window`): white title on Party red. */
export const NAVIGATION_BAR = { frontColor: '#ffffff', backgroundColor: '#c8102e' } as const;
/** The app's own title, for a page whose config names none. */
export const APP_TITLE = '红色邻里';

function pageTitle(): string {
  const config = Taro.getCurrentInstance().page?.config as { navigationBarTitleText?: unknown } | undefined;
  const title = config?.navigationBarTitleText;
  return typeof title === 'string' && title.trim() ? title : APP_TITLE;
}

/** Inline, so in rpx (pxtransform converts stylesheets only): the custom tab bar's height. */
const TAB_BAR_ROOM = 'padding-bottom:calc(max(100rpx,120rpx*var(--elder,0)) + 16rpx + env(safe-area-inset-bottom))';

export function DisplayPageMeta({ tabPage = false }: { tabPage?: boolean }) {
  useDisplayMode();
  const [title] = useState(pageTitle);
  const style = displayStyle(currentDisplayVars());
  return (
    <PageMeta pageStyle={tabPage ? `${style};${TAB_BAR_ROOM}` : style}>
      <NavigationBar
        title={title}
        frontColor={NAVIGATION_BAR.frontColor}
        backgroundColor={NAVIGATION_BAR.backgroundColor}
      />
    </PageMeta>
  );
}
