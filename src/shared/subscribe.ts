/**
 * Asking for consent to WeChat subscription messages (订阅消息). WeChat shows its consent
 * dialog only when `requestSubscribeMessage` is called from a user's tap, so `askSubscription`
 * must run synchronously at the start of a tap handler, before any `await`. It is fire and
 * forget: it never throws and is never awaited — whatever the person answers, the action they
 * tapped goes ahead (a refusal only means no WeChat notice; the in-app message is still sent).
 * The kinds are the ones the functions send (types/subscriptions.ts); their template ids come
 * from deploy/subscriptions.json, bundled at build time (placeholder ids are never asked for).
 * In the h5 build Taro uses subscribe.h5.ts instead, which does nothing.
 */
import Taro from '@tarojs/taro';
import { consentTemplateIds, readSubscriptionConfig, type SubscriptionKind } from '~types/subscriptions';
import subscriptionsJson from '../../deploy/subscriptions.json';

const config = readSubscriptionConfig(subscriptionsJson);

/** The template ids consent is asked for `kinds`: configured, without repeats, at most three. */
export function templateIds(kinds: readonly SubscriptionKind[]): string[] {
  return consentTemplateIds(config, kinds);
}

/** Call first thing in a tap handler; do not await (it returns nothing to wait for). */
export function askSubscription(kinds: readonly SubscriptionKind[]): void {
  const tmplIds = templateIds(kinds);
  if (tmplIds.length === 0) return;
  try {
    const asked = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
    void Promise.resolve(asked).catch(() => undefined);
  } catch {
    // An old base library without the API, or a call outside a tap: no consent, no harm.
  }
}
