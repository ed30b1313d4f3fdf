/**
 * The roster rows of an activity, shared by roster and exportRoster. Invariants: only for the
 * organiser and admins (who see phones in full); ordered by seq (the sign-up order); waitlist
 * positions are 1..n over the live waitlisted sign-ups in seq order.
 */
import type { RosterEntry } from '../../../types/volunteer';
import type { Ctx } from '../../_shared/context';
import { getAll, getByIds, iso } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';
import { C, type ActivityDoc, type SignupDoc } from './store';

export function toEntry(s: SignupDoc, phone: string | null, position: number | null): RosterEntry {
  return {
    userId: s.userId,
    userName: s.userName,
    phone,
    state: s.state,
    waitlistPosition: position,
    checkedInAt: s.checkedInAt ? iso(s.checkedInAt) : null,
    checkedOutAt: s.checkedOutAt ? iso(s.checkedOutAt) : null,
    hours: s.hours,
    autoClosed: s.autoClosed,
    correctedReason: s.correctedReason,
  };
}

export async function rosterEntries(ctx: Ctx, activity: ActivityDoc): Promise<RosterEntry[]> {
  const signups = (await getAll<SignupDoc>(ctx.db.collection(C.signups).where({ activityId: activity._id }))).sort(
    (a, b) => a.seq - b.seq,
  );
  const users = await getByIds<UserDoc>(
    ctx,
    C.users,
    signups.map((s) => s.userId),
  );
  let position = 0;
  return signups.map((s) => {
    const waiting = s.state === 'waitlisted' && !s.pending;
    if (waiting) position++;
    return toEntry(s, users.get(s.userId)?.phone ?? null, waiting ? position : null);
  });
}
