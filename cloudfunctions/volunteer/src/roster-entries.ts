/**
 * The roster rows of an activity, shared by roster and exportRoster. Invariants: only for the
 * organiser and admins (who see phones in full); ordered by seq (the sign-up order); waitlist
 * positions are 1..n over the live waitlisted sign-ups in seq order.
 */
import type { RosterEntry } from '../../../types/volunteer';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';
import { type ActivityDoc, type SignupDoc } from './store';
import { Collections } from '../../_shared/collections';

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
    proxyName: s.proxy?.actorName ?? null,
  };
}

/** Sign-ups on a roster: an activity's quota plus its waitlist, far below this. */
const ROSTER_MAX = 1000;

/** The activity's sign-ups in seq order with each person's phone: one request (sign-ups with their users). */
export async function rosterEntries(ctx: Ctx, activity: ActivityDoc): Promise<RosterEntry[]> {
  const res = await ctx.db
    .collection(Collections.signups)
    .aggregate()
    .match({ activityId: activity._id })
    .limit(ROSTER_MAX)
    .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: 'user' })
    .end();
  const signups = (res.data as Array<SignupDoc & { user?: UserDoc[] }>).sort((a, b) => a.seq - b.seq);
  let position = 0;
  return signups.map(({ user, ...s }) => {
    const waiting = s.state === 'waitlisted' && !s.pending;
    if (waiting) position++;
    return toEntry(s, user?.[0]?.phone ?? null, waiting ? position : null);
  });
}
