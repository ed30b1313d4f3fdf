/**
 * Timer `send-subscriptions` (every minute): the send queue of the queued subscription kinds
 * (`voteOpen`, `topicProgress`, `wishReview`). A fan-out's act queues them in the in-app messages
 * themselves (`push`, state `queued`, inserted with the message: _shared/notify.ts `messageOf`), so
 * the queue is filled exactly when the messages are, and each message's key is the send's key.
 * Bounded (docs/adr/0041-bounded-jobs, ADR 0038): community by community in the ring of
 * `_shared/jobs.ts` (`forEachCommunity`), at most JOB_LIMITS units per run and per community. A
 * community's queue is read in pages of `PAGE` by the (communityId, push.state, createdAt) index,
 * oldest first, in keyset order; when its share is spent the keyset after the last message handled
 * is saved in `job_cursors/send-subscriptions:<communityId>`, and the next run resumes there (the
 * state is a cursor too: a handled message leaves `queued`). First, a community's registrations
 * still owing their decision's message, and its topics still owing a vote's result, are delivered
 * (`deliverOwed`): an approved 报到 with points and a leader's close of a vote owe them by design
 * (no request left in their budget, ADR 0038), so without this their `applicationResult` and
 * `topicProgress` would be queued only at each reader's next visit. For each page:
 * - no consent left (`subscription_consents/<userId>:<kind>`), or no openid: `in-app` (the in-app
 *   message is the record; one update for all of them);
 * - otherwise it is taken (`queued` → `sending`, conditional: a second run takes nothing), one
 *   consent is used (conditional on one being left; none left → `in-app`), the message is sent
 *   through `openApi()` (云调用 on CloudBase, the emulator's recorded outbox locally), and marked
 *   `sent` or `refused`.
 * Invariants: each message is sent at most once — a run that dies after taking it (before or
 * after the send) leaves it `sending`, which no run takes again (at most once: a lost send is
 * still in the message centre); only a person with a consent left is sent to, and each send uses
 * one; a community with a backlog (a vote opening to hundreds) takes its share and the run goes
 * on, so it delays no other community; a queued message without a community is never sent (every
 * fan-out names its community); runs with no caller (the platform's timer only,
 * _shared/handler.ts).
 */
import { isQueuedKind, type SubscriptionMessage } from '../../../types/subscriptions';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import {
  forEachCommunity,
  type Budget,
  type CommunityOutcome,
  type CommunityRun,
  type JobLimits,
} from '../../_shared/jobs';
import { encodeCursor, keysOf, sortedBy, whereAfter, type PageOrder } from '../../_shared/paging';
import type { MessageDoc, SubscriptionConsentDoc, UserDoc } from '../../../types/documents';
import { sendSubscriptionMessage } from '../../_shared/notify';
import { deliver, type Removal, type WithOutbox } from '../../_shared/outbox';

/** Messages one page reads (the consents and the people of a page are one read each). */
export const PAGE = 50;
/** Units a sent message costs: taken, its consent used, the send, its mark. */
const SEND_COST = 4;
export const JOB_LIMITS: JobLimits = { budget: 300, perCommunity: 100 };
const ORDER: PageOrder = { by: 'createdAt', dir: 'asc' };

type Queued = MessageDoc & { push: NonNullable<MessageDoc['push']> };
type Counts = { sent: number; inApp: number; refused: number; delivered: number };
/** A community's place in its queue: the keyset after the last message handled. */
type Place = { after?: string };

const consentId = (m: Queued) => `${m.userId}:${m.push.kind}`;

/**
 * Handles the page's messages in order while the budget lasts; how many were handled (the
 * rest, all sendable, stay queued for the next run).
 */
async function sendPage(ctx: Ctx, page: Queued[], budget: Budget, counts: Counts): Promise<number> {
  const _ = ctx.db.command;
  const messages = ctx.db.collection(Collections.messages);
  const queued = page.filter((m) => isQueuedKind(m.push.kind));
  budget.spend(2);
  const [consentRes, userRes] = await Promise.all([
    ctx.db
      .collection(Collections.subscriptionConsents)
      .where({ _id: _.in([...new Set(queued.map(consentId))]), count: _.gt(0) })
      .limit(PAGE)
      .get(),
    ctx.db
      .collection(Collections.users)
      .where({ _id: _.in([...new Set(queued.map((m) => m.userId))]) })
      .field({ _id: true, openid: true })
      .limit(PAGE)
      .get(),
  ]);
  const consented = new Set(((consentRes.data ?? []) as SubscriptionConsentDoc[]).map((c) => c._id));
  const openids = new Map(
    ((userRes.data ?? []) as Array<Pick<UserDoc, '_id' | 'openid'>>).map((u) => [u._id, u.openid] as const),
  );
  const sendable = new Set(queued.filter((m) => consented.has(consentId(m)) && !!openids.get(m.userId)));
  const markInApp = async (ids: string[]) => {
    budget.spend();
    await messages
      .where({ _id: _.in(ids), 'push.state': 'queued' })
      .update({ 'push.state': 'in-app', 'push.at': ctx.now() });
  };
  const unsendable = page.filter((m) => !sendable.has(m)).map((m) => m._id);
  if (unsendable.length > 0) await markInApp(unsendable);
  counts.inApp += unsendable.length;

  for (let i = 0; i < page.length; i++) {
    const m = page[i]!;
    if (!sendable.has(m)) continue;
    if (budget.spent) return i;
    budget.spend(SEND_COST);
    const taken = await messages
      .where({ _id: m._id, 'push.state': 'queued' })
      .update({ 'push.state': 'sending', 'push.at': ctx.now() });
    if ((taken.updated ?? 0) === 0) continue;
    const consent = await ctx.db
      .collection(Collections.subscriptionConsents)
      .where({ _id: consentId(m), count: _.gt(0) })
      .update({ count: _.inc(-1), updatedAt: ctx.now() });
    if ((consent.updated ?? 0) === 0) {
      // Used up by an earlier message of this run.
      await messages.where({ _id: m._id }).update({ 'push.state': 'in-app', 'push.at': ctx.now() });
      counts.inApp++;
      continue;
    }
    const ok = await sendSubscriptionMessage(m._id, {
      kind: m.push.kind,
      openid: openids.get(m.userId)!,
      values: m.push.values,
    } as SubscriptionMessage);
    crashPoint('messages.sendSubscriptions.after-send');
    await messages.where({ _id: m._id }).update({ 'push.state': ok ? 'sent' : 'refused', 'push.at': ctx.now() });
    if (ok) counts.sent++;
    else counts.refused++;
  }
  return page.length;
}

