/**
 * The message centre's pure rules (no Taro, so unit tests run them in Node): how a message's
 * link is opened, what the tab-bar badge says, and the Chinese name of each message kind.
 */
import type { MessageKind } from '~types/notifications';

/** The tab pages, in tab-bar order (src/app.config.ts); a tab can only be opened with switchTab. */
export const TAB_PAGES = [
  '/pages/index/index',
  '/pages/wish/index',
  '/pages/volunteer/index',
  '/pages/deliberation/index',
  '/pages/mine/index',
] as const;

/** The 我的 tab, which carries the unread badge. */
export const MINE_TAB_INDEX = TAB_PAGES.indexOf('/pages/mine/index');

export const MESSAGES_URL = '/packages/messages/pages/index/index';

export interface LinkTarget {
  method: 'switchTab' | 'navigateTo';
  url: string;
}

/**
 * How to open a message's link: a tab page with switchTab (which takes no query, so it is
 * dropped), any other app page with navigateTo. Null when there is nothing to open: no link,
 * or something that is not an app page path (a web address, say).
 */
export function linkTarget(link: string | null | undefined): LinkTarget | null {
  const raw = link?.trim();
  if (!raw || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) return null;
  const url = raw.startsWith('/') ? raw : `/${raw}`;
  const path = url.split(/[?#]/)[0] ?? url;
  if (path === '/') return null;
  if ((TAB_PAGES as readonly string[]).includes(path)) return { method: 'switchTab', url: path };
  return { method: 'navigateTo', url };
}

/** The badge text for an unread count: null (no badge) at 0, "99+" above 99. */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null;
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

export const messageKindLabels: Record<MessageKind, string> = {
  account: '账户',
  checkin: '报到',
  points: '积分',
  wish: '心愿',
  activity: '志愿',
  topic: '议事',
  system: '系统',
};
