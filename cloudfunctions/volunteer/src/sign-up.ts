/**
 * volunteer.signUp — the caller signs up before the deadline (inclusive, Asia/Shanghai).
 * Invariants, in order:
 * - the caller is in the activity's audience (FORBIDDEN) and it is not cancelled;
 * - the move is ONE transaction (doc operations only, as CloudBase allows): it reads the
 *   activity and the sign-up `<activityId>:<userId>`, refuses a live one (CONFLICT
 *   `signup.exists`, also for a concurrent second sign-up: both write the activity, so one
 *   conflicts and, retried, meets the other's sign-up), decides confirmed (a free slot and nobody
 *   waiting) or waitlisted, hands out `seq = nextSeq + 1` and writes the counters and the sign-up
 *   together — so under any burst exactly `quota` are confirmed, the rest wait in seq order, and
 *   the counters always agree with the documents;
 * - group commit: sign-ups for the same activity arriving at the same function instance while a
 *   transaction runs are committed together in the next one (at most BATCH, each with its own
 *   outcome — one refusal does not affect the others), instead of all conflicting on the
 *   activity document; across instances, transaction conflicts serialise them;
 * - there is no intermediate record: a person who cancelled signs up again as a new place at the
 *   end, and a `pending` claim stored by the former design (never answered OK) is replaced the
 *   same way (the counters are then reconciled, as that claim may or may not have been counted);
 * - afterwards the queue is settled if a slot is free while someone waits (heals a crash between
 *   another request's move and its settle; see queue.ts);
 * - an overlapping confirmed sign-up only adds a warning.
 */
import { AppError } from '../../../types/errors';
import type { ActivityIdInput, SignupResult, SignupState } from '../../../types/volunteer';
import { loadActor, type Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import type { UserDoc } from '../../_shared/documents';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { overlapWarning } from './overlap';
import { forbidden, inAudience } from './permissions';
import { needsSettle, settle } from './queue';
import { reconcileActivity } from './reconcile';
import { C, signupId, waitlistPosition, type ActivityDoc, type SignupDoc } from './store';

const BATCH = 20;

const exists = () => new AppError('CONFLICT', 'signup.exists', '您已报名该活动，请勿重复报名');
const notFound = () => new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');

interface Placed {
  activity: ActivityDoc;
  signup: SignupDoc;
  legacy: boolean;
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

  const { activity, legacy } = placed;
  let signup = placed.signup;
  if (legacy) await reconcileActivity(ctx, activity._id);
  if (legacy || needsSettle(activity)) {
    const promoted = await settle(ctx, activity._id);
    if (promoted.some((s) => s._id === signup._id)) signup = { ...signup, state: 'confirmed' };
  }
  return {
    activityId: activity._id,
    state: signup.state,
    waitlistPosition: await waitlistPosition(ctx, signup),
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
  return runTransaction(ctx.db, async (tx) => {
    const activity = (await tx.collection(C.activities).doc(activityId).get()).data as ActivityDoc | null | undefined;
    if (!activity) throw notFound();
    refuseCancelled(activity);
    const ids = batch.map((r) => (r.actor.user ? signupId(activityId, r.actor.user._id) : null));
    const stored = await Promise.all(
      ids.map(async (id) =>
        id ? ((await tx.collection(C.signups).doc(id).get()).data as SignupDoc | null | undefined) : null,
      ),
    );
    let counters = {
      nextSeq: activity.nextSeq,
      freeSlots: activity.freeSlots,
      confirmedCount: activity.confirmedCount,
      waitlistCount: activity.waitlistCount,
    };
    const taken = new Set<string>();
    const writes: Array<{ id: string; doc: Omit<SignupDoc, '_id'> }> = [];
    const outcomes = batch.map((r, i): Placed | Error => {
      try {
        const user = r.actor.user;
        if (!user || !inAudience(r.actor, activity)) throw forbidden('signup.not-audience', '您不在本活动的报名范围内');
        const now = r.ctx.now();
        requireBeforeDeadline(activity, now, 'signup.after-deadline');
        const id = ids[i]!;
        const existing = stored[i];
        const legacy = existing?.pending === true;
        if (taken.has(id) || (existing && !legacy && existing.state !== 'cancelled')) throw exists();
        taken.add(id);
        const confirmed = counters.freeSlots > 0 && counters.waitlistCount === 0;
        counters = confirmed
          ? {
              ...counters,
              nextSeq: counters.nextSeq + 1,
              freeSlots: counters.freeSlots - 1,
              confirmedCount: counters.confirmedCount + 1,
            }
          : { ...counters, nextSeq: counters.nextSeq + 1, waitlistCount: counters.waitlistCount + 1 };
        const doc = newSignup(activity, user, confirmed ? 'confirmed' : 'waitlisted', counters.nextSeq, now, existing);
        writes.push({ id, doc });
        return { activity, signup: { _id: id, ...doc }, legacy };
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
    });
    if (writes.length > 0) {
      await tx.collection(C.activities).doc(activityId).update(counters);
      await Promise.all(writes.map((w) => tx.collection(C.signups).doc(w.id).set(w.doc)));
    }
    const after = { ...activity, ...counters };
    return outcomes.map((o) => (o instanceof Error ? o : { ...o, activity: after }));
  });
}

function newSignup(
  activity: ActivityDoc,
  user: UserDoc,
  state: SignupState,
  seq: number,
  now: Date,
  existing: SignupDoc | null | undefined,
): Omit<SignupDoc, '_id'> {
  return {
    activityId: activity._id,
    communityId: activity.communityId,
    userId: user._id,
    userName: user.name,
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
    creditVersion: existing?.creditVersion ?? 0,
    createdAt: now,
    updatedAt: now,
  };
}
