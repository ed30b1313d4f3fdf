/**
 * Timer `send-subscriptions` (every minute): the send queue of the queued subscription kinds
 * (`voteOpen`, `topicProgress`). A fan-out's act queues them in the in-app messages themselves
 * (`push`, state `queued`, inserted with the message: _shared/notify.ts `messageOf`), so the queue
 * is filled exactly when the messages are, and each message's key is the send's key. A run takes
 * at most `PAGE` queued messages, oldest first (the state is the cursor: a taken message leaves
 * `queued`), and for each:
 * - no consent left (`subscription_consents/<userId>:<kind>`), or no openid: `in-app` (the in-app
 *   message is the record; one update for all of them);
 * - otherwise it is taken (`queued` → `sending`, conditional: a second run takes nothing), one
 *   consent is used (conditional on one being left; none left → `in-app`), the message is sent
 *   through `openApi()` (云调用 on CloudBase, the emulator's recorded outbox locally), and marked
 *   `sent` or `refused`.
 * Invariants: each message is sent at most once — a run that dies after taking it (before or
 * after the send) leaves it `sending`, which no run takes again (at most once: a lost send is
 * still in the message centre); only a person with a consent left is sent to, and each send uses
 * one; runs with no caller (the platform's timer only, _shared/handler.ts).
 */
import { isQueuedKind, type SubscriptionMessage } from '../../../types/subscriptions';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import type { MessageDoc, SubscriptionConsentDoc, UserDoc } from '../../../types/documents';
import { sendSubscriptionMessage } from '../../_shared/notify';

/** Messages one run takes: a bounded run (a 20 s function), the rest wait for the next minute. */
export const PAGE = 50;

type Queued = MessageDoc & { push: NonNullable<MessageDoc['push']> };

export async function sendSubscriptions({ ctx }: { ctx: Ctx }) {
  const _ = ctx.db.command;
  const messages = ctx.db.collection(Collections.messages);
  const res = await messages
    .where({ 'push.state': 'queued' })
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(PAGE)
    .get();
  const queued = ((res.data ?? []) as MessageDoc[]).filter((m): m is Queued => !!m.push && isQueuedKind(m.push.kind));
  if (queued.length === 0) return { sent: 0, inApp: 0, refused: 0 };

  const consentIds = [...new Set(queued.map((m) => `${m.userId}:${m.push.kind}`))];
  const userIds = [...new Set(queued.map((m) => m.userId))];
  const [consentRes, userRes] = await Promise.all([
    ctx.db
      .collection(Collections.subscriptionConsents)
      .where({ _id: _.in(consentIds), count: _.gt(0) })
      .limit(PAGE)
      .get(),
    ctx.db
      .collection(Collections.users)
      .where({ _id: _.in(userIds) })
      .field({ _id: true, openid: true })
      .limit(PAGE)
      .get(),
  ]);
  const consented = new Set(((consentRes.data ?? []) as SubscriptionConsentDoc[]).map((c) => c._id));
  const openids = new Map(
    ((userRes.data ?? []) as Array<Pick<UserDoc, '_id' | 'openid'>>).map((u) => [u._id, u.openid] as const),
  );

  const inApp = async (ids: string[]) => {
    if (ids.length > 0) {
      await messages
        .where({ _id: _.in(ids), 'push.state': 'queued' })
        .update({ 'push.state': 'in-app', 'push.at': ctx.now() });
    }
  };
  const sendable = queued.filter((m) => consented.has(`${m.userId}:${m.push.kind}`) && !!openids.get(m.userId));
  const unsendable = queued.filter((m) => !sendable.includes(m)).map((m) => m._id);
  await inApp(unsendable);

  let sent = 0;
  let refused = 0;
  let used = unsendable.length;
  for (const m of sendable) {
    const taken = await messages
      .where({ _id: m._id, 'push.state': 'queued' })
      .update({ 'push.state': 'sending', 'push.at': ctx.now() });
    if ((taken.updated ?? 0) === 0) continue;
    const consent = await ctx.db
      .collection(Collections.subscriptionConsents)
      .where({ _id: `${m.userId}:${m.push.kind}`, count: _.gt(0) })
      .update({ count: _.inc(-1), updatedAt: ctx.now() });
    if ((consent.updated ?? 0) === 0) {
      // Used up by an earlier message of this run.
      await messages.where({ _id: m._id }).update({ 'push.state': 'in-app', 'push.at': ctx.now() });
      used++;
      continue;
    }
    const ok = await sendSubscriptionMessage(m._id, {
      kind: m.push.kind,
      openid: openids.get(m.userId)!,
      values: m.push.values,
    } as SubscriptionMessage);
    crashPoint('messages.sendSubscriptions.after-send');
    await messages.where({ _id: m._id }).update({ 'push.state': ok ? 'sent' : 'refused', 'push.at': ctx.now() });
    if (ok) sent++;
    else refused++;
  }
  return { sent, inApp: used, refused };
}
