/**
 * account.me — the caller's own profile, found by the OPENID of the call.
 * Invariants: needs an identity; the caller sees their own phone in full.
 * (Roles and bindings are filled in by the account-area work of issue 3.)
 */
import type { MeResult } from '../../../types/account';
import type { Ctx } from '../../_shared/context';
import { loadActor } from '../../_shared/actor';

export async function getMe({ ctx }: { ctx: Ctx }): Promise<MeResult> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  if (!user) return { registered: false, profile: null, roles: [], bindings: [] };
  return {
    registered: true,
    profile: { id: user._id, name: user.name, phone: user.phone ?? null, avatarUrl: user.avatarUrl ?? null },
    roles: [],
    bindings: [],
  };
}
