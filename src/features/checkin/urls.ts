/** The pages of the check-in feature (subpackage packages/checkin), and their query strings. */
export const CHECKIN_ROOT = '/packages/checkin/pages';

export function eventUrl(eventId: string, communityId: string): string {
  return `${CHECKIN_ROOT}/event/index?id=${encodeURIComponent(eventId)}&communityId=${encodeURIComponent(communityId)}`;
}

export function checkinPageUrl(page: 'index' | 'register' | 'events' | 'event-form', communityId?: string | null) {
  return `${CHECKIN_ROOT}/${page}/index${communityId ? `?communityId=${encodeURIComponent(communityId)}` : ''}`;
}

export const POINTS_URL = '/packages/points/pages/mine/index';
export const SERVICE_CARDS_URL = '/packages/points/pages/service-cards/index';
export const ADMIN_ROOT = '/packages/admin/pages';
export const BIND_URL = '/packages/account/pages/bind/index';
