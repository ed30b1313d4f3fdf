/**
 * The ONE table of allowed moves of a wish: `{ from, to, via, who }`. Invariants:
 * - every state change of a wish — by a person or by the scheduler — is a row of this table,
 *   checked by `decideMove` and written by `applyMove` (move.ts) as a conditional update;
 * - the state is checked before the person: a move that is not in the table from the current
 *   state is PRECONDITION_FAILED `wish.illegal-move`, naming the current state in Chinese;
 *   a member claiming a wish someone else holds is CONFLICT `wish.already-claimed`;
 * - a move that is in the table but not for this person is FORBIDDEN with a Chinese message.
 */
import { AppError } from '../../../types/errors';
import { wishStateLabels, type WishDetail, type WishState } from '../../../types/wish';

/** Who may make a move, relative to the wish (computed in access.ts). */
export type Who =
  /** a resident of the community with a household there */
  | 'resident'
  /** the person who posted the wish */
  | 'poster'
  /** a leader of the wish's building or estate, or an admin of its community (not the poster) */
  | 'reviewer'
  /** an admin of the wish's community */
  | 'admin'
  /** a Party member of the community, or a liaison for their work unit (not the poster) */
  | 'claimant'
  /** the person holding the current claim */
  | 'claimer'
  /** the scheduled job */
  | 'system';

export type Via =
  | 'post'
  | 'review'
  | 'withdraw'
  | 'claim'
  | 'release'
  | 'revokeClaim'
  | 'fulfil'
  | 'confirm'
  | 'expire'
  | 'autoRelease';

export interface Transition {
  readonly from: WishState | null;
  readonly to: WishState;
  readonly via: Via;
  readonly who: Who;
}

export const transitions: readonly Transition[] = [
  { from: null, to: 'submitted', via: 'post', who: 'resident' },
  { from: 'submitted', to: 'published', via: 'review', who: 'reviewer' },
  { from: 'submitted', to: 'rejected', via: 'review', who: 'reviewer' },
  { from: 'submitted', to: 'withdrawn', via: 'withdraw', who: 'poster' },
  { from: 'published', to: 'withdrawn', via: 'withdraw', who: 'poster' },
  { from: 'published', to: 'claimed', via: 'claim', who: 'claimant' },
  { from: 'claimed', to: 'published', via: 'release', who: 'claimer' },
  { from: 'claimed', to: 'published', via: 'revokeClaim', who: 'admin' },
  { from: 'claimed', to: 'fulfilled', via: 'fulfil', who: 'claimer' },
  { from: 'fulfilled', to: 'confirmed', via: 'confirm', who: 'poster' },
  // The scheduler: a wish nobody took up by its date expires (an unreviewed one too); a claim
  // not fulfilled within the community's limit goes back to the wall.
  { from: 'submitted', to: 'expired', via: 'expire', who: 'system' },
  { from: 'published', to: 'expired', via: 'expire', who: 'system' },
  { from: 'claimed', to: 'published', via: 'autoRelease', who: 'system' },
];

const moveLabels: Record<Via, string> = {
  post: '发布',
  review: '审核',
  withdraw: '撤回',
  claim: '认领',
  release: '放弃认领',
  revokeClaim: '撤销认领',
  fulfil: '标记完成',
  confirm: '确认完成',
  expire: '设为过期',
  autoRelease: '自动释放',
};

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
};

/** The rows for a move from a state (optionally to a given state). */
export function movesFrom(state: WishState, via: Via, to?: WishState): Transition[] {
  return transitions.filter((t) => t.from === state && t.via === via && (to === undefined || t.to === to));
}

export function illegalMove(state: WishState, via: Via): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'wish.illegal-move',
    `该心愿当前状态为「${wishStateLabels[state]}」，不能${moveLabels[via]}`,
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
  const rows = movesFrom(wish.state, via, to);
  if (rows.length === 0) throw stateRefusal(wish, via, callerId);
  const row = rows.find((r) => who.has(r.who));
  if (!row) throw new AppError('FORBIDDEN', `wish.not-${rows[0]!.who}`, forbiddenMessages[via]);
  return row;
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
  return buttons.filter(([, via]) => movesFrom(state, via).some((r) => who.has(r.who))).map(([button]) => button);
}
