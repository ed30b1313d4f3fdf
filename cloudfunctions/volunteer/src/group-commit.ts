/**
 * Group commit of an activity's queue moves (sign-ups and cancellations). Invariants:
 * - moves for the same activity that reach this function instance while a transaction runs are
 *   committed together by the next one, in arrival order (at most BATCH), instead of conflicting
 *   on the activity document; across instances, transaction conflicts serialise them;
 * - each move has its own outcome: a refusal of one (thrown AppError) writes nothing of it and
 *   does not touch the others;
 * - one transaction reads the activity (its `holders` and waitlist shape, queue.ts), applies the
 *   moves in order, and writes every touched sign-up document once, the notices of the people a
 *   cancellation promoted, and the activity (holders, waitlist shape, counters) once — the
 *   activity stays small whatever the waitlist (docs/adr/0033);
 * - what each mover's own read found (its `MoveHint`: their sign-up, and for a cancellation the
 *   first waiting sign-ups) is used only where the activity proves it still true: a holder by
 *   `holders`, a waiting sign-up by its seq (`isWaiting`), a head by its seq (`promoteHeads`).
 *   A person with no sign-up document is added (`add`: a document written meanwhile collides
 *   and aborts the batch, which runs again reading every mover's sign-up in the transaction);
 *   anyone else the activity cannot vouch for has their sign-up read in the transaction;
 * - every state written is asked of the sign-up table (`signupStateAfter`, signup-machine.ts),
 *   from the state so established; once attendance has opened (30 minutes before the start), a
 *   holder's cancellation reads their sign-up in the transaction, and a place checked in or
 *   recorded is refused (PRECONDITION_FAILED `signup.attended`) — the table does not cancel it;
 * - a move may carry documents to add with it (`Alongside`: an admin's refusal of a 代办 sign-up,
 *   its audit entry owing its messages), added in the batch's transaction only if the move
 *   succeeds; that move alone is refused when an earlier move of the batch adds the same
 *   documents (two refusals of one sign-up: the second is `taken`, the batch goes on), or when
 *   the mover's sign-up is not the one meant — proved by the activity (its `nextSeq` unchanged
 *   since the mover's read, the mover live in it), else read there with the key document (when
 *   the key exists: `taken`); the notice of a person such a move promotes is owed on the
 *   activity in its write (`outbox.promoted-<seq>`, ADR 0031/0038), not added;
 * - a transaction that fails as a whole (a conflict the retries did not resolve, a crash) fails
 *   every move of its batch; nothing of it is written.
 */
