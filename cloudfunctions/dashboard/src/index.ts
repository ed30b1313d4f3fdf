/** The `dashboard` cloud function (数据看板): action name → verb. */
import { dashboardActions } from '../../../types/dashboard';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { exportXlsx } from './export-xlsx';
import { overview } from './overview';

export const routes = defineRoutes(dashboardActions, { overview, exportXlsx });
export const main = createHandler('dashboard', routes);
