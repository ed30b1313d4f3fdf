/**
 * Deciding the moves of a wish, on its ONE table (wish-machine.ts, rows `{ from, to, via, who }`).
 * Invariants:
 * - every state change of a wish — by a person or by the scheduler — is a row of that table,
 *   checked by `decideMove` (`decide`, _shared/state-machine.ts) and written by `applyMove`
 *   (move.ts) as a conditional update;
 * - the state is checked before the person: a move that is not in the table from the current
 *   state is PRECONDITION_FAILED `wish.illegal-move`, naming the current state in Chinese;
 *   a member claiming a wish someone else holds is CONFLICT `wish.already-claimed`;
 * - a move that is in the table but not for this person is FORBIDDEN with a Chinese message.
 */
import { AppError } from '../../../types/errors';
import { wishStateLabels, type WishDetail, type WishState } from '../../../types/wish';
import { allowedMoves as movesAllowed, decide, type Row } from '../../_shared/state-machine';
import { wishMachine, type Via, type Who } from './wish-machine';

export type { Via, Who };

export interface Transition {
  readonly from: WishState | null;
  readonly to: WishState;
  readonly via: Via;
  readonly who: Who;
}

/** The table's rows (wish-machine.ts), one per from / to / person. */
export const transitions: readonly Transition[] = wishMachine.rows.map(toTransition);

function toTransition({ from, to, move, who }: Row<WishState, Who, Via>): Transition {
  return { from, to, via: move, who };
}

const forbiddenMessages: Record<Via, string> = {
  post: '只有本社区已绑定房屋的居民可以发布心愿',
  review: '只有该楼栋的党小组长或社区管理员可以审核心愿',
  withdraw: '只有心愿的发布人可以撤回',
  claim: '只有本社区的党员（或报到单位联络员代表单位）可以认领心愿',
  release: '只有认领人可以放弃认领',
  revokeClaim: '只有本社区管理员可以撤销认领',
  fulfil: '只有认领人可以标记完成',
  confirm: '只有心愿的发布人可以确认完成',
  expire: '定时任务只能由系统触发',
  autoRelease: '定时任务只能由系统触发',
  refuseProxy: '只有本社区管理员可以撤销代办',
};

export function illegalMove(state: WishState, via: Via): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'wish.illegal-move',
    `该心愿当前状态为「${wishStateLabels[state]}」，不能${wishMachine.moves[via].label}`,
  );
}

export function alreadyClaimed(): AppError {
  return new AppError('CONFLICT', 'wish.already-claimed', '手慢了，这个心愿刚刚已被其他人认领');
}

/**
 * Why a move from `state` is refused for the state alone: someone else's claim is a CONFLICT
 * (the caller raced and lost, or the wall was stale), anything else an illegal move.
 */
export function stateRefusal(
  wish: { state: WishState; claimerId: string | null },
  via: Via,
  callerId: string | null,
): AppError {
  if (via === 'claim' && wish.state === 'claimed' && wish.claimerId !== callerId) return alreadyClaimed();
  return illegalMove(wish.state, via);
}

/**
 * The row for this move from the wish's current state and this person, or the refusal:
 * the state is checked first (PRECONDITION_FAILED / CONFLICT), then the person (FORBIDDEN).
 */
export function decideMove(
  wish: { state: WishState; claimerId: string | null },
  via: Via,
  who: ReadonlySet<Who>,
  callerId: string | null,
  to?: WishState,
): Transition {
  const decision = decide(wishMachine, wish.state, via, { who, ...(to === undefined ? {} : { to }) });
  if (decision.ok) return toTransition(decision.row);
  if (decision.why === 'illegal') throw stateRefusal(wish, via, callerId);
  throw new AppError('FORBIDDEN', `wish.not-${decision.rows[0]!.who}`, forbiddenMessages[via]);
}

/** The buttons of the detail page (WishDetail.allowed) and the move each stands for. */
const buttons: Array<[WishDetail['allowed'][number], Via]> = [
  ['review', 'review'],
  ['withdraw', 'withdraw'],
  ['claim', 'claim'],
  ['release', 'release'],
  ['revoke', 'revokeClaim'],
  ['fulfil', 'fulfil'],
  ['confirm', 'confirm'],
];

/** What this person may do now: the table's rows from the current state that name them. */
export function allowedMoves(state: WishState, who: ReadonlySet<Who>): WishDetail['allowed'] {
  const allowed = new Set(movesAllowed(wishMachine, state, who));
  return buttons.filter(([, via]) => allowed.has(via)).map(([button]) => button);
}
