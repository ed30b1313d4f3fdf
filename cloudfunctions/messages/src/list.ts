/**
 * messages.list — the caller's messages, newest first, paginated. Invariants: only messages whose
 * `userId` is the caller's (read on the user_time / user_read indexes); `limit + 1` documents
 * are read per page; writes only what is owed to the caller, delivered first (owed.ts: at most
 * four requests in all).
 */
import type { ListMessagesInput, Message, MessageList } from '../../../types/messages';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { MessageDoc } from '../../_shared/notify';
import { newestFirstPage } from '../../_shared/paging';
import { callerDelivered } from './owed';

export function toMessage(doc: MessageDoc): Message {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    link: doc.link,
    read: doc.read,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}

export async function list({ ctx, input }: { ctx: Ctx; input: ListMessagesInput }): Promise<MessageList> {
  const userId = await callerDelivered(ctx);
  if (!userId) return { items: [], nextCursor: null };
  const where = input.unreadOnly ? { userId, read: false } : { userId };
  const page = await newestFirstPage(ctx, Collections.messages, where, input);
  return { items: page.items.map(toMessage), nextCursor: page.nextCursor };
}
