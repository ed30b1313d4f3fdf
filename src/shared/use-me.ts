/**
 * Who the caller is (account.me) and the community they belong to — for screens opened from
 * 首页 or 我的 that need the caller's roles. A `communityId` page parameter, when present,
 * wins over the one read from the roles.
 */
import { call } from '@/services/cloud';
import { pageParam } from './page-params';
import { communityOf } from './roles';
import { useAsync } from './use-async';

export function useMe() {
  const me = useAsync(() => call('account', 'me', {}), []);
  const communityId = pageParam('communityId') ?? (me.data ? communityOf(me.data.roles) : null);
  return { me, communityId };
}
