/** The `system` cloud function: action name → verb. */
import { systemActions } from '../../../types/system';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { ping } from './ping';

export const routes = defineRoutes(systemActions, { ping });
export const main = createHandler('system', routes);
