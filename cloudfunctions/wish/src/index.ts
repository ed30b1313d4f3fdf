/** The `wish` cloud function: action name → verb, and the hourly expiry/auto-release job. */
import { wishActions } from '../../../types/wish';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { claim } from './claim';
import { clearHold } from './clear-hold';
import { confirm } from './confirm';
import { expireAndRelease } from './expire-and-release';
import { fulfil } from './fulfil';
import { get } from './get';
import { heldTexts } from './held-texts';
import { mine } from './mine';
import { post } from './post';
import { refuseProxyAct } from './refuse-proxy-act';
import { release } from './release';
import { review } from './review';
import { reviewQueue } from './review-queue';
import { revokeClaim } from './revoke-claim';
import { wall } from './wall';
import { withdraw } from './withdraw';

export const routes = defineRoutes(wishActions, {
  post,
  review,
  withdraw,
  claim,
  release,
  revokeClaim,
  fulfil,
  confirm,
  get,
  wall,
  mine,
  reviewQueue,
  heldTexts,
  clearHold,
  refuseProxyAct,
});
export const main = createHandler('wish', routes, { timers: { 'expire-and-release': expireAndRelease } });
