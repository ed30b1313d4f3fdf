/** The `deliberation` cloud function: action name → verb, the close-windows job and the daily support-count reconcile. */
import { deliberationActions } from '../../../types/deliberation';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { addProgress } from './add-progress';
import { advanceTopic } from './advance-topic';
import { answerObjection } from './answer-objection';
import { castBallot } from './cast-ballot';
import { closeVote } from './close-vote';
import { closeWindows } from './close-windows';
import { draftProposal } from './draft-proposal';
import { endTopic } from './end-topic';
import { getTopic } from './get-topic';
import { liftSuspension } from './lift-suspension';
import { listOpinions } from './list-opinions';
import { listTopics } from './list-topics';
import { lodgeObjection } from './lodge-objection';
import { openTopic } from './open-topic';
import { postOpinion } from './post-opinion';
import { clearHold } from './clear-hold';
import { listHeldTexts } from './held-texts';
import { rateTopic } from './rate-topic';
import { recomputeTally } from './recompute-tally';
import { reconcile, reconcileJob } from './reconcile';
import { recordReview } from './record-review';
import { supportOpinion } from './support-opinion';
import { suspendNotice } from './suspend-notice';
import { turnout } from './turnout';

export const routes = defineRoutes(deliberationActions, {
  open: openTopic,
  list: listTopics,
  get: getTopic,
  advance: advanceTopic,
  end: endTopic,
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
  rate: rateTopic,
  reconcile,
  heldTexts: listHeldTexts,
  clearHold,
});
export const main = createHandler('deliberation', routes, {
  timers: { 'close-windows': closeWindows, reconcile: reconcileJob },
});
