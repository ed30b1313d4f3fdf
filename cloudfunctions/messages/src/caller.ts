/**
 * The caller's user id, from the OPENID of the call (one read). Invariants: anonymous calls are
 * UNAUTHENTICATED; a WeChat user without a profile has no messages (null), which is not an error.
 */
import { requireOpenid } from '../../_shared/auth';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';

export async function callerUserId(ctx: Ctx): Promise<string | null> {
  const openid = requireOpenid(ctx);
  const res = await ctx.db.collection(Collections.users).where({ openid }).field({ _id: true }).limit(1).get();
  return ((res.data ?? []) as Pick<UserDoc, '_id'>[])[0]?._id ?? null;
}

/** Unread messages of a user: one count on the (userId, read) index. */
export async function unreadOf(ctx: Ctx, userId: string): Promise<number> {
  const res = await ctx.db.collection(Collections.messages).where({ userId, read: false }).count();
  return res.total ?? 0;
}
