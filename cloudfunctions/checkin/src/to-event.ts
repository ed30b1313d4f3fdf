/**
 * EventDoc → `CheckinEvent`, CheckinDoc → `Attendance`. Invariants: an event's QR secret and
 * cancel reason never leave the server through these (the reason goes to the audit log);
 * `managedByAdmins` is derived by the caller from the organiser's current roles, never stored.
 */
import type { Attendance, CheckinEvent } from '../../../types/checkin';
import { iso } from '../../_shared/db-helpers';
import type { CheckinDoc, EventDoc } from '../../_shared/documents';

export function toEvent(doc: EventDoc, checkedIn: boolean, managedByAdmins: boolean): CheckinEvent {
  return {
    id: doc._id,
    communityId: doc.communityId,
    title: doc.title,
    kind: doc.kind,
    place: doc.place,
    startAt: iso(doc.startAt),
    endAt: iso(doc.endAt),
    checkinOpensAt: iso(doc.checkinOpensAt),
    organiserId: doc.organiserId,
    organiserName: doc.organiserName,
    managedByAdmins,
    checkedInCount: doc.checkedInCount,
    checkedIn,
    cancelled: doc.cancelled,
  };
}

export function toAttendance(doc: CheckinDoc): Attendance {
  return {
    userId: doc.userId,
    userName: doc.userName,
    method: doc.method,
    checkedInAt: iso(doc.checkedInAt),
    reason: doc.reason ?? null,
  };
}
