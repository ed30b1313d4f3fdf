/**
 * The page-level gate: a page wraps its screen in `<NeedGate need=…>` and a person who cannot
 * use it yet sees the shared lead (need-view.tsx) that says what is needed and goes there,
 * never a bare error.
 * - `sign-in`: someone must be signed in. In the local demo that is a chosen persona, known
 *   without asking the server; anywhere, account.me refused as UNAUTHENTICATED.
 * - `community`: also registered and belonging to a community (a bound household or any role
 *   in one); read from account.me, so only inside a MeProvider.
 * The screen is rendered while account.me loads (its own loads start at once); it is replaced
 * by the lead only when account.me says a step is missing. Any refusal account.me gives that
 * `needOf` maps (call-failure.ts) leads the same way.
 */
import type { ReactNode } from 'react';
import { needOf } from '@/services/call-failure';
import { useCurrentUserIfAny } from '../current-user';
import { getLocalOpenid } from '../local-identity';
import { communityOf } from '../roles';
import { NeedView } from './need-view';

export type PageNeed = 'sign-in' | 'community';

export function NeedGate({ need, children }: { need: PageNeed; children: ReactNode }) {
  const me = useCurrentUserIfAny();
  if (LOCAL_MODE && !getLocalOpenid()) return <NeedView need='sign-in' />;
  const refused = me?.error && !me.data ? needOf(me.error) : null;
  if (refused) {
    const said = refused !== 'sign-in' && me?.error instanceof Error ? me.error.message : undefined;
    return <NeedView need={refused} message={said} />;
  }
  if (need === 'community' && me?.data) {
    if (!me.data.registered || !me.data.profile) return <NeedView need='profile' />;
    if (!communityOf(me.data.roles)) return <NeedView need='bind' />;
  }
  return <>{children}</>;
}
