/**
 * Recording that a member attended an event — shared by the QR check-in and the organiser's
 * manual record. Invariants:
 * - one `checkins` document per member and event, `_id` = `<eventId>:<userId>`, added with that
 *   explicit id: of any number of concurrent attempts exactly one add succeeds, the rest
 *   collide (DATABASE_DUPLICATE_WRITE) and are answered "already checked in";
 * - only the successful add increments the event's `checkedInCount` and credits the community's
 *   check-in points through the ledger (key `checkin:<eventId>:<userId>`, itself idempotent);
 * - a repeat long after the first (older than HEAL_AFTER_MS) credits the points if the first
 *   attempt died between its two writes — `credit()` makes that safe.
 */
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import type { CheckinDoc, EventDoc, UserDoc } from '../../_shared/documents';
import { credit, LEDGER } from '../../_shared/ledger';
import { pointRules } from '../../_shared/point-rules';
import { quarterOf } from '../../../types/time';
import { C, findById } from './store';

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

export async function recordAttendance(
  ctx: Ctx,
  args: {
    event: EventDoc;
    member: Pick<UserDoc, '_id' | 'name'>;
    method: CheckinDoc['method'];
    reason: string | null;
    recordedBy: string | null;
  },
): Promise<Recorded> {
  const { event, member } = args;
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
  try {
    await ctx.db.collection(C.checkins).add(doc);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const existing = (await findById<CheckinDoc>(ctx, C.checkins, doc._id)) ?? doc;
    const stale = now.getTime() - new Date(existing.checkedInAt).getTime() > HEAL_AFTER_MS;
    const pointsAwarded = stale ? await healPoints(ctx, event, existing) : 0;
    return { doc: existing, added: false, pointsAwarded };
  }
  await ctx.db
    .collection(C.events)
    .doc(event._id)
    .update({ checkedInCount: ctx.db.command.inc(1) });
  return { doc, added: true, pointsAwarded: await creditCheckin(ctx, event, doc) };
}

function ledgerKey(doc: CheckinDoc): string {
  return `checkin:${doc.eventId}:${doc.userId}`;
}

async function creditCheckin(ctx: Ctx, event: EventDoc, doc: CheckinDoc): Promise<number> {
  const rules = await pointRules(ctx, event.communityId);
  if (rules.checkin <= 0) return 0;
  const { credited } = await credit(ctx, {
    key: ledgerKey(doc),
    userId: doc.userId,
    communityId: event.communityId,
    amount: rules.checkin,
    reason: 'checkin',
    sourceId: event._id,
    explanation: `签到：${event.title} +${rules.checkin}`,
    createdBy: doc.recordedBy,
  });
  return credited ? rules.checkin : 0;
}

/** One read when all is well; credits only when the ledger has no entry for this check-in. */
async function healPoints(ctx: Ctx, event: EventDoc, doc: CheckinDoc): Promise<number> {
  const entry = await ctx.db.collection(LEDGER).doc(ledgerKey(doc)).get();
  if ((entry.data as unknown[]).length > 0) return 0;
  return creditCheckin(ctx, event, doc);
}
