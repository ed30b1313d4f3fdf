/** The pages of the volunteer feature (tab page + subpackage packages/volunteer). */
export const VOLUNTEER_TAB = '/pages/volunteer/index';
const ROOT = '/packages/volunteer/pages';
const q = encodeURIComponent;

export const volunteerUrls = {
  detail: (id: string) => `${ROOT}/detail/index?id=${q(id)}`,
  publish: (communityId: string) => `${ROOT}/form/index?communityId=${q(communityId)}`,
  edit: (id: string) => `${ROOT}/form/index?id=${q(id)}`,
  organiser: (id: string) => `${ROOT}/organiser/index?id=${q(id)}`,
  hours: (communityId: string) => `${ROOT}/hours/index?communityId=${q(communityId)}`,
};
