/** Where the deliberation pages live (the tab in the main package, the rest in its subpackage). */
const ROOT = '/packages/deliberation/pages';

export const deliberationUrls = {
  tab: '/pages/deliberation/index',
  mineTab: '/pages/mine/index',
  topic: (id: string) => `${ROOT}/topic/index?id=${encodeURIComponent(id)}`,
  open: `${ROOT}/open/index`,
};
