export default definePageConfig({
  navigationBarTitleText: '红色邻里',
  enablePullDownRefresh: true,
});
