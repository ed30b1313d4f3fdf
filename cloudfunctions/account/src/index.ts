/** The `account` cloud function: action name → verb. */
import { accountActions } from '../../../types/account';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { decideBinding } from './decide-binding';
import { me } from './me';
import { grantRole } from './grant-role';
import { listAudit } from './list-audit';
import { listBindingRequests } from './list-binding-requests';
import { listPeople } from './list-people';
import { requestBinding } from './request-binding';
import { revokeRole } from './revoke-role';
import { saveProfile } from './save-profile';
import { withdrawBinding } from './withdraw-binding';
import { findProxyResident } from './find-proxy-resident';
import { myProxyConsents } from './my-proxy-consents';
import { recordProxyConsent } from './record-proxy-consent';
import { withdrawProxyConsent } from './withdraw-proxy-consent';

export const routes = defineRoutes(accountActions, {
  me,
  saveProfile,
  requestBinding,
  withdrawBinding,
  listBindingRequests,
  decideBinding,
  listPeople,
  grantRole,
  revokeRole,
  listAudit,
  findProxyResident,
  myProxyConsents,
  recordProxyConsent,
  withdrawProxyConsent,
});
export const main = createHandler('account', routes);
