/**
 * account.me — the caller's own profile, found by the OPENID of the call.
 * Invariants: needs an identity; reads one document; the caller sees their own phone in full.
 */
import type { MeResult } from '../../../types/account';
import type { Ctx } from '../../_shared/context';
import { requireOpenid } from '../../_shared/auth';
import { Collections } from '../../_shared/collections';

interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  phone?: string | null;
  avatarUrl?: string | null;
}

export async function getMe({ ctx }: { ctx: Ctx }): Promise<MeResult> {
  const openid = requireOpenid(ctx);
  const res = await ctx.db.collection(Collections.users).where({ openid }).limit(1).get();
  const user = (res.data as UserDoc[])[0];
  if (!user) return { registered: false, profile: null };
  return {
    registered: true,
    profile: {
      id: user._id,
      name: user.name,
      phone: user.phone ?? null,
      avatarUrl: user.avatarUrl ?? null,
    },
  };
}
