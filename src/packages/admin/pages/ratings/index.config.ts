export default definePageConfig({ navigationBarTitleText: '年度评议', enablePullDownRefresh: true });
