/**
 * Group commit of an activity's queue moves (sign-ups and cancellations). Invariants:
 * - moves for the same activity that reach this function instance while a transaction runs are
 *   committed together by the next one, in arrival order (at most BATCH), instead of conflicting
 *   on the activity document; across instances, transaction conflicts serialise them;
 * - each move has its own outcome: a refusal of one (thrown AppError) writes nothing of it and
 *   does not touch the others;
 * - one transaction reads the activity (its queue lists say who holds a place and who waits),
 *   applies the moves to the lists in order, and writes every touched sign-up document once, the
 *   notices of the people a cancellation promoted, and the activity (lists and counters) once —
 *   so a burst of N moves costs N + 4 requests, not N transactions;
 * - every state written is asked of the sign-up table (`signupStateAfter`, signup-machine.ts),
 *   from the state the lists say the sign-up is in: not on them — none or cancelled (signUp);
 *   waiting (cancel, promote); holding a place — confirmed before attendance opens (30 minutes
 *   before the start); once it has opened, a holder's cancellation reads their sign-up in the
 *   transaction (one request more, in that window only), and a place checked in or recorded is
 *   refused (PRECONDITION_FAILED `signup.attended`) — the table does not cancel it;
 * - a transaction that fails as a whole (a conflict the retries did not resolve, a crash) fails
 *   every move of its batch; nothing of it is written.
 */
import { Collections } from '../../_shared/collections';
import { AppError } from '../../../types/errors';
import type { SignupState } from '../../../types/volunteer';
import type { Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import type { UserDoc } from '../../_shared/documents';
import { messageOf } from '../../_shared/notify';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { decide } from '../../_shared/state-machine';
import { forbidden, inAudience } from './permissions';
import { promotedNotice, queueFields, queueTransaction, readQueued, type QueuedActivity } from './queue';
import { attendanceOpened } from './rules';
import { signupMachine, signupStateAfter } from './signup-machine';
import { signupId, type ActivityDoc, type SignupDoc, type WaitEntry } from './store';

const BATCH = 20;

const exists = () => new AppError('CONFLICT', 'signup.exists', '您已报名该活动，请勿重复报名');
const notFound = () => new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');
const notSignedUp = () => new AppError('PRECONDITION_FAILED', 'signup.not-active', '您没有可取消的报名');
const attended = () => new AppError('PRECONDITION_FAILED', 'signup.attended', '您已签到或考勤已登记，不能再取消报名');

export type MoveKind = 'signUp' | 'cancel';

export interface MoveOutcome {
  /** The activity after the whole batch. */
  activity: QueuedActivity;
  /** The caller's sign-up as this move left it. */
  signup: SignupDoc;
  /** The caller's waitlist position right after this move (null when not waiting). */
  position: number | null;
  /** People this move promoted (a cancellation of a place while someone waited). */
  promoted: WaitEntry[];
}

interface Move {
  kind: MoveKind;
  ctx: Ctx;
  actor: Actor;
  resolve: (outcome: MoveOutcome) => void;
  reject: (error: unknown) => void;
}

/** Moves waiting for the next transaction of their activity, per activity (this instance). */
const waiting = new Map<string, Move[]>();

/** Submits one move; resolves with its outcome once its batch has committed. */
export function submitMove(ctx: Ctx, actor: Actor, activityId: string, kind: MoveKind): Promise<MoveOutcome> {
  return new Promise<MoveOutcome>((resolve, reject) => {
    const queue = waiting.get(activityId);
    const move = { kind, ctx, actor, resolve, reject };
    if (queue) {
      queue.push(move);
      return;
    }
    waiting.set(activityId, [move]);
    void drain(activityId);
  });
}

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
      for (const m of batch) m.reject(error);
    }
  }
}

