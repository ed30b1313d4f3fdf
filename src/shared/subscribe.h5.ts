/**
 * Subscription consent in the browser (local mode): there is no WeChat to ask, so no dialog is
 * shown. Taro uses this file instead of subscribe.ts in the h5 build. The kinds sent at once land
 * in the emulator's outbox regardless; the queued kinds (`voteOpen`, `topicProgress`, `wishReview`) are sent
 * only to people with a consent counted, so the tap records them as accepted, as a person who
 * accepts in WeChat would be recorded.
 */
import { call } from '@/services/cloud';
import { noteAsked, notAskedYet } from './consent-asked';
import { isQueuedKind, type QueuedKind, type SubscriptionKind } from '~types/subscriptions';

export function askSubscription(kinds: readonly SubscriptionKind[]): void {
  noteAsked(kinds);
  const queued = kinds.filter((kind): kind is QueuedKind => isQueuedKind(kind));
  if (queued.length === 0) return;
  void call('messages', 'recordConsent', { kinds: queued }).catch(() => undefined);
}

export function askSubscriptionOnce(kinds: readonly SubscriptionKind[]): void {
  askSubscription(notAskedYet(kinds));
}
