/** The `account` cloud function: action name → verb. */
import { accountActions } from '../../../types/account';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { getMe } from './get-me';

export const routes = defineRoutes(accountActions, { me: getMe });
export const main = createHandler('account', routes);