import { Collections } from '../../_shared/collections';
import { AppError } from '../../../types/errors';
import type { SignupState } from '../../../types/volunteer';
import { callerJoined, type Actor, type RowStages } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { Transaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import type { AuditDoc, UserDoc } from '../../_shared/documents';
import type { ProxyStamp } from '../../../types/proxy';
import { crashPoint } from '../../_shared/crash-points';
import { messageOf } from '../../_shared/notify';
import { batchOf, owedToInUpdate } from '../../_shared/outbox';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { decide } from '../../_shared/state-machine';
import { forbidden, inAudience } from './permissions';
import {
  candidatesOf,
  headsPipeline,
  isWaiting,
  joined,
  left,
  PROMOTE_MAX,
  promotedNotice,
  queueFields,
  queueTransaction,
  readHeads,
  readQueued,
  StaleHeads,
  type QueuedActivity,
} from './queue';
import { upcomingPipeline } from './overlap';
import { attendanceOpened } from './rules';
import { signupMachine, signupStateAfter } from './signup-machine';
import { noAttendanceYet, signupId, type ActivityDoc, type SignupDoc, type WaitEntry } from './store';

/** Moves per transaction: each writes one sign-up document (a promotion two more). */
const BATCH = 20;

const exists = () => new AppError('CONFLICT', 'signup.exists', '您已报名该活动，请勿重复报名');
const notFound = () => new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');
const notSignedUp = () => new AppError('PRECONDITION_FAILED', 'signup.not-active', '您没有可取消的报名');
const attended = () => new AppError('PRECONDITION_FAILED', 'signup.attended', '您已签到或考勤已登记，不能再取消报名');

export type MoveKind = 'signUp' | 'cancel';

/** What the mover's own read (before the transaction) found; only ever a hint. */
export interface MoveHint {
  /** Their sign-up of this activity: null = none was stored; undefined = not read. */
  signup?: SignupDoc | null;
  /** The first waiting sign-ups of the activity (for a cancellation's promotion). */
  heads?: SignupDoc[];
  /** For a sign-up: the caller's upcoming places (overlap.ts `upcomingPipeline`), for the overlap warning. */
  upcoming?: SignupDoc[];
}

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

/** A sign-up done by a proxy (代办): its stamp, and its audit entry for the sign-up it makes. */
export interface ProxyMove {
  stamp: ProxyStamp;
  audit: (signup: SignupDoc) => AuditDoc;
}

/**
 * Documents a move adds with itself in its batch's transaction, only when the move succeeds (an
 * admin's refusal of a 代办 sign-up: its audit entry, owing its messages). The move is refused
 * with `taken()` (the others go on) when an earlier move of the same batch added the same
 * documents, or when `key`'s document exists; and with `check`'s error when the mover's sign-up
 * is not the one meant. The sign-up the mover read (their hint) stands without a read when the
 * activity vouches for it: its `nextSeq` is still `asOf` (no sign-up was made since, so nobody
 * signed up again) and the activity holds the mover as a holder or as that waiting seq; else the
 * sign-up and `key` are read in the transaction.
 */
export interface Alongside {
  /** The key document, read with the mover's sign-up when the activity does not vouch for it. */
  key?: { collection: string; id: string };
  taken: () => AppError;
  /** Why the move may not be made on the mover's sign-up (null: it may). */
  check: (signup: SignupDoc | null) => AppError | null;
  /** The activity's `nextSeq` when the mover's hint was read (absent: not known, read the sign-up). */
  asOf?: number;
  docs: Array<{ collection: string; doc: { _id: string } }>;
  /** The crash point before the commit of a batch that carries these documents. */
  point: string;
}

interface Move {
  kind: MoveKind;
  ctx: Ctx;
  actor: Actor;
  hint: MoveHint;
  proxy?: ProxyMove;
  alongside?: Alongside;
  resolve: (outcome: MoveOutcome) => void;
  reject: (error: unknown) => void;
}

/** Moves waiting for the next transaction of their activity, per activity (this instance). */
const waiting = new Map<string, Move[]>();

/** Submits one move; resolves with its outcome once its batch has committed. */
export function submitMove(
  ctx: Ctx,
  actor: Actor,
  activityId: string,
  kind: MoveKind,
  hint: MoveHint = {},
  proxy?: ProxyMove,
  alongside?: Alongside,
): Promise<MoveOutcome> {
  return new Promise<MoveOutcome>((resolve, reject) => {
    const queue = waiting.get(activityId);
    const move = { kind, ctx, actor, hint, proxy, alongside, resolve, reject };
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
      const outcomes = await commitBatch(activityId, batch);
      outcomes.forEach((o, i) => (o instanceof Error ? batch[i]!.reject(o) : batch[i]!.resolve(o)));
    } catch (error) {
      for (const m of batch) m.reject(error);
    }
  }
}

/**
 * Commits a batch: first trusting the movers' hints; when an `add` collided (a sign-up written
 * meanwhile) again reading every mover's sign-up in the transaction; when the head candidates
 * were stale, again with the heads read afresh.
 */
async function commitBatch(activityId: string, batch: Move[]): Promise<Array<MoveOutcome | Error>> {
  let careful = false;
  let heads: SignupDoc[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await commit(activityId, batch, careful, heads);
    } catch (error) {
      if (attempt >= 4) throw error;
      if (isDuplicateWrite(error)) careful = true;
      else if (error instanceof StaleHeads) {
        const cancels = batch.filter((m) => m.kind === 'cancel').length;
        heads = await readHeads(batch[0]!.ctx, activityId, cancels + 2);
      } else throw error;
    }
  }
}

function newSignup(
  activity: ActivityDoc,
  user: UserDoc,
  openid: string,
  state: SignupState,
  seq: number,
  now: Date,
): SignupDoc {
  return {
    _id: signupId(activity._id, user._id),
    activityId: activity._id,
    communityId: activity.communityId,
    userId: user._id,
    userName: user.name,
    activityTitle: activity.title,
    state,
    seq,
    openid,
    startAt: new Date(activity.startAt),
    endAt: new Date(activity.endAt),
    ...noAttendanceYet(),
    createdAt: now,
    updatedAt: now,
  };
}

/** A sign-up document write of the batch: a new document, a whole one, or a change to a stored one. */
type Write = { add: Omit<SignupDoc, '_id'> } | { set: Omit<SignupDoc, '_id'> } | { update: Partial<SignupDoc> };

