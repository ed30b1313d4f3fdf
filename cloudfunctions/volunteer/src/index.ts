/** The `volunteer` cloud function (志愿服务): action name → verb, and the close-attendance timer. */
import { volunteerActions } from '../../../types/volunteer';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { cancel } from './cancel';
import { cancelSignup } from './cancel-signup';
import { closeAttendance } from './close-attendance';
import { correctAttendance } from './correct-attendance';
import { edit } from './edit';
import { exportRoster } from './export-roster';
import { get } from './get';
import { list } from './list';
import { liveCode } from './live-code';
import { myHours } from './my-hours';
import { publish } from './publish';
import { reconcile } from './reconcile';
import { refuseProxyAct } from './refuse-proxy-act';
import { roster } from './roster';
import { scan } from './scan';
import { signUp } from './sign-up';

export const routes = defineRoutes(volunteerActions, {
  publish,
  edit,
  cancel,
  list,
  get,
  signUp,
  cancelSignup,
  liveCode,
  scan,
  roster,
  correctAttendance,
  myHours,
  exportRoster,
  reconcile,
  refuseProxyAct,
});
export const main = createHandler('volunteer', routes, { timers: { 'close-attendance': closeAttendance } });
