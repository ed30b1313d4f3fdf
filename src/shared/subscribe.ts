/**
 * Asking for consent to WeChat subscription messages (订阅消息). WeChat shows its consent
 * dialog only when `requestSubscribeMessage` is called from a user's tap, so `askSubscription`
 * must run synchronously at the start of a tap handler, before any `await`. It is fire and
 * forget: it never throws and is never awaited — whatever the person answers, the action they
 * tapped goes ahead (a refusal only means no WeChat notice; the in-app message is still sent).
 * The template ids are declared once, in types/notifications.ts. In the h5 build Taro uses
 * subscribe.h5.ts instead, which does nothing.
 */
import Taro from '@tarojs/taro';
import { subscriptionTemplates, type TemplateKey } from '~types/notifications';

/** WeChat accepts at most three templates in one request. */
const MAX_TEMPLATES = 3;

/** The template ids for `keys`, without repeats, at most three. */
export function templateIds(keys: readonly TemplateKey[]): string[] {
  const ids = keys.map((key) => subscriptionTemplates[key].id);
  return [...new Set(ids)].slice(0, MAX_TEMPLATES);
}

/** Call first thing in a tap handler; do not await (it returns nothing to wait for). */
export function askSubscription(keys: readonly TemplateKey[]): void {
  const tmplIds = templateIds(keys);
  if (tmplIds.length === 0) return;
  try {
    const asked = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
    void Promise.resolve(asked).catch(() => undefined);
  } catch {
    // An old base library without the API, or a call outside a tap: no consent, no harm.
  }
}
