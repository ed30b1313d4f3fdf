/**
 * volunteer.reconcile — an admin of the activity's community (FORBIDDEN `auth.not-admin`
 * otherwise) rebuilds an activity's queue from its sign-up documents and repairs what disagreed;
 * audited when something changed. `reconcileActivity` also runs on the first touch of an activity
 * stored before the current queue shape existed (queue.ts), and drops an older design's stored
 * waitlist entries.
 * Invariants:
 * - `holders` = userIds of live sign-ups holding a place (confirmed, checked_in, completed,
 *   no_show) in seq order; the waitlist's shape (docs/adr/0033): `waitHead` = the lowest seq of a
 *   waitlisted sign-up (0: none), `waitGone` = the seqs above it up to `nextSeq` that are not a
 *   waitlisted sign-up's; `confirmedCount`/`waitlistCount` count them, `freeSlots` = quota −
 *   confirmedCount, and `nextSeq` is at least the highest seq handed out;
 * - a stored `pending` claim from the former design (never answered OK) is undone first
 *   (cancelled, one transaction each), so nothing half-done is counted or blocks anyone;
 * - the sign-ups are read by a query, which CloudBase cannot run inside a transaction, so the
 *   repair is optimistic: the activity and then its sign-ups are read in one aggregation (the
 *   activity matched first, its sign-ups looked up after it), and the repair transaction writes
 *   only if the activity's queue fields are still exactly as read (every sign-up move changes
 *   them in the same transaction as its document), else it reads again (up to 5 times); when
 *   everything agrees, nothing is written and no transaction is opened;
 * - it reports each field it changed as { before, after } (empty when all agreed; the waitlist
 *   as the people it names before and after); the admin action's audit entry is written in the
 *   repair's own transaction.
 * Requests (volunteer.reconcile): the activity with its sign-ups and the caller with their roles
 * 1 (one aggregation) when all agrees; a repair adds its transaction (start, re-read, write,
 * audit entry, commit) — 6.
 */
import type { ActivityIdInput, ReconcileResult } from '../../../types/volunteer';
import { type Actor } from '../../_shared/actor';
import { requireOpenid } from '../../_shared/auth';
import { auditDocOf, type AuditInput } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { runTransaction } from '../../_shared/database';
import type { AuditDoc } from '../../_shared/documents';
import { activityJoined, newId, type ActivityDoc, type SignupDoc } from './store';
import { applyMove } from '../../_shared/state-machine';
import { signupMachine } from './signup-machine';
import { Collections } from '../../_shared/collections';

export const PLACE_STATES = ['confirmed', 'checked_in', 'completed', 'no_show'] as const;

type Counter = 'freeSlots' | 'confirmedCount' | 'waitlistCount' | 'nextSeq';
export type QueueChanges = ReconcileResult['changed'];

const COUNTERS: Counter[] = ['freeSlots', 'confirmedCount', 'waitlistCount', 'nextSeq'];

class Moved extends Error {}

/** Sign-ups of one activity, far above its quota plus waitlist. */
const SIGNUPS_MAX = 5000;

/**
 * The activity and then all its sign-ups (any state), in one aggregation; with `openid`, the
 * caller (the first user with that OPENID) and their roles joined too — what `loadActor` reads.
 */
async function activityWithSignups(
  ctx: Ctx,
  activityId: string,
  openid?: string,
): Promise<{ activity: ActivityDoc; signups: SignupDoc[]; actor: Actor | null }> {
  const { activity, joined, actor } = await activityJoined<SignupDoc>(
    ctx,
    activityId,
    { from: Collections.signups, localField: '_id', foreignField: 'activityId', as: '_signups' },
    openid,
  );
  if (joined.length > SIGNUPS_MAX) throw new Error(`activity ${activityId} has more sign-ups than reconcile reads`);
  return { activity, signups: joined, actor: actor ?? null };
}

/** Undoes stored `pending` claims (one transaction each); returns how many. */
async function undoLegacyClaims(ctx: Ctx, claims: readonly SignupDoc[]): Promise<number> {
  let undone = 0;
  for (const claim of claims) {
    await runTransaction(ctx.db, async (tx) => {
      // A claim of the former design is a confirmed or waiting sign-up flagged `pending`: cancelled.
      const moved = await applyMove(
        ctx.db,
        signupMachine,
        'cancel',
        { id: claim._id, to: 'cancelled', where: { pending: true }, update: { pending: false, updatedAt: ctx.now() } },
        tx,
      );
      if (moved.applied) undone++;
    });
  }
  return undone;
}

/** The fields a sign-up move writes: what the repair transaction checks did not move. */
const fingerprint = (a: ActivityDoc) =>
  JSON.stringify([
    a.quota,
    ...COUNTERS.map((k) => a[k]),
    a.holders ?? null,
    a.waitHead ?? null,
    a.waitGone ?? null,
    a.waitlist ?? null,
  ]);

const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

const LIVE: readonly string[] = [...PLACE_STATES, 'waitlisted'];

/** The queue an activity's sign-ups make: holders and the waitlist's shape (queue.ts). */
interface Want {
  counters: Record<Counter, number>;
  holders: string[];
  waitHead: number;
  waitGone: number[];
  /** The waiting people, in seq order (for the report). */
  waiting: string[];
}

