/**
 * Who the caller is (account.me), fetched once per page: the page wraps its screen in
 * `MeProvider`, and the screen and anything inside it read it with `useCurrentUser()` instead
 * of fetching account.me again. `communityId` is the community the caller belongs to; a
 * `communityId` page parameter, when present, wins over the one read from the roles.
 * `me.reload()` refreshes it for everyone on the page (after binding, after editing the profile).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { call } from '@/services/cloud';
import type { ActionResult } from '~types/actions';
import { pageParam } from './page-params';
import { communityOf } from './roles';
import { useAsync, type AsyncState } from './use-async';

export type Me = ActionResult<'account', 'me'>;

const CurrentUser = createContext<AsyncState<Me> | null>(null);

export function MeProvider({ children }: { children: ReactNode }) {
  const me = useAsync(() => call('account', 'me', {}), []);
  return <CurrentUser.Provider value={me}>{children}</CurrentUser.Provider>;
}

/** account.me when the page has a MeProvider, else null (for shared parts used on any page). */
export function useCurrentUserIfAny(): AsyncState<Me> | null {
  return useContext(CurrentUser);
}

export function useCurrentUser(): { me: AsyncState<Me>; communityId: string | null } {
  const me = useContext(CurrentUser);
  if (!me) throw new Error('useCurrentUser needs a MeProvider around the page');
  const communityId = pageParam('communityId') ?? (me.data ? communityOf(me.data.roles) : null);
  return { me, communityId };
}
