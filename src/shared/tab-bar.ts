/**
 * The tab bar the WeChat build draws itself (src/custom-tab-bar, docs/adr/0035-elder-mode.md):
 * WeChat's native tab bar keeps its own small text whatever the page does (`setTabBarStyle` sets
 * colours only), so with `tabBar.custom` the app renders it, sized by fs()/tap() like every
 * other screen. This module is its state, shared by every tab page's instance of it (WeChat
 * creates one per tab page): which tab is current and each tab's badge.
 *
 * - `TAB_ITEMS` repeats src/app.config.ts's `tabBar.list` (the weapp test checks they agree):
 *   WeChat still needs the full list there to know which pages are tabs.
 * - A tab page calls `useTabBarPage()`; when it shows, its tab becomes the current one.
 * - `setTabBadge` also calls Taro's badge API, which is what H5's own tab bar shows (H5 keeps
 *   Taro's tab bar; with a custom tab bar WeChat's badge APIs fail, quietly).
 */
import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { TAB_ITEMS } from './tab-items';

export { TAB_ITEMS, type TabItem } from './tab-items';

export interface TabBarState {
  selected: number;
  /** Badge text by tab index; absent: no badge. */
  badges: Readonly<Record<number, string>>;
}

let state: TabBarState = { selected: 0, badges: {} };
const listeners = new Set<(next: TabBarState) => void>();

function update(next: TabBarState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

/** The tab of a page path (`/pages/wish/index`, as Taro's router gives it); -1 when not a tab. */
export function tabIndexOf(path: string | undefined): number {
  return TAB_ITEMS.findIndex((item) => `/${item.pagePath}` === path);
}

export function selectTab(index: number): void {
  if (index < 0 || index === state.selected) return;
  update({ ...state, selected: index });
}

/** Shows (text) or removes (null) a tab's badge, on the custom tab bar and Taro's own. */
export function setTabBadge(index: number, text: string | null): void {
  const badges = { ...state.badges };
  if (text) badges[index] = text;
  else delete badges[index];
  update({ ...state, badges });
  try {
    const done = text ? Taro.setTabBarBadge({ index, text }) : Taro.removeTabBarBadge({ index });
    void Promise.resolve(done).catch(() => undefined);
  } catch {
    // "not TabBar page", or a custom tab bar in WeChat: the badge above is what shows.
  }
}

/** For a tab page: when it shows, its tab is the current one. */
export function useTabBarPage(): void {
  useDidShow(() => selectTab(tabIndexOf(Taro.getCurrentInstance().router?.path)));
}

/** The tab bar's state, re-rendering when it changes. */
export function useTabBarState(): TabBarState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    setCurrent(state);
    listeners.add(setCurrent);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
}
