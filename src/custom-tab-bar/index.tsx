/**
 * The WeChat build's tab bar (`tabBar.custom` in src/app.config.ts, weapp only): the same five
 * tabs, icons and colours as the native one, but its text and tap targets follow the WeChat font
 * size and 长辈模式 like every screen (docs/adr/0035-elder-mode.md). It is a custom component,
 * outside any page's <page-meta>, so it carries the display variables on its own root and
 * re-renders when the mode changes. State (current tab, badges) is src/shared/tab-bar.ts.
 * H5 keeps Taro's own tab bar (restyled in app.scss); Taro's H5 has no custom tab bar.
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { currentDisplayVars, displayStyle, useDisplayMode } from '@/shared/display-mode';
import { TAB_ITEMS, selectTab, useTabBarState } from '@/shared/tab-bar';
import './index.scss';

export default function CustomTabBar() {
  useDisplayMode();
  const { selected, badges } = useTabBarState();
  const open = (index: number) => {
    selectTab(index);
    void Taro.switchTab({ url: `/${TAB_ITEMS[index]!.pagePath}` }).catch(() => undefined);
  };
  return (
    <View className='tab-bar' style={displayStyle(currentDisplayVars())} role='tablist'>
      {TAB_ITEMS.map((item, index) => {
        const active = index === selected;
        const badge = badges[index];
        return (
          <View
            key={item.pagePath}
            className={`tab-bar__item${active ? ' is-active' : ''}`}
            role='tab'
            aria-selected={active}
            onClick={() => open(index)}
          >
            <View className='tab-bar__icon-box'>
              <Image className='tab-bar__icon' src={`/${active ? item.selectedIconPath : item.iconPath}`} />
              {badge ? <Text className='tab-bar__badge'>{badge}</Text> : null}
            </View>
            <Text className='tab-bar__label'>{item.text}</Text>
          </View>
        );
      })}
    </View>
  );
}
