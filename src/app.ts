import { type PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { installNavigationBar } from '@/shared/navigation-bar';
import { applyDisplayMode, installElderToasts } from '@/shared/display-mode';
import { installPrivacy } from '@/shared/privacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ ...(CLOUD_ENV_ID ? { env: CLOUD_ENV_ID } : {}), traceUser: true });
    }
    // Before any page can call a privacy-bound API: listen for WeChat's ask, read the setting.
    installPrivacy();
    // H5: name the navigation bar's back / home buttons (WeChat has its own bar).
    installNavigationBar();
    // In 长辈模式 toasts stay long enough to read (docs/adr/0035-elder-mode.md).
    installElderToasts();
  });
  // 长辈模式 and the WeChat font size, before the first page paints (H5; weapp: <page-meta>).
  applyDisplayMode();
  return children;
}

export default App;
