/**
 * Stored activity → the Activity result. Invariants: the QR secret and the internal counters
 * (`nextSeq`, `freeSlots`) never leave the server; `managedByAdmins` is derived by the caller
 * from the organiser's current roles (permissions.ts), never stored.
 */
import type { Activity } from '../../../types/volunteer';
import { iso } from '../../_shared/db-helpers';
import type { ActivityDoc } from './store';

export type MySignup = NonNullable<Activity['mySignup']>;

export function toActivity(
  doc: ActivityDoc,
  managedByAdmins: boolean,
  mine: MySignup | null = null,
  overlapWarning: string | null = null,
): Activity {
  return {
    id: doc._id,
    communityId: doc.communityId,
    title: doc.title,
    category: doc.category,
    description: doc.description,
    place: doc.place,
    startAt: iso(doc.startAt),
    endAt: iso(doc.endAt),
    signupDeadline: iso(doc.signupDeadline),
    quota: doc.quota,
    pointsPerHour: doc.pointsPerHour,
    audience: doc.audience,
    workUnitId: doc.workUnitId,
    organiserId: doc.organiserId,
    organiserName: doc.organiserName,
    managedByAdmins,
    confirmedCount: doc.confirmedCount,
    waitlistCount: doc.waitlistCount,
    cancelled: doc.cancelled,
    cancelReason: doc.cancelReason,
    mySignup: mine,
    overlapWarning,
  };
}
