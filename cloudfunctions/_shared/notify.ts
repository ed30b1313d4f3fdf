/**
 * Telling a person something: one in-app message (the message list, both modes) and, when a
 * template is given, a WeChat subscription message (through `openApi()`; on CloudBase: to the phone, if the person
 * consented; locally: into the emulator's outbox). Invariants: the message's `_id` is the
 * caller's idempotency key, so a retried action does not notify twice; a failed subscription
 * send never fails the action (the in-app message is the record).
 */
import { subscriptionTemplates, type MessageKind, type TemplateKey } from '../../types/notifications';
import type { Ctx } from './context';
import { openApi } from './open-api';

export const MESSAGES = 'messages';

export interface MessageDoc {
  _id: string;
  userId: string;
  communityId: string | null;
  kind: MessageKind;
  title: string;
  body: string;
  /** A page path in the app to open, e.g. `/packages/wish/pages/detail/index?id=…`. */
  link: string | null;
  read: boolean;
  createdAt: Date;
}

export interface Notification {
  /** Idempotency key, e.g. `wish-claimed:<wishId>:<claimId>`. */
  key: string;
  userId: string;
  communityId: string | null;
  kind: MessageKind;
  title: string;
  body: string;
  link: string | null;
  /** Also send this subscription message to the person's WeChat (needs their openid). */
  subscription?: { template: TemplateKey; openid: string; data: Record<string, string> };
}

function isDuplicate(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'DATABASE_DUPLICATE_WRITE';
}

/**
 * The in-app message `notify` adds for `n`. A verb may add it inside the transaction of the act
 * it reports (its `_id` then guards the act: a second add of the key aborts the transaction),
 * and send the subscription message after the commit with `sendSubscription`.
 */
export function messageOf(ctx: Pick<Ctx, 'now'>, n: Notification): MessageDoc {
  return {
    _id: n.key,
    userId: n.userId,
    communityId: n.communityId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    read: false,
    createdAt: ctx.now(),
  };
}

/** Sends `n`'s subscription message, if it has one; a failed send is logged, never thrown. */
export async function sendSubscription(n: Notification): Promise<void> {
  if (!n.subscription) return;
  const template = subscriptionTemplates[n.subscription.template];
  try {
    const reply = await openApi().sendSubscribeMessage({
      touser: n.subscription.openid,
      templateId: template.id,
      ...(n.link ? { page: n.link } : {}),
      data: Object.fromEntries(Object.entries(n.subscription.data).map(([k, v]) => [k, { value: v.slice(0, 20) }])),
    });
    if (reply.errcode !== 0) console.warn('[notify] subscription message refused', n.key, reply.errcode);
  } catch (error) {
    console.warn('[notify] subscription message not sent', n.key, error);
  }
}

/** Returns false when this key was already notified. */
export async function notify(ctx: Ctx, n: Notification): Promise<boolean> {
  try {
    await ctx.db.collection(MESSAGES).add(messageOf(ctx, n));
  } catch (error) {
    if (isDuplicate(error)) return false;
    throw error;
  }
  await sendSubscription(n);
  return true;
}
