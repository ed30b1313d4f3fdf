export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '红色邻里',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
});
