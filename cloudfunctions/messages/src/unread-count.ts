/**
 * messages.unreadCount — how many of the caller's messages are unread (the tab bar badge).
 * Invariants: one count on the (userId, read) index after the caller lookup; writes nothing.
 */
import type { UnreadCount, UnreadCountInput } from '../../../types/messages';
import type { Ctx } from '../../_shared/context';
import { callerUserId, unreadOf } from './caller';

export async function unreadCount({ ctx }: { ctx: Ctx; input: UnreadCountInput }): Promise<UnreadCount> {
  const userId = await callerUserId(ctx);
  return { unread: userId ? await unreadOf(ctx, userId) : 0 };
}