/** Documents one read finds owing (each delivered in two requests). */
const OWED_PAGE = 20;

/**
 * What a community's documents may still owe by design, delivered by this timer so that the
 * queued push goes out within a minute, not at the reader's next visit (ADR 0038):
 * - a decided registration's message (an approved 报到 with points: its transaction has no
 *   request left); a registration owes one batch in its life, so `outbox` goes whole;
 * - a vote's result, which a leader's `deliberation.closeVote` leaves owed to the building's
 *   residents (its request budget, ADR 0017); only that batch's people leave `owedTo`;
 * - a wish's to-review messages, which a 代办 post leaves owed to the reviewers (the same).
 */
const OWED_SOURCES: ReadonlyArray<{ collection: string; owing: Record<string, string>; removal: Removal }> = [
  { collection: Collections.registrations, owing: { 'outbox.decided.kind': 'checkin' }, removal: 'whole' },
  { collection: Collections.topics, owing: { 'outbox.result.kind': 'topic' }, removal: 'batches' },
  { collection: Collections.wishes, owing: { 'outbox.to-review.kind': 'wish' }, removal: 'batches' },
];

/**
 * Delivers what the community's documents still owe (see OWED_SOURCES: their messages inserted,
 * with the queued push, then the batch removed — the state is the cursor); false when the budget
 * ran out first. Keys make a delivery that meets the person's own read tell nobody twice.
 */
async function deliverOwed(ctx: Ctx, c: CommunityRun<Place>, counts: Counts): Promise<boolean> {
  for (const source of OWED_SOURCES) {
    for (;;) {
      if (c.budget.spent) return false;
      c.budget.spend();
      const res = await ctx.db
        .collection(source.collection)
        .where({ communityId: c.communityId, ...source.owing })
        .limit(OWED_PAGE)
        .get();
      const owing = (res.data ?? []) as WithOutbox[];
      for (const doc of owing) {
        if (c.budget.spent) return false;
        c.budget.spend(2);
        await deliver(ctx, source.collection, doc, source.removal);
        counts.delivered++;
      }
      if (owing.length < OWED_PAGE) break;
    }
  }
  return true;
}

/** One community's share of a run: what its decisions owe, then its queue in pages from its saved place (see the header). */
async function sendCommunity(ctx: Ctx, c: CommunityRun<Place>, counts: Counts): Promise<CommunityOutcome> {
  let after = c.state?.after;
  if (!(await deliverOwed(ctx, c, counts))) {
    await c.save(after !== undefined ? { after } : {});
    return 'more';
  }
  for (;;) {
    if (c.budget.spent) {
      await c.save(after !== undefined ? { after } : {});
      return 'more';
    }
    c.budget.spend();
    const res = await sortedBy(
      ctx.db
        .collection(Collections.messages)
        .where(whereAfter(ctx, { communityId: c.communityId, 'push.state': 'queued' }, after, ORDER)),
      ORDER,
    )
      .limit(PAGE)
      .get();
    const page = ((res.data ?? []) as MessageDoc[]).filter((m): m is Queued => !!m.push);
    const handled = page.length > 0 ? await sendPage(ctx, page, c.budget, counts) : 0;
    if (handled > 0) after = encodeCursor(keysOf(ORDER)(page[handled - 1]));
    if (handled < page.length) {
      await c.save(after !== undefined ? { after } : {});
      return 'more';
    }
    if (page.length < PAGE) return 'done';
  }
}

export async function sendSubscriptions({ ctx, limits = JOB_LIMITS }: { ctx: Ctx; limits?: JobLimits }) {
  const counts: Counts = { sent: 0, inApp: 0, refused: 0, delivered: 0 };
  const run = await forEachCommunity<Place>(ctx, 'send-subscriptions', limits, (c) => sendCommunity(ctx, c, counts));
  return { ...counts, more: run.more };
}