/** Who the stored activity says waits: by its waitlist shape, or an older design's entries. */
function storedWaiting(now: ActivityDoc, signups: readonly SignupDoc[]): string[] | null {
  if (typeof now.waitHead === 'number' && Array.isArray(now.waitGone)) {
    const bySeq = new Map(signups.map((s) => [s.seq, s.userId]));
    const out: string[] = [];
    for (let seq = now.waitHead; now.waitlistCount > 0 && seq <= now.nextSeq; seq++) {
      if (!now.waitGone.includes(seq)) out.push(bySeq.get(seq) ?? `seq:${seq}`);
    }
    return out;
  }
  return now.waitlist?.map((e) => e.userId) ?? null;
}

/** What disagrees between the stored activity and the queue its sign-ups make. */
function differences(now: ActivityDoc, want: Want, signups: readonly SignupDoc[]): QueueChanges {
  const out: QueueChanges = {};
  for (const k of COUNTERS) if (now[k] !== want.counters[k]) out[k] = { before: now[k], after: want.counters[k] };
  if (!sameList(now.holders, want.holders)) out.holders = { before: now.holders ?? null, after: want.holders };
  const before = storedWaiting(now, signups);
  const shape = now.waitHead === want.waitHead && sameList(now.waitGone, want.waitGone) && now.waitlist === undefined;
  if (!shape || !sameList(before ?? undefined, want.waiting)) {
    out.waitlist = { before: before?.filter((id) => !id.startsWith('seq:')) ?? null, after: want.waiting };
  }
  return out;
}

export async function reconcileActivity(
  ctx: Ctx,
  activityId: string,
  opts: {
    /** The activity with its sign-ups, already read by the caller (used for the first attempt). */
    read?: { activity: ActivityDoc; signups: SignupDoc[] };
    /** The audit entry of a repair, written in its transaction. */
    audit?: (changed: QueueChanges) => AuditDoc;
  } = {},
): Promise<{ changed: QueueChanges }> {
  let read = opts.read;
  for (let attempt = 1; ; attempt++) {
    read ??= await activityWithSignups(ctx, activityId);
    const { activity: seen, signups } = read;
    read = undefined;
    const claims = signups.filter((s) => s.pending === true);
    if (claims.length > 0) {
      await undoLegacyClaims(ctx, claims);
      continue;
    }
    const live = signups.filter((s) => LIVE.includes(s.state)).sort((x, y) => x.seq - y.seq);
    const maxSeq = signups.reduce((m, s) => Math.max(m, s.seq ?? 0), 0);
    const waiting = live.filter((s) => s.state === 'waitlisted');
    const holders = live.filter((s) => s.state !== 'waitlisted').map((s) => s.userId);
    const nextSeq = Math.max(seen.nextSeq, maxSeq);
    const waitHead = waiting[0]?.seq ?? 0;
    const waitSeqs = new Set(waiting.map((s) => s.seq));
    const waitGone: number[] = [];
    if (waiting.length > 0)
      for (let seq = waitHead + 1; seq <= nextSeq; seq++) if (!waitSeqs.has(seq)) waitGone.push(seq);
    const want: Want = {
      counters: {
        confirmedCount: holders.length,
        waitlistCount: waiting.length,
        freeSlots: seen.quota - holders.length,
        nextSeq,
      },
      holders,
      waitHead,
      waitGone,
      waiting: waiting.map((s) => s.userId),
    };
    // All agrees (the sign-ups were read after the activity, so a move in between would show).
    if (Object.keys(differences(seen, want, signups)).length === 0) return { changed: {} };
    try {
      const changed = await runTransaction(ctx.db, async (tx) => {
        const now = (await tx.collection(Collections.activities).doc(activityId).get()).data as ActivityDoc;
        if (fingerprint(now) !== fingerprint(seen)) throw new Moved();
        const out = differences(now, want, signups);
        if (Object.keys(out).length > 0) {
          await tx
            .collection(Collections.activities)
            .doc(activityId)
            .update({
              ...want.counters,
              holders,
              waitHead,
              waitGone,
              ...(now.waitlist !== undefined ? { waitlist: ctx.db.command.remove() } : {}),
            });
          if (opts.audit) await tx.collection(Collections.auditLog).add(opts.audit(out));
        }
        return out;
      });
      return { changed };
    } catch (error) {
      if (!(error instanceof Moved) || attempt >= 5) throw error;
    }
  }
}

export async function reconcile({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<ReconcileResult> {
  const { actor, ...read } = await activityWithSignups(ctx, input.activityId, requireOpenid(ctx));
  const { activity } = read;
  const admin = actor!.requireAdminOf(activity.communityId);
  const auditId = newId('audit');
  const audit = (changed: QueueChanges): AuditDoc => {
    const pick = (side: 'before' | 'after') =>
      Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[side]]));
    const entry: AuditInput = {
      communityId: activity.communityId,
      action: 'volunteer.reconcile',
      targetKind: 'activity',
      targetId: activity._id,
      summary: `核对志愿活动“${activity.title}”的报名计数并修正`,
      before: pick('before'),
      after: pick('after'),
    };
    return auditDocOf(ctx, admin, entry, auditId);
  };
  const { changed } = await reconcileActivity(ctx, activity._id, { read, audit });
  return { activityId: activity._id, changed };
}