function stripId(doc: SignupDoc): Omit<SignupDoc, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/**
 * Where a mover stands, as the transaction knows it: holding a place, waiting with a seq, or not
 * live — with or without a stored document (`stored` null: none; undefined: not known, read it).
 */
type Standing =
  { kind: 'holder'; state: SignupState } | { kind: 'waiting'; seq: number } | { kind: 'none'; stored: boolean };

/** One transaction for a batch: each move's outcome, or its refusal. */
async function commit(
  activityId: string,
  batch: Move[],
  careful: boolean,
  freshHeads: SignupDoc[],
): Promise<Array<MoveOutcome | Error>> {
  const ctx = batch[0]!.ctx;
  const result = await queueTransaction(ctx, activityId, async (tx) => {
    const activity = await readQueued(tx, activityId);
    if (!activity) throw notFound();
    refuseCancelled(activity);
    const open = attendanceOpened(activity.startAt, ctx.now());
    const standings = await standingsOf(tx, activity, batch, careful, open);
    const refused = await Promise.all(batch.map((m) => alongsideRefusal(tx, activity, m)));
    const candidates = candidatesOf(freshHeads, ...batch.map((m) => m.hint.heads ?? []));
    let queue: QueuedActivity = activity;
    const writes = new Map<string, Write>();
    const write = (id: string, w: Write) => {
      const before = writes.get(id);
      if (!before || !('update' in w)) writes.set(id, w);
      else if ('add' in before) writes.set(id, { add: { ...before.add, ...w.update } });
      else if ('set' in before) writes.set(id, { set: { ...before.set, ...w.update } });
      else writes.set(id, { update: { ...before.update, ...w.update } });
    };
    const notices: WaitEntry[] = [];
    // Promotions made by a move that carries documents (a refusal): their notices are owed on the activity.
    const owedNotices: WaitEntry[] = [];
    const audits: AuditDoc[] = [];
    // The documents `Alongside` moves of this batch add: a second move adding the same is `taken`.
    const added = new Set<string>();
    const docKey = (d: { collection: string; doc: { _id: string } }) => `${d.collection}/${d.doc._id}`;

    const apply = (m: Move, i: number): Omit<MoveOutcome, 'activity'> | Error => {
      try {
        if (refused[i]) throw refused[i];
        const user = m.actor.user;
        const now = m.ctx.now();
        if (m.kind === 'signUp') {
          if (!user || !inAudience(m.actor, activity)) {
            throw forbidden('signup.not-audience', '您不在本活动的报名范围内');
          }
          requireBeforeDeadline(activity, now, 'signup.after-deadline');
          const standing = standings.get(user._id)!;
          if (standing.kind !== 'none') throw exists();
          const confirmed = queue.holders.length < queue.quota && queue.waitlistCount === 0;
          // Not live: no sign-up yet, or a cancelled one (which is written over whole).
          const state = signupStateAfter('signUp', null, confirmed ? 'confirmed' : 'waitlisted');
          const seq = queue.nextSeq + 1;
          queue = { ...queue, nextSeq: seq };
          queue = confirmed ? { ...queue, holders: [...queue.holders, user._id] } : joined(queue, seq);
          standings.set(user._id, confirmed ? { kind: 'holder', state } : { kind: 'waiting', seq });
          // Waiting from this batch on: a later cancellation in the same batch may promote them,
          // and no read of the database can find them before the commit (else StaleHeads for ever).
          if (!confirmed) candidates.set(seq, { userId: user._id, seq, openid: m.actor.openid ?? null });
          const made = newSignup(activity, user, m.actor.openid, state, seq, now);
          const signup = m.proxy ? { ...made, proxy: m.proxy.stamp } : made;
          if (m.proxy) audits.push(m.proxy.audit(signup));
          write(signup._id, standing.stored ? { set: stripId(signup) } : { add: stripId(signup) });
          return { signup, position: confirmed ? null : queue.waitlistCount, promoted: [] };
        }
        // cancel
        if (!user) throw notSignedUp();
        requireBeforeDeadline(activity, now, 'signup.after-deadline');
        const standing = standings.get(user._id)!;
        if (standing.kind === 'none') throw notSignedUp();
        const from: SignupState = standing.kind === 'holder' ? standing.state : 'waitlisted';
        if (!decide(signupMachine, from, 'cancel').ok) throw attended();
        queue =
          standing.kind === 'holder'
            ? { ...queue, holders: queue.holders.filter((id) => id !== user._id) }
            : left(queue, standing.seq);
        standings.set(user._id, { kind: 'none', stored: true });
        const id = signupId(activityId, user._id);
        write(id, { update: { state: signupStateAfter('cancel', from), updatedAt: now } });
        const promoted: WaitEntry[] = [];
        if (queue.quota - queue.holders.length > 0 && queue.waitlistCount > 0 && !queue.cancelled) {
          const head = candidates.get(queue.waitHead);
          if (!head) throw new StaleHeads();
          promoted.push(head);
          write(signupId(activityId, head.userId), {
            update: { state: signupStateAfter('promote', 'waitlisted'), updatedAt: now },
          });
          (m.alongside ? owedNotices : notices).push(head);
          queue = left({ ...queue, holders: [...queue.holders, head.userId] }, head.seq);
          standings.set(head.userId, { kind: 'holder', state: 'confirmed' });
        }
        return { signup: { _id: id, state: 'cancelled' } as SignupDoc, position: null, promoted };
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
    };
    const outcomes = batch.map((m, i): Omit<MoveOutcome, 'activity'> | Error => {
      const along = m.alongside;
      if (along?.docs.some((d) => added.has(docKey(d)))) return along.taken();
      const outcome = apply(m, i);
      if (along && !(outcome instanceof Error)) for (const d of along.docs) added.add(docKey(d));
      return outcome;
    });

    if (audits.length > 0) crashPoint('volunteer.signUp.proxy-before-commit');
    const extras = batch.flatMap((m, i) => (m.alongside && !(outcomes[i] instanceof Error) ? [m.alongside] : []));
    for (const extra of extras) crashPoint(extra.point);
    if (writes.size > 0) {
      queue = { ...queue, ...queueFields(queue) };
      await tx
        .collection(Collections.activities)
        .doc(activityId)
        .update({
          ...queueFields(queue),
          ...owedPromotions(ctx, activity, owedNotices),
          updatedAt: batch[batch.length - 1]!.ctx.now(),
        });
      await Promise.all([
        ...[...writes].map(([id, w]) => {
          const doc = tx.collection(Collections.signups);
          if ('add' in w) return doc.add({ _id: id, ...w.add });
          return 'set' in w ? doc.doc(id).set(w.set) : doc.doc(id).update(w.update);
        }),
        ...audits.map((audit) => tx.collection(Collections.auditLog).add(audit)),
        ...extras.flatMap((extra) => extra.docs.map(({ collection, doc }) => tx.collection(collection).add(doc))),
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
 * The activity's update fields that owe the notices of people promoted by moves with no request
 * left for them (ADR 0031/0038): one batch per person (`promoted-<seq>`), delivered by their
 * message centre, a view of the activity or the list; nothing when there are none.
 */
function owedPromotions(ctx: Ctx, activity: ActivityDoc, heads: readonly WaitEntry[]): Record<string, unknown> {
  const owed = heads.map((head) => {
    const { subscription: _sentAfterCommit, ...notice } = promotedNotice(activity, head);
    return [`outbox.promoted-${head.seq}`, batchOf([notice])] as const;
  });
  return {
    ...Object.fromEntries(owed.map(([path, batch]) => [path, ctx.db.command.set(batch)])),
    ...owedToInUpdate(
      ctx,
      owed.map(([, batch]) => batch),
    ),
  };
}

/**
 * Inside the batch's transaction: why a move carrying documents may not be made (see `Alongside`):
 * nothing read when the activity vouches for the mover's hint, else their sign-up and the key.
 */
async function alongsideRefusal(tx: Transaction, activity: QueuedActivity, m: Move): Promise<AppError | null> {
  const along = m.alongside;
  const userId = m.actor.user?._id;
  if (!along || !userId) return null;
  const hinted = m.hint.signup;
  const vouched =
    hinted &&
    along.asOf !== undefined &&
    activity.nextSeq === along.asOf &&
    (activity.holders.includes(userId) || (hinted.state === 'waitlisted' && isWaiting(activity, hinted.seq)));
  if (vouched) return along.check(hinted);
  const [key, signup] = await Promise.all([
    along.key ? tx.collection(along.key.collection).doc(along.key.id).get() : null,
    tx.collection(Collections.signups).doc(signupId(activity._id, userId)).get(),
  ]);
  if (key?.data) return along.taken();
  return along.check((signup.data as SignupDoc | null | undefined) ?? null);
}

/**
 * Inside the batch's transaction: where each mover stands. The activity vouches for holders
 * (`holders`) and for a hinted waiting seq (`isWaiting`); a mover's hint of no sign-up at all is
 * trusted (their sign-up is then added, and collides if one exists); anyone else — and, when
 * `careful`, everyone — has their sign-up read (one request each, in parallel). Once attendance
 * has opened (`open`), a holder who cancels has their sign-up read too: their place may have been
 * checked in or recorded, which the activity does not say.
 */
async function standingsOf(
  tx: Transaction,
  activity: QueuedActivity,
  batch: readonly Move[],
  careful: boolean,
  open: boolean,
): Promise<Map<string, Standing>> {
  const out = new Map<string, Standing>();
  const toRead = new Set<string>();
  for (const m of batch) {
    const userId = m.actor.user?._id;
    if (!userId || out.has(userId) || toRead.has(userId)) continue;
    const hinted = m.hint.signup;
    if (activity.holders.includes(userId)) {
      if (open && m.kind === 'cancel') toRead.add(userId);
      else out.set(userId, { kind: 'holder', state: 'confirmed' });
    } else if (!careful && hinted === null) out.set(userId, { kind: 'none', stored: false });
    else if (!careful && hinted?.state === 'waitlisted' && isWaiting(activity, hinted.seq)) {
      out.set(userId, { kind: 'waiting', seq: hinted.seq });
    } else toRead.add(userId);
  }
  const read = await Promise.all(
    [...toRead].map(async (userId) => {
      const doc = (await tx.collection(Collections.signups).doc(signupId(activity._id, userId)).get()).data as
        SignupDoc | null | undefined;
      return [userId, doc ?? null] as const;
    }),
  );
  for (const [userId, doc] of read) {
    if (activity.holders.includes(userId)) out.set(userId, { kind: 'holder', state: doc?.state ?? 'confirmed' });
    else if (doc?.state === 'waitlisted' && doc.pending !== true && isWaiting(activity, doc.seq)) {
      out.set(userId, { kind: 'waiting', seq: doc.seq });
    } else out.set(userId, { kind: 'none', stored: doc !== null });
  }
  return out;
}

/**
 * What a move's caller read joins to the mover's row (`callerJoined`, or a 代办's `actingFor`):
 * their sign-up of this activity by its key and, for a cancellation, the activity's first waiting
 * sign-ups (an uncorrelated sub-pipeline: a sorted index read of PROMOTE_MAX + 1 documents,
 * whatever the waitlist's length); for a sign-up, their upcoming places (a sub-pipeline
 * correlated by the user's `_id`: a sorted index read of at most UPCOMING_MAX documents), from
 * which the overlap warning is made without a query.
 */
export function moveStages(ctx: Ctx, activityId: string, kind: MoveKind): RowStages {
  const $ = ctx.db.command.aggregate;
  return (query) => {
    const q = query
      .addFields({ _signupKey: $.concat([`${activityId}:`, '$_id']) })
      .lookup({ from: Collections.signups, localField: '_signupKey', foreignField: '_id', as: '_signup' });
    return kind === 'cancel'
      ? q.lookup({ from: Collections.signups, pipeline: headsPipeline(ctx, activityId, PROMOTE_MAX + 1), as: '_heads' })
      : q.lookup({
          from: Collections.signups,
          let: { uid: '$_id' },
          pipeline: upcomingPipeline(ctx, ctx.now()),
          as: '_upcoming',
        });
  };
}

/** The move's hint from what `moveStages` joined (null: the mover has no user document). */
export function moveHint(row: Record<string, unknown> | null, kind: MoveKind): MoveHint {
  if (!row) return {};
  const signups = (row._signup ?? []) as SignupDoc[];
  const hint: MoveHint = { signup: signups[0] ?? null, heads: (row._heads ?? []) as SignupDoc[] };
  if (kind === 'signUp') hint.upcoming = (row._upcoming ?? []) as SignupDoc[];
  return hint;
}

/** The caller (user and roles, as `loadActor`) and their move's hint (`moveStages`) in ONE request. */
export async function callerForMove(
  ctx: Ctx,
  activityId: string,
  kind: MoveKind,
): Promise<{ actor: Actor; hint: MoveHint }> {
  const { actor, joined } = await callerJoined(ctx, moveStages(ctx, activityId, kind));
  return { actor, hint: moveHint(joined, kind) };
}
