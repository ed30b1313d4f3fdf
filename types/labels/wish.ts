/**
 * The `wish` area's enum values and their Chinese labels, without zod: the app imports these
 * (client bundles carry no zod, docs/adr/0021-build-for-the-base-library.md); the schemas in
 * ../wish.ts are built from the same values.
 */
export const WISH_CATEGORIES = ['living', 'education', 'medical', 'elderly', 'other'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];
export const wishCategoryLabels: Record<WishCategory, string> = {
  living: '生活帮扶',
  education: '助学',
  medical: '助医',
  elderly: '助老',
  other: '其他',
};

export const WISH_STATES = [
  'submitted',
  'published',
  'rejected',
  'claimed',
  'fulfilled',
  'confirmed',
  'withdrawn',
  'expired',
] as const;
export type WishState = (typeof WISH_STATES)[number];
export const wishStateLabels: Record<WishState, string> = {
  submitted: '待审核',
  published: '已发布',
  rejected: '已驳回',
  claimed: '已认领',
  fulfilled: '已完成',
  confirmed: '已确认',
  withdrawn: '已撤回',
  expired: '已过期',
};
