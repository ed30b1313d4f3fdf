/**
 * WeChat build: room at the bottom of a tab page for the custom tab bar (src/custom-tab-bar),
 * which is fixed over the page and as tall as 长辈模式 makes it. H5 uses tab-bar-spacer.h5.tsx
 * (nothing: Taro's own tab bar takes its room).
 */
import { View } from '@tarojs/components';
import './tab-bar-spacer.scss';

export function TabBarSpacer() {
  return <View className='tab-bar-spacer' aria-hidden />;
}
