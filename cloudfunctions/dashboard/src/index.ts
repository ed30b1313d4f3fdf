/** The `dashboard` cloud function (数据看板): action name → verb, and the roll-up fold job. */
import { dashboardActions } from '../../../types/dashboard';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { exportXlsx } from './export-xlsx';
import { overview } from './overview';
import { rebuildRollups } from './rebuild-rollups';
import { rollupsJob } from './rollup-fold';

export const routes = defineRoutes(dashboardActions, { overview, exportXlsx, rebuildRollups });
export const main = createHandler('dashboard', routes, { timers: { rollups: rollupsJob } });
