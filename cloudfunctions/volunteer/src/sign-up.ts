/**
 * volunteer.signUp — the caller signs up before the deadline (inclusive, Asia/Shanghai).
 * Invariants, in order:
 * - the caller is in the activity's audience (FORBIDDEN) and it is not cancelled;
 * - the move is ONE transaction (doc operations only, as CloudBase allows) of five requests: it
 *   reads the activity, whose queue lists say whether the caller already holds a place or waits
 *   (CONFLICT `signup.exists`, also for a concurrent second sign-up: both write the activity, so
 *   one conflicts and, retried, meets the other), decides confirmed (a free slot and nobody
 *   waiting) or waitlisted, hands out `seq = nextSeq + 1`, and writes the sign-up document with
 *   the activity's lists and counters — so under any burst exactly `quota` are confirmed, the
 *   rest wait in seq order, and the counters always agree with the documents;
 * - the sign-up document `<activityId>:<userId>` is written whole (`set`): a cancelled one, or a
 *   `pending` claim of the former design, is replaced by the new place at the end;
 * - group commit: sign-ups for the same activity arriving at the same function instance while a
 *   transaction runs are committed together in the next one (at most BATCH, each with its own
 *   outcome — one refusal does not affect the others), instead of all conflicting on the
 *   activity document; across instances, transaction conflicts serialise them;
 * - the waitlist position in the reply is the list's length after the move (the newcomer is
 *   last), read, never counted;
 * - afterwards the queue is settled if a slot is free while someone waits (heals a quota raise
 *   beyond one transaction's promotions; see queue.ts);
 * - an overlapping confirmed sign-up only adds a warning (one query).
 * Requests: identity 1, the transaction 5, the overlap query 1.
 */
import { AppError } from '../../../types/errors';
import type { ActivityIdInput, SignupResult, SignupState } from '../../../types/volunteer';
import { loadActor, type Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import type { UserDoc } from '../../_shared/documents';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { overlapWarning } from './overlap';
import { forbidden, inAudience } from './permissions';
import { needsSettle, queueFields, queueTransaction, readQueued, settle, type QueuedActivity } from './queue';
import { C, signupId, type ActivityDoc, type SignupDoc } from './store';

const BATCH = 20;

const exists = () => new AppError('CONFLICT', 'signup.exists', '您已报名该活动，请勿重复报名');
const notFound = () => new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');

interface Placed {
  activity: QueuedActivity;
  signup: SignupDoc;
  position: number | null;
}

interface Request {
  ctx: Ctx;
  actor: Actor;
  resolve: (placed: Placed) => void;
  reject: (error: unknown) => void;
}

/** Requests waiting for the next transaction of their activity, per activity (this instance). */
const waiting = new Map<string, Request[]>();

export async function signUp({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<SignupResult> {
  const actor = await loadActor(ctx);
  const placed = await enqueue(ctx, actor, input.activityId);
  crashPoint('volunteer.signUp.after-transaction');

  const { activity } = placed;
  let { signup, position } = placed;
  if (needsSettle(activity)) {
    const promoted = await settle(ctx, activity._id);
    if (promoted.some((e) => e.userId === signup.userId)) {
      signup = { ...signup, state: 'confirmed' };
      position = null;
    }
  }
  return {
    activityId: activity._id,
    state: signup.state,
    waitlistPosition: position,
    overlapWarning: await overlapWarning(ctx, signup.userId, activity),
  };
}

function enqueue(ctx: Ctx, actor: Actor, activityId: string): Promise<Placed> {
  return new Promise<Placed>((resolve, reject) => {
    const queue = waiting.get(activityId);
    if (queue) {
      queue.push({ ctx, actor, resolve, reject });
      return;
    }
    waiting.set(activityId, [{ ctx, actor, resolve, reject }]);
    void drain(activityId);
  });
}

/** Commits the activity's waiting requests, BATCH per transaction, until none is left. */
async function drain(activityId: string): Promise<void> {
  for (;;) {
    const queue = waiting.get(activityId) ?? [];
    if (queue.length === 0) {
      waiting.delete(activityId);
      return;
    }
    const batch = queue.splice(0, BATCH);
    try {
      const outcomes = await commit(activityId, batch);
      outcomes.forEach((o, i) => (o instanceof Error ? batch[i]!.reject(o) : batch[i]!.resolve(o)));
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  }
}

/** One transaction for a batch: each request's outcome is a placed sign-up or its refusal. */
async function commit(activityId: string, batch: Request[]): Promise<Array<Placed | Error>> {
  const ctx = batch[0]!.ctx;
  return queueTransaction(ctx, activityId, async (tx) => {
    const activity = await readQueued(tx, activityId);
    if (!activity) throw notFound();
    refuseCancelled(activity);
    const live = new Set([...activity.holders, ...activity.waitlist.map((e) => e.userId)]);
    let queue: QueuedActivity = activity;
    const writes: Array<{ id: string; doc: Omit<SignupDoc, '_id'> }> = [];
    const outcomes = batch.map((r): Omit<Placed, 'activity'> | Error => {
      try {
        const user = r.actor.user;
        if (!user || !inAudience(r.actor, activity)) throw forbidden('signup.not-audience', '您不在本活动的报名范围内');
        const now = r.ctx.now();
        requireBeforeDeadline(activity, now, 'signup.after-deadline');
        if (live.has(user._id)) throw exists();
        live.add(user._id);
        const confirmed = queue.holders.length < queue.quota && queue.waitlist.length === 0;
        const seq = queue.nextSeq + 1;
        const next: QueuedActivity = confirmed
          ? { ...queue, nextSeq: seq, holders: [...queue.holders, user._id] }
          : {
              ...queue,
              nextSeq: seq,
              waitlist: [...queue.waitlist, { userId: user._id, seq, openid: r.actor.openid }],
            };
        queue = { ...next, ...queueFields(next) };
        const id = signupId(activityId, user._id);
        const doc = newSignup(activity, user, confirmed ? 'confirmed' : 'waitlisted', seq, now);
        writes.push({ id, doc });
        return { signup: { _id: id, ...doc }, position: confirmed ? null : queue.waitlist.length };
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
    });
    if (writes.length > 0) {
      await tx
        .collection(C.activities)
        .doc(activityId)
        .update({ ...queueFields(queue), updatedAt: batch[batch.length - 1]!.ctx.now() });
      await Promise.all(writes.map((w) => tx.collection(C.signups).doc(w.id).set(w.doc)));
    }
    return outcomes.map((o) => (o instanceof Error ? o : { ...o, activity: queue }));
  });
}

function newSignup(
  activity: ActivityDoc,
  user: UserDoc,
  state: SignupState,
  seq: number,
  now: Date,
): Omit<SignupDoc, '_id'> {
  return {
    activityId: activity._id,
    communityId: activity.communityId,
    userId: user._id,
    userName: user.name,
    activityTitle: activity.title,
    state,
    seq,
    startAt: new Date(activity.startAt),
    endAt: new Date(activity.endAt),
    checkedInAt: null,
    checkedOutAt: null,
    hours: 0,
    points: 0,
    autoClosed: false,
    correctedReason: null,
    creditVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
}
