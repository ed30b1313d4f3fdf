/** The `checkin` cloud function (双报到 and 签到): action name → verb, and the daily counter reconcile timer. */
import { checkinActions } from '../../../types/checkin';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { cancelEvent } from './cancel-event';
import { checkIn } from './check-in';
import { createEvent } from './create-event';
import { decideRegistration } from './decide-registration';
import { decideUnitRegistration } from './decide-unit-registration';
import { listAttendance } from './list-attendance';
import { listEvents } from './list-events';
import { listRegistrations } from './list-registrations';
import { listUnitRegistrations } from './list-unit-registrations';
import { liveCode } from './live-code';
import { myRegistrations } from './my-registrations';
import { reconcile, reconcileJob } from './reconcile';
import { recordAttendance } from './record-attendance';
import { registerMember } from './register-member';
import { registerWorkUnit } from './register-work-unit';
import { withdrawRegistration } from './withdraw-registration';

export const routes = defineRoutes(checkinActions, {
  registerMember,
  myRegistrations,
  listRegistrations,
  decideRegistration,
  withdrawRegistration,
  registerWorkUnit,
  listUnitRegistrations,
  decideUnitRegistration,
  createEvent,
  cancelEvent,
  listEvents,
  liveCode,
  checkIn,
  recordAttendance,
  listAttendance,
  reconcile,
});
export const main = createHandler('checkin', routes, { timers: { reconcile: reconcileJob } });
