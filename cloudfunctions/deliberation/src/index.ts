/** The `deliberation` cloud function: action name → verb, the close-windows job and the daily support-count reconcile. */
import { deliberationActions } from '../../../types/deliberation';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { addProgress } from './add-progress';
import { advance } from './advance';
import { answerObjection } from './answer-objection';
import { castBallot } from './cast-ballot';
import { closeVote } from './close-vote';
import { closeWindows } from './close-windows';
import { draftProposal } from './draft-proposal';
import { end } from './end';
import { get } from './get';
import { liftSuspension } from './lift-suspension';
import { listOpinions } from './list-opinions';
import { list } from './list';
import { lodgeObjection } from './lodge-objection';
import { open } from './open';
import { postOpinion } from './post-opinion';
import { clearHold } from './clear-hold';
import { heldTexts } from './held-texts';
import { rate } from './rate';
import { recomputeTally } from './recompute-tally';
import { reconcile, reconcileJob } from './reconcile';
import { recordReview } from './record-review';
import { refuseProxyAct } from './refuse-proxy-act';
import { supportOpinion } from './support-opinion';
import { suspendNotice } from './suspend-notice';
import { turnout } from './turnout';

export const routes = defineRoutes(deliberationActions, {
  open,
  list,
  get,
  advance,
  end,
  postOpinion,
  supportOpinion,
  listOpinions,
  draftProposal,
  recordReview,
  castBallot,
  turnout,
  closeVote,
  recomputeTally,
  lodgeObjection,
  answerObjection,
  suspendNotice,
  liftSuspension,
  addProgress,
  rate,
  reconcile,
  heldTexts,
  clearHold,
  refuseProxyAct,
});
export const main = createHandler('deliberation', routes, {
  timers: { 'close-windows': closeWindows, reconcile: reconcileJob },
});
