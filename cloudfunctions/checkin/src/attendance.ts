/**
 * Recording that a member attended an event — shared by the QR check-in and the organiser's
 * manual record. Invariants:
 * - one `checkins` document per member and event, `_id` = `<eventId>:<userId>`, added with that
 *   explicit id: of any number of concurrent attempts exactly one add succeeds, the rest
 *   collide (DATABASE_DUPLICATE_WRITE) and are answered "already checked in";
 * - the check-in document and the community's check-in points (ledger key
 *   `checkin:<eventId>:<userId>` and the balance) are written in one transaction
 *   (docs/adr/0015): a crash leaves all of them or none, so the balance is the ledger's sum; a
 *   retry of a call whose answer was lost finds the document and answers "already checked in";
 * - the event's `checkedInCount` is not in that transaction — every check-in of an event would
 *   write that one document, and a rush of members would conflict for seconds (measured: 100
 *   members at once did not finish in 10 s) — but is raised by one (an atomic `inc`) right
 *   after each new check-in's commit. A crash between the commit and that write leaves it one
 *   behind until the retry of the same scan (which recounts: `raiseCount` sets it to the number
 *   of the event's check-in documents if it is lower) or `checkin.reconcile` and its daily timer
 *   (reconcile.ts);
 * - a repeat long after the first (older than HEAL_AFTER_MS) credits the points if the record
 *   has none — check-ins stored before the transaction (ADR 0015) could have lost them;
 *   `credit()` makes that safe;
 * - a hand record's audit entry (`audit`) is written in the same transaction, with the id
 *   `checkin:<checkinId>`, so a record is never stored without it.
 * Requests (issue #13 part 4, docs/adr/0017): the transaction is start, check-in, entry,
 * balance (two for a member's first credit in the community), [audit,] commit; then the
 * counter's raise. The caller passes the community's rules it read with the event.
 */
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import type { AuditDoc, CheckinDoc, EventDoc, UserDoc } from '../../_shared/documents';
import type { CheckInResult } from '../../../types/checkin';
import { crashPoint } from '../../_shared/crash-points';
import { iso } from '../../_shared/db-helpers';
import { runTransaction } from '../../_shared/database';
import { credit, creditInTransaction, type CreditInput } from '../../_shared/ledger';
import { pointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { quarterOf } from '../../../types/time';
import { Collections } from '../../_shared/collections';

/** A first attempt this old has finished or died; its points can be checked and made good. */
const HEAL_AFTER_MS = 60 * 1000;

export function checkinId(eventId: string, userId: string): string {
  return `${eventId}:${userId}`;
}

export interface Recorded {
  doc: CheckinDoc;
  /** false when the member had already checked in. */
  added: boolean;
  pointsAwarded: number;
}

/**
 * A member's own check-in (by the QR or by the spoken code): the attendance recorded once, with
 * its credit, and the answer the member sees. The caller has checked the code, the window and
 * that the member is not the organiser.
 */
export async function checkInSelf(
  ctx: Ctx,
  args: { event: EventDoc; member: Pick<UserDoc, '_id' | 'name'>; method: 'qr' | 'code'; rules?: PointRulesDoc },
): Promise<CheckInResult> {
  const recorded = await recordAttendance(ctx, { ...args, reason: null, recordedBy: null });
  return {
    eventId: args.event._id,
    eventTitle: args.event.title,
    alreadyCheckedIn: !recorded.added,
    checkedInAt: iso(recorded.doc.checkedInAt),
    pointsAwarded: recorded.pointsAwarded,
  };
}

export async function recordAttendance(
  ctx: Ctx,
  args: {
    event: EventDoc;
    member: Pick<UserDoc, '_id' | 'name'>;
    method: CheckinDoc['method'];
    reason: string | null;
    recordedBy: string | null;
    /** The event's community rules, when the caller read them with the event. */
    rules?: PointRulesDoc;
    /**
     * The caller read that the member has no balance in the community yet: the first credit adds
     * it in one request (see `creditInTransaction`); if one was created meanwhile the add
     * collides and the record is run once more without this hint.
     */
    balanceAbsent?: boolean;
    /** The audit entry of a new record, written in its transaction (the record's `after` added). */
    audit?: {
      actor: Pick<UserDoc, '_id' | 'name'>;
      entry: Omit<AuditDoc, '_id' | 'actorId' | 'actorName' | 'at' | 'after'>;
      after: (doc: CheckinDoc, pointsAwarded: number) => unknown;
    };
  },
): Promise<Recorded> {
  const { event, member, audit } = args;
  const now = ctx.now();
  const doc: CheckinDoc = {
    _id: checkinId(event._id, member._id),
    eventId: event._id,
    eventTitle: event.title,
    communityId: event.communityId,
    userId: member._id,
    userName: member.name,
    method: args.method,
    reason: args.reason,
    recordedBy: args.recordedBy,
    quarter: quarterOf(now),
    checkedInAt: now,
  };
  const credit = await checkinCredit(ctx, event, doc, args.rules);
  let pointsAwarded = 0;
  try {
    pointsAwarded = await runTransaction(ctx.db, async (tx) => {
      await tx.collection(Collections.checkins).add(doc);
      const done = credit
        ? await creditInTransaction(tx, ctx, credit, { fresh: true, balanceAbsent: args.balanceAbsent })
        : null;
      const points = done?.credited ? done.entry.amount : 0;
      if (audit) {
        const entry: AuditDoc = {
          ...audit.entry,
          _id: `checkin:${doc._id}`,
          actorId: audit.actor._id,
          actorName: audit.actor.name,
          after: audit.after(doc, points),
          at: now,
        };
        await tx.collection(Collections.auditLog).add(entry);
      }
      crashPoint('checkin.record.before-commit');
      return points;
    });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const found = await getById(ctx, Collections.checkins, doc._id);
    // No check-in: what collided was the balance the caller thought absent (created meanwhile).
    if (!found && args.balanceAbsent) return recordAttendance(ctx, { ...args, balanceAbsent: false });
    const existing = found ?? doc;
    const stale = now.getTime() - new Date(existing.checkedInAt).getTime() > HEAL_AFTER_MS;
    // A first attempt that died after its commit left the counter behind: catch it up.
    await raiseCount(ctx, event._id);
    return { doc: existing, added: false, pointsAwarded: stale ? await healPoints(ctx, event, existing) : 0 };
  }
  crashPoint('checkin.record.after-commit');
  await ctx.db
    .collection(Collections.events)
    .doc(event._id)
    .update({ checkedInCount: ctx.db.command.inc(1) });
  return { doc, added: true, pointsAwarded };
}

/**
 * Brings the event's `checkedInCount` up to the number of its check-in documents: counts them
 * and raises the counter to that number only if it is lower (one conditional write, no
 * transaction). Check-ins are never removed, so every count is a lower bound of the truth and
 * the counter never moves down; the last check-in's own count includes every earlier commit.
 */
async function raiseCount(ctx: Ctx, eventId: string): Promise<void> {
  const _ = ctx.db.command;
  const { total } = await ctx.db.collection(Collections.checkins).where({ eventId }).count();
  await ctx.db
    .collection(Collections.events)
    .where({ _id: eventId, checkedInCount: _.lt(total) })
    .update({ checkedInCount: total });
}

function ledgerKey(doc: CheckinDoc): string {
  return `checkin:${doc.eventId}:${doc.userId}`;
}

/** The check-in's credit, or null when the community's rule gives none. */
async function checkinCredit(
  ctx: Ctx,
  event: EventDoc,
  doc: CheckinDoc,
  known?: PointRulesDoc,
): Promise<CreditInput | null> {
  const rules = known ?? (await pointRules(ctx, event.communityId));
  if (rules.checkin <= 0) return null;
  return {
    key: ledgerKey(doc),
    userId: doc.userId,
    communityId: event.communityId,
    amount: rules.checkin,
    reason: 'checkin',
    sourceId: event._id,
    explanation: `签到：${event.title} +${rules.checkin}`,
    createdBy: doc.recordedBy,
  };
}

async function creditCheckin(ctx: Ctx, event: EventDoc, doc: CheckinDoc): Promise<number> {
  const input = await checkinCredit(ctx, event, doc);
  if (!input) return 0;
  const { credited } = await credit(ctx, input);
  return credited ? input.amount : 0;
}

/** One read when all is well; credits only when the ledger has no entry for this check-in. */
async function healPoints(ctx: Ctx, event: EventDoc, doc: CheckinDoc): Promise<number> {
  const entry = await ctx.db.collection(Collections.pointLedger).doc(ledgerKey(doc)).get();
  if ((entry.data as unknown[]).length > 0) return 0;
  return creditCheckin(ctx, event, doc);
}
