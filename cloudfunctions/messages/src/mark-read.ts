/**
 * messages.markRead — marks the caller's messages read: the given ids, or all of them.
 * Invariants: the update is conditional on `userId` = the caller (and `read: false`), so ids of
 * other people's messages match nothing and are silently ignored; idempotent (marking twice
 * updates 0 the second time); answers the new unread count.
 */
import type { MarkReadInput, MarkReadResult } from '../../../types/messages';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { callerUserId, unreadOf } from './caller';

export async function markRead({ ctx, input }: { ctx: Ctx; input: MarkReadInput }): Promise<MarkReadResult> {
  const userId = await callerUserId(ctx);
  if (!userId) return { updated: 0, unread: 0 };
  const _ = ctx.db.command;
  const where = 'ids' in input ? { userId, read: false, _id: _.in(input.ids) } : { userId, read: false };
  const res = await ctx.db.collection(Collections.messages).where(where).update({ read: true });
  return { updated: res.updated ?? 0, unread: await unreadOf(ctx, userId) };
}
