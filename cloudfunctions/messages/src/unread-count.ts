/**
 * messages.unreadCount — how many of the caller's messages are unread (the tab bar badge).
 * Invariants: one count on the (userId, read) index after the caller lookup; writes only what
 * is owed to the caller, delivered first so the count includes it (owed.ts: at most four requests).
 */
import type { UnreadCount, UnreadCountInput } from '../../../types/messages';
import type { Ctx } from '../../_shared/context';
import { unreadOf } from './caller';
import { callerDelivered } from './owed';

export async function unreadCount({ ctx }: { ctx: Ctx; input: UnreadCountInput }): Promise<UnreadCount> {
  const userId = await callerDelivered(ctx);
  return { unread: userId ? await unreadOf(ctx, userId) : 0 };
}
