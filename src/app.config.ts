export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/wish/index',
    'pages/volunteer/index',
    'pages/deliberation/index',
    'pages/mine/index',
  ],
  // Everything that is not a tab lives in a subpackage, so the main package stays small.
  subPackages: [
    { root: 'packages/account', pages: ['pages/bind/index', 'pages/privacy/index'] },
    { root: 'packages/proxy', pages: ['pages/act/index', 'pages/consents/index', 'pages/refuse/index'] },
    {
      root: 'packages/admin',
      pages: [
        'pages/binding-review/index',
        'pages/org/index',
        'pages/people/index',
        'pages/audit/index',
        'pages/registration-review/index',
        'pages/points-rules/index',
        'pages/quarter-report/index',
        'pages/ratings/index',
        'pages/member-ledger/index',
      ],
    },
    {
      root: 'packages/checkin',
      pages: [
        'pages/index/index',
        'pages/register/index',
        'pages/events/index',
        'pages/event-form/index',
        'pages/event/index',
      ],
    },
    { root: 'packages/points', pages: ['pages/mine/index', 'pages/service-cards/index'] },
    {
      root: 'packages/wish',
      pages: ['pages/detail/index', 'pages/post/index', 'pages/mine/index', 'pages/review/index'],
    },
    {
      root: 'packages/volunteer',
      pages: ['pages/detail/index', 'pages/form/index', 'pages/organiser/index', 'pages/hours/index'],
    },
    { root: 'packages/deliberation', pages: ['pages/topic/index', 'pages/open/index'] },
    // The chart library (F2) is only imported here, so it never weighs on the main package.
    { root: 'packages/dashboard', pages: ['pages/index/index'] },
    { root: 'packages/messages', pages: ['pages/index/index'] },
  ],
  tabBar: {
    // WeChat draws our own tab bar (src/custom-tab-bar), which follows 长辈模式 and the WeChat font
    // size; the native one cannot (docs/adr/0035-elder-mode.md). H5 keeps Taro's tab bar: Taro's
    // H5 has no custom one, and would show none. The list stays complete: WeChat reads the tab
    // pages from it (src/shared/tab-bar.ts repeats it for the custom bar).
    custom: process.env.TARO_ENV === 'weapp',
    // #666 on white is 5.7:1 (≥ 4.5:1, 适老化); #8a8a8a was 3.5:1.
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/wish/index',
        text: '心愿',
        iconPath: 'assets/tabbar/wish.png',
        selectedIconPath: 'assets/tabbar/wish-active.png',
      },
      {
        pagePath: 'pages/volunteer/index',
        text: '志愿',
        iconPath: 'assets/tabbar/volunteer.png',
        selectedIconPath: 'assets/tabbar/volunteer-active.png',
      },
      {
        pagePath: 'pages/deliberation/index',
        text: '议事',
        iconPath: 'assets/tabbar/deliberation.png',
        selectedIconPath: 'assets/tabbar/deliberation-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
  // WeChat's privacy check (on for everyone since 2023-10-17; explicit here, ADR 0020): our popup
  // answers wx.onNeedPrivacyAuthorization, see src/shared/privacy.
  __usePrivacyCheck__: true,
  window: {
    // WeChat's own bar (title, native back). In H5 Taro draws its bar only when this is set
    // explicitly: the page's title, and a back (or, opened directly, a home) button; see
    // src/shared/navigation-bar.h5.ts.
    navigationStyle: 'default',
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '红色邻里',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
});