function newSignup(activity: ActivityDoc, user: UserDoc, state: SignupState, seq: number, now: Date): SignupDoc {
  return {
    _id: signupId(activity._id, user._id),
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

/** A sign-up document write of the batch: a whole document, or a change to a stored one. */
type Write = { set: Omit<SignupDoc, '_id'> } | { update: Partial<SignupDoc> };

function stripId(doc: SignupDoc): Omit<SignupDoc, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** One transaction for a batch: each move's outcome, or its refusal. */
async function commit(activityId: string, batch: Move[]): Promise<Array<MoveOutcome | Error>> {
  const ctx = batch[0]!.ctx;
  const result = await queueTransaction(ctx, activityId, async (tx) => {
    const activity = await readQueued(tx, activityId);
    if (!activity) throw notFound();
    refuseCancelled(activity);
    let queue: QueuedActivity = activity;
    const writes = new Map<string, Write>();
    const write = (id: string, w: Write) => {
      const before = writes.get(id);
      if (!before) writes.set(id, w);
      else if ('set' in w) writes.set(id, w);
      else if ('set' in before) writes.set(id, { set: { ...before.set, ...w.update } });
      else writes.set(id, { update: { ...before.update, ...w.update } });
    };
    const notices: WaitEntry[] = [];
    const apply = (next: QueuedActivity) => (queue = { ...next, ...queueFields(next) });
    // Once attendance has opened, a place may be checked in or recorded: the sign-ups of the
    // holders who cancel are read (their state is not on the lists).
    const attendance = attendanceOpened(activity.startAt, ctx.now())
      ? await holdersStates(tx, activity, batch)
      : new Map<string, SignupState>();

    const outcomes = batch.map((m): Omit<MoveOutcome, 'activity'> | Error => {
      try {
        const user = m.actor.user;
        const now = m.ctx.now();
        if (m.kind === 'signUp') {
          if (!user || !inAudience(m.actor, activity)) {
            throw forbidden('signup.not-audience', '您不在本活动的报名范围内');
          }
          requireBeforeDeadline(activity, now, 'signup.after-deadline');
          if (queue.holders.includes(user._id) || queue.waitlist.some((e) => e.userId === user._id)) throw exists();
          const confirmed = queue.holders.length < queue.quota && queue.waitlist.length === 0;
          // Not on the lists: no sign-up yet, or a cancelled one (which is written over whole).
          const state = signupStateAfter('signUp', null, confirmed ? 'confirmed' : 'waitlisted');
          const seq = queue.nextSeq + 1;
          apply(
            confirmed
              ? { ...queue, nextSeq: seq, holders: [...queue.holders, user._id] }
              : {
                  ...queue,
                  nextSeq: seq,
                  waitlist: [...queue.waitlist, { userId: user._id, seq, openid: m.actor.openid }],
                },
          );
          const signup = newSignup(activity, user, state, seq, now);
          write(signup._id, { set: stripId(signup) });
          return { signup, position: confirmed ? null : queue.waitlist.length, promoted: [] };
        }
        // cancel
        if (!user) throw notSignedUp();
        requireBeforeDeadline(activity, now, 'signup.after-deadline');
        const holds = queue.holders.includes(user._id);
        if (!holds && !queue.waitlist.some((e) => e.userId === user._id)) throw notSignedUp();
        const from: SignupState = holds ? (attendance.get(user._id) ?? 'confirmed') : 'waitlisted';
        if (!decide(signupMachine, from, 'cancel').ok) throw attended();
        apply({
          ...queue,
          holders: queue.holders.filter((id) => id !== user._id),
          waitlist: queue.waitlist.filter((e) => e.userId !== user._id),
        });
        const id = signupId(activityId, user._id);
        write(id, { update: { state: signupStateAfter('cancel', from), updatedAt: now } });
        const free = queue.quota - queue.holders.length;
        const promoted = free > 0 && !queue.cancelled ? queue.waitlist.slice(0, 1) : [];
        for (const entry of promoted) {
          write(signupId(activityId, entry.userId), {
            update: { state: signupStateAfter('promote', 'waitlisted'), updatedAt: now },
          });
          notices.push(entry);
        }
        if (promoted.length > 0) {
          apply({
            ...queue,
            holders: [...queue.holders, ...promoted.map((e) => e.userId)],
            waitlist: queue.waitlist.slice(promoted.length),
          });
        }
        return {
          signup: { _id: id, state: 'cancelled' } as SignupDoc,
          position: null,
          promoted,
        };
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
    });
    if (writes.size > 0) {
      await tx
        .collection(Collections.activities)
        .doc(activityId)
        .update({ ...queueFields(queue), updatedAt: batch[batch.length - 1]!.ctx.now() });
      await Promise.all([
        ...[...writes].map(([id, w]) =>
          'set' in w
            ? tx.collection(Collections.signups).doc(id).set(w.set)
            : tx.collection(Collections.signups).doc(id).update(w.update),
        ),
        ...notices.map((entry) => {
          const notice = messageOf(ctx, promotedNotice(activity, entry));
          const { _id: key, ...rest } = notice;
          return tx.collection(Collections.messages).doc(key).set(rest);
        }),
      ]);
    }
    return { queue, outcomes };
  });
  return result.outcomes.map((o) => (o instanceof Error ? o : { ...o, activity: result.queue }));
}

/**
 * Inside the batch's transaction: the stored state of each holder of a place whom a
 * cancellation of the batch names (one read each), by userId.
 */
async function holdersStates(
  tx: Transaction,
  activity: QueuedActivity,
  batch: readonly Move[],
): Promise<Map<string, SignupState>> {
  const ids = new Set(
    batch
      .filter((m) => m.kind === 'cancel' && m.actor.user && activity.holders.includes(m.actor.user._id))
      .map((m) => m.actor.user!._id),
  );
  const states = await Promise.all(
    [...ids].map(async (userId) => {
      const doc = (await tx.collection(Collections.signups).doc(signupId(activity._id, userId)).get()).data as
        SignupDoc | null | undefined;
      return [userId, doc?.state ?? 'confirmed'] as const;
    }),
  );
  return new Map(states);
}
