/** The `wish` cloud function: action name → verb, and the hourly expiry/auto-release job. */
import { wishActions } from '../../../types/wish';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { claimWish } from './claim-wish';
import { clearHold } from './clear-hold';
import { confirmWish } from './confirm-wish';
import { expireAndRelease } from './expire-and-release';
import { fulfilWish } from './fulfil-wish';
import { getWish } from './get-wish';
import { listHeldTexts } from './list-held-texts';
import { listMine } from './list-mine';
import { listReviewQueue } from './list-review-queue';
import { listWall } from './list-wall';
import { postWish } from './post-wish';
import { releaseClaim } from './release-claim';
import { reviewWish } from './review-wish';
import { revokeClaim } from './revoke-claim';
import { withdrawWish } from './withdraw-wish';

export const routes = defineRoutes(wishActions, {
  post: postWish,
  review: reviewWish,
  withdraw: withdrawWish,
  claim: claimWish,
  release: releaseClaim,
  revokeClaim,
  fulfil: fulfilWish,
  confirm: confirmWish,
  get: getWish,
  wall: listWall,
  mine: listMine,
  reviewQueue: listReviewQueue,
  heldTexts: listHeldTexts,
  clearHold,
});
export const main = createHandler('wish', routes, { timers: { 'expire-and-release': expireAndRelease } });
