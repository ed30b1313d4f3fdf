/**
 * Deciding the moves of a topic, on its one table (topic-machine.ts). Invariants:
 * - the six steps run strictly in order collect → review → vote → notice → execute →
 *   evaluate → archived; any step before archived may be ended (终止); archived and ended are
 *   final (no rows leave them);
 * - vote → notice / ended is made only by closing the vote (`closeVote`), by a leader after
 *   the window or by the scheduler; a passed tally goes to notice, a failed one to ended;
 * - every row names who may make it: `leader` (a leader of the topic's building or estate, or
 *   an admin of its community) or `system` (the scheduled job);
 * - a move not in the table from the current step is PRECONDITION_FAILED `topic.illegal-move`,
 *   naming the current step in Chinese; a move in the table but not for this person is FORBIDDEN.
 * The extra conditions of each move (a passed review, a future window, answered objections…)
 * are checked by the verb after the table (advance.ts).
 */
import { AppError } from '../../../types/errors';
import { stepLabels, type Step } from '../../../types/deliberation';
import { decide, finalStates, type Row } from '../../_shared/state-machine';
import { topicMachine, type Via, type Who } from './topic-machine';

export type { Via, Who };

export interface Transition {
  readonly from: Step;
  readonly to: Step;
  readonly via: Via;
  readonly who: Who;
}

function toTransition({ from, to, move, who }: Row<Step, Who, Via>): Transition {
  return { from: from!, to, via: move, who };
}

/** The moves of an existing topic (topic-machine.ts), one row per from / to / person; opening is open.ts's (action `open`). */
export const transitions: readonly Transition[] = topicMachine.rows.filter((r) => r.from !== null).map(toTransition);

export function isFinal(step: Step): boolean {
  return finalStates(topicMachine).includes(step);
}

export function illegalMove(step: Step, via: Via, to?: Step): AppError {
  const target = to ? `到「${stepLabels[to]}」` : '';
  return new AppError(
    'PRECONDITION_FAILED',
    'topic.illegal-move',
    `该议题当前处于「${stepLabels[step]}」，不能${topicMachine.moves[via].label}${target}`,
  );
}

export function notLeader(): AppError {
  return new AppError('FORBIDDEN', 'topic.not-leader', '只有该议题所在楼栋/小区的负责人或社区管理员可以进行此操作');
}

/** The rows for a move from a step (optionally to a given step). */
export function movesFrom(step: Step, via: Via, to?: Step): Transition[] {
  return transitions.filter((t) => t.from === step && t.via === via && (to === undefined || t.to === to));
}

/**
 * The row for this move, or the refusal: the step first (PRECONDITION_FAILED), then the
 * person (FORBIDDEN).
 */
export function decideMove(step: Step, via: Via, who: ReadonlySet<Who>, to?: Step): Transition {
  const decision = decide(topicMachine, step, via, { who, ...(to === undefined ? {} : { to }) });
  if (decision.ok) return toTransition(decision.row);
  if (decision.why === 'illegal') throw illegalMove(step, via, to);
  throw notLeader();
}

/** An action that belongs to another step (posting, voting, objecting…): PRECONDITION_FAILED. */
export function wrongStep(step: Step, what: string): AppError {
  return new AppError('PRECONDITION_FAILED', 'topic.wrong-step', `该议题当前处于「${stepLabels[step]}」，不能${what}`);
}
