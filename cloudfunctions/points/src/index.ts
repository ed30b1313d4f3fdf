/** The `points` cloud function: action name → verb, the quarterly timer job and the daily balance reconcile. */
import { pointsActions } from '../../../types/points';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { adjustPoints } from './adjust-points';
import { closeQuarter } from './close-quarter';
import { closeQuartersJob } from './close-quarters-job';
import { exportXlsx } from './export-xlsx';
import { getRules } from './get-rules';
import { listRatings } from './list-ratings';
import { memberLedger } from './member-ledger';
import { myPoints } from './my-points';
import { quarterReport } from './quarter-report';
import { rate } from './rate';
import { reconcile, reconcileJob } from './reconcile';
import { reverseEntry } from './reverse-entry';
import { serviceCards } from './service-cards';
import { updateRules } from './update-rules';

export const routes = defineRoutes(pointsActions, {
  getRules,
  updateRules,
  myPoints,
  memberLedger,
  adjustPoints,
  reverseEntry,
  quarterReport,
  closeQuarter,
  rate,
  listRatings,
  serviceCards,
  exportXlsx,
  reconcile,
});
export const main = createHandler('points', routes, {
  timers: { 'close-quarters': closeQuartersJob, reconcile: reconcileJob },
});
