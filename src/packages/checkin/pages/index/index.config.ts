export default definePageConfig({ navigationBarTitleText: '双报到', enablePullDownRefresh: true });
