/**
 * Telling a person something: one in-app message (the message list, both modes) and, when the
 * notification carries a `subscription`, a WeChat subscription message (through `openApi()`;
 * on CloudBase: to the phone, if the person consented; locally: into the emulator's outbox).
 * The template, page and field mapping of each kind come from deploy/subscriptions.json,
 * bundled into the function at build time (types/subscriptions.ts formats the values to
 * WeChat's limits). Invariants: the message's `_id` is the caller's idempotency key, so a
 * retried action does not notify twice; a failed subscription send never fails the action (the
 * in-app message is the record); no consent (43101) is the normal case and is not logged.
 */
import subscriptionsJson from '../../deploy/subscriptions.json';
import type { MessageKind } from '../../types/notifications';
import {
  readSubscriptionConfig,
  subscriptionRequest,
  type QueuedPush,
  type SubscriptionConfig,
  type SubscriptionMessage,
} from '../../types/subscriptions';
import type { MessageDoc } from '../../types/documents';
import { Collections } from './collections';
import type { Ctx } from './context';
import { openApi } from './open-api';

export type { MessageDoc };

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
  subscription?: SubscriptionMessage;
  /**
   * Queue this subscription message with the in-app one (a fan-out's kind): the messages timer
   * sends it if the person has a consent left (messages/src/send-subscriptions.ts).
   */
  push?: QueuedPush;
}

/** A notification told only in the app (a fan-out, a decision on a held text): no subscription message. */
export type InAppNotice = Omit<Notification, 'subscription'>;

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
    ...(n.push ? { push: { ...n.push, state: 'queued' as const } } : {}),
  };
}

let config: SubscriptionConfig = readSubscriptionConfig(subscriptionsJson);

/** Tests only: replaces the configuration (undefined restores deploy/subscriptions.json). */
export function setSubscriptionConfigForTests(next: SubscriptionConfig | undefined): void {
  config = next ?? readSubscriptionConfig(subscriptionsJson);
}

/** WeChat's "the person has not consented (or the one-time consent is used up)". */
export const NO_CONSENT = 43101;

/**
 * Sends `n`'s subscription message, if it has one, with its kind's configured template.
 * Never throws: an unconfigured kind or a value that cannot be made valid is logged and not
 * sent; a refusal is logged, except no consent (43101), which is expected.
 */
export async function sendSubscription(n: Notification): Promise<void> {
  if (!n.subscription) return;
  await sendSubscriptionMessage(n.key, n.subscription);
}

/**
 * Sends one subscription message (the message's key names it in the log); true when WeChat
 * took it. Never throws, as `sendSubscription`.
 */
export async function sendSubscriptionMessage(key: string, message: SubscriptionMessage): Promise<boolean> {
  const built = subscriptionRequest(config, message);
  if (!built.ok) {
    console.warn('[notify] subscription message not built', key, built.reason);
    return false;
  }
  try {
    const reply = await openApi().sendSubscribeMessage(built.request);
    if (reply.errcode !== 0 && reply.errcode !== NO_CONSENT) {
      console.warn('[notify] subscription message refused', key, reply.errcode, reply.errmsg ?? '');
    }
    return reply.errcode === 0;
  } catch (error) {
    console.warn('[notify] subscription message not sent', key, error);
    return false;
  }
}

/** Returns false when this key was already notified. */
export async function notify(ctx: Ctx, n: Notification): Promise<boolean> {
  try {
    await ctx.db.collection(Collections.messages).add(messageOf(ctx, n));
  } catch (error) {
    if (isDuplicate(error)) return false;
    throw error;
  }
  await sendSubscription(n);
  return true;
}
