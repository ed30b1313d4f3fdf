/**
 * Asking for consent to WeChat subscription messages (订阅消息). WeChat shows its consent
 * dialog only when `requestSubscribeMessage` is called from a user's tap, so `askSubscription`
 * must run synchronously at the start of a tap handler, before any `await`. It is fire and
 * forget: it never throws and is never awaited — whatever the person answers, the action they
 * tapped goes ahead (a refusal only means no WeChat notice; the in-app message is still sent).
 * The kinds are the ones the functions send (types/subscriptions.ts); their template ids come
 * from deploy/subscriptions.json, bundled at build time (placeholder ids are never asked for).
 * The queued kinds (`voteOpen`, `topicProgress`, `wishReview`: fan-outs, sent by the messages timer)
 * are sent only to people with a consent counted, so the ones the person accepted are recorded
 * (`messages.recordConsent`, fire and forget) once WeChat answers.
 * In the h5 build Taro uses subscribe.h5.ts instead (no dialog; the queued kinds are recorded as
 * accepted, so the local demo's sends land in the emulator's outbox).
 * A way in to a screen (a banner, a home card) asks with `askSubscriptionOnce`: only for kinds not
 * asked yet in this run of the app (./consent-asked.ts).
 */
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import {
  consentTemplateIds,
  isQueuedKind,
  type QueuedKind,
  type SubscriptionConfig,
  type SubscriptionKind,
} from '~types/subscriptions';
import json from '../../deploy/subscriptions.json';
import { noteAsked, notAskedYet } from './consent-asked';

/**
 * The template ids, each read by name: the build then keeps nothing else of the JSON (this module
 * is in the main package, which has a budget: tests/weapp/build-output.test.ts). The functions
 * read the whole entry (fields, page) and check it; a consent needs only the id.
 */
const templateIdOf: Record<SubscriptionKind, string | undefined> = {
  wishProgress: json.wishProgress.templateId,
  claimProgress: json.claimProgress.templateId,
  waitlistPromoted: json.waitlistPromoted.templateId,
  activityCancelled: json.activityCancelled.templateId,
  voteOpen: json.voteOpen.templateId,
  topicProgress: json.topicProgress.templateId,
  wishReview: json.wishReview.templateId,
  applicationResult: json.applicationResult.templateId,
};
const config = Object.fromEntries(
  Object.entries(templateIdOf).map(([kind, templateId]) => [kind, { templateId }]),
) as SubscriptionConfig;

/** The queued kinds among `kinds` whose template WeChat's answer says the person accepted. */
export function acceptedQueuedKinds(kinds: readonly SubscriptionKind[], answer: unknown): QueuedKind[] {
  if (!answer || typeof answer !== 'object') return [];
  const byId = answer as Record<string, unknown>;
  return kinds.filter(
    (kind): kind is QueuedKind => isQueuedKind(kind) && !!config[kind] && byId[config[kind]!.templateId] === 'accept',
  );
}

/** Counts the accepted queued kinds' consents on the server; never throws, never awaited by a tap. */
export function recordConsent(kinds: readonly QueuedKind[]): void {
  if (kinds.length === 0) return;
  void call('messages', 'recordConsent', { kinds: [...kinds] }).catch(() => undefined);
}

/** The template ids consent is asked for `kinds`: configured, without repeats, at most three. */
export function templateIds(kinds: readonly SubscriptionKind[]): string[] {
  return consentTemplateIds(config, kinds);
}

/** Call first thing in a tap handler; do not await (it returns nothing to wait for). */
export function askSubscription(kinds: readonly SubscriptionKind[]): void {
  noteAsked(kinds);
  const tmplIds = templateIds(kinds);
  if (tmplIds.length === 0) return;
  try {
    const asked = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
    void Promise.resolve(asked)
      .then((answer) => recordConsent(acceptedQueuedKinds(kinds, answer)))
      .catch(() => undefined);
  } catch {
    // An old base library without the API, or a call outside a tap: no consent, no harm.
  }
}

/** `askSubscription` for the kinds not asked yet in this run (call first thing in a tap, too). */
export function askSubscriptionOnce(kinds: readonly SubscriptionKind[]): void {
  askSubscription(notAskedYet(kinds));
}
