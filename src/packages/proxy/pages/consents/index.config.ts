export default definePageConfig({ navigationBarTitleText: '我的代办授权' });
