/**
 * The caller's unread message count, kept once for the whole app: the tab-bar badge on 我的,
 * the 消息中心 entry on 我的 and the 全部已读 button all read it. Every tab page calls
 * `useUnreadBadge()`, which asks the server again each time the page shows; the message centre
 * reports the count that marking read answers. Failures are silent: a badge is a hint, never
 * an error screen (not logged in clears it; other failures keep the last count).
 */
import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { call } from '@/services/cloud';
import { AppError } from '~types/errors';
import { setTabBadge } from '@/shared/tab-bar';
import { badgeText, MINE_TAB_INDEX } from './logic';

let current: number | null = null;
/** Bumped by every recorded count, so a slower, older answer cannot overwrite a newer one. */
let version = 0;
const listeners = new Set<(unread: number | null) => void>();

/** The badge on 我的: on the WeChat build's custom tab bar and on Taro's own (H5); never throws. */
function applyTabBadge(unread: number): void {
  setTabBadge(MINE_TAB_INDEX, badgeText(unread));
}

/** Records a count the server answered (e.g. by markRead) and updates the badge. */
export function setUnread(unread: number): void {
  current = unread;
  version += 1;
  applyTabBadge(unread);
  for (const listener of listeners) listener(unread);
}

/** Asks the server for the count; null when it could not be read. Never throws. */
export async function refreshUnread(): Promise<number | null> {
  const asked = version;
  try {
    const { unread } = await call('messages', 'unreadCount', {});
    if (version === asked) setUnread(unread);
    return unread;
  } catch (e) {
    if (e instanceof AppError && e.code === 'UNAUTHENTICATED' && version === asked) setUnread(0);
    return null;
  }
}

/** The last known unread count (null before the first answer), re-rendering when it changes. */
export function useUnreadCount(): number | null {
  const [unread, setState] = useState<number | null>(current);
  useEffect(() => {
    listeners.add(setState);
    setState(current);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return unread;
}

/** For the tab pages: refreshes the count (and so the 我的 badge) whenever the page shows. */
export function useUnreadBadge(): number | null {
  useDidShow(() => {
    void refreshUnread();
  });
  return useUnreadCount();
}
