export default definePageConfig({
  // <page-meta> carries 长辈模式 in the WeChat build (src/shared/ui/page-meta.tsx).
  enablePageMeta: true,
  navigationBarTitleText: '撤销此代办',
});
