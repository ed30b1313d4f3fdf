/** Where the wish pages live (the tab in the main package, the rest in the wish subpackage). */
const ROOT = '/packages/wish/pages';

export const wishUrls = {
  wall: '/pages/wish/index',
  mineTab: '/pages/mine/index',
  detail: (id: string) => `${ROOT}/detail/index?id=${encodeURIComponent(id)}`,
  post: `${ROOT}/post/index`,
  mine: (as: 'poster' | 'claimer') => `${ROOT}/mine/index?as=${as}`,
  review: (communityId: string) => `${ROOT}/review/index?communityId=${encodeURIComponent(communityId)}`,
};
