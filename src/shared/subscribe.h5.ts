/**
 * Subscription consent in the browser (local mode): there is no WeChat to ask, so nothing
 * happens. Taro uses this file instead of subscribe.ts in the h5 build; locally, the
 * subscription messages the functions send land in the emulator's outbox regardless.
 */
import type { SubscriptionKind } from '~types/subscriptions';

export function askSubscription(_kinds: readonly SubscriptionKind[]): void {}
