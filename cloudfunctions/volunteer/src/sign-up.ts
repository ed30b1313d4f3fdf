/**
 * volunteer.signUp — the caller signs up before the deadline (inclusive, Asia/Shanghai).
 * Invariants, in order:
 * - the caller is in the activity's audience (FORBIDDEN) and it is not cancelled;
 * - one sign-up per person and activity: the sign-up's `_id` is `<activityId>:<userId>`, claimed
 *   with an explicit-id add (a second, concurrent too, is CONFLICT `signup.exists`); a person who
 *   cancelled may sign up again, as a new place at the end (conditional update on `cancelled`);
 * - the place is one atomic, conditional `updateAndReturn` on the activity: confirmed (taking a
 *   free slot) only when a slot is free and nobody waits, otherwise waitlisted; either way it
 *   hands out the next `seq` — distinct, strictly increasing — so under any burst exactly
 *   `quota` are confirmed and the rest wait in seq order;
 * - afterwards the queue is settled if a slot freed up meanwhile (see queue.ts);
 * - an overlapping confirmed sign-up only adds a warning.
 */
import { AppError } from '../../../types/errors';
import type { ActivityIdInput, SignupResult, SignupState } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { overlapWarning } from './overlap';
import { forbidden, inAudience } from './permissions';
import { settleIfNeeded } from './queue';
import { C, findSignup, loadActivity, signupId, waitlistPosition, type ActivityDoc, type SignupDoc } from './store';

const exists = () => new AppError('CONFLICT', 'signup.exists', '您已报名该活动，请勿重复报名');

export async function signUp({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<SignupResult> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  if (!actor.user || !inAudience(actor, activity)) {
    throw forbidden('signup.not-audience', '您不在本活动的报名范围内');
  }
  const user = actor.user;
  refuseCancelled(activity);
  const now = ctx.now();
  requireBeforeDeadline(activity, now, 'signup.after-deadline');

  const id = signupId(activity._id, user._id);
  const claim: SignupDoc = {
    _id: id,
    activityId: activity._id,
    communityId: activity.communityId,
    userId: user._id,
    userName: user.name,
    state: 'waitlisted',
    seq: 0,
    pending: true,
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
  try {
    await ctx.db.collection(C.signups).add(claim);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const { _id, ...fresh } = claim;
    const res = await ctx.db.collection(C.signups).where({ _id, state: 'cancelled' }).update(fresh);
    if (res.updated !== 1) throw exists();
  }

  const { state, seq } = await takePlace(ctx, activity);
  await ctx.db.collection(C.signups).doc(id).update({ state, seq, pending: false, updatedAt: ctx.now() });
  await settleIfNeeded(ctx, activity._id);

  const stored = (await findSignup(ctx, activity._id, user._id)) ?? { ...claim, state, seq, pending: false };
  return {
    activityId: activity._id,
    state: stored.state,
    waitlistPosition: await waitlistPosition(ctx, stored),
    overlapWarning: await overlapWarning(ctx, user._id, activity),
  };
}

/** One atomic step on the activity: a confirmed place if free and nobody waits, else the waitlist. */
async function takePlace(ctx: Ctx, activity: ActivityDoc): Promise<{ state: SignupState; seq: number }> {
  const _ = ctx.db.command;
  const activities = ctx.db.collection(C.activities);
  const confirmed = await activities
    .where({ _id: activity._id, freeSlots: _.gt(0), waitlistCount: 0 })
    .updateAndReturn({ freeSlots: _.inc(-1), confirmedCount: _.inc(1), nextSeq: _.inc(1) });
  const took = confirmed.doc as ActivityDoc | null | undefined;
  if (took) return { state: 'confirmed', seq: took.nextSeq };
  const waiting = await activities
    .where({ _id: activity._id })
    .updateAndReturn({ waitlistCount: _.inc(1), nextSeq: _.inc(1) });
  const doc = waiting.doc as ActivityDoc | null | undefined;
  if (!doc) throw new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');
  return { state: 'waitlisted', seq: doc.nextSeq };
}
