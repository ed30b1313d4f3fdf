/**
 * The lifecycle of a wish, as data (drawn in docs/state-machines.md). Every state change of a
 * wish — by a person or by the scheduler — is a move of this table: decided in transitions.ts,
 * written by move.ts through `applyMove` (_shared/state-machine.ts). Who each `who` is, relative
 * to the wish, is computed in access.ts.
 */
import { WISH_STATES, wishStateLabels, type WishState } from '../../../types/labels/wish';
import { Collections } from '../../_shared/collections';
import { defineMachine } from '../../_shared/state-machine';

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
  | 'autoRelease'
  | 'refuseProxy';

export const wishMachine = defineMachine<WishState, Who, Via>({
  name: 'wish',
  about: '心愿：居民发布，审核后上墙，党员认领、完成，居民确认；无人认领到期过期',
  collection: Collections.wishes,
  field: 'state',
  states: WISH_STATES,
  labels: wishStateLabels,
  moves: {
    post: { from: [null], to: 'submitted', who: 'resident', label: '发布' },
    review: { from: ['submitted'], to: ['published', 'rejected'], who: 'reviewer', label: '审核' },
    withdraw: { from: ['submitted', 'published'], to: 'withdrawn', who: 'poster', label: '撤回' },
    claim: { from: ['published'], to: 'claimed', who: 'claimant', label: '认领' },
    release: { from: ['claimed'], to: 'published', who: 'claimer', label: '放弃认领' },
    revokeClaim: { from: ['claimed'], to: 'published', who: 'admin', label: '撤销认领' },
    fulfil: { from: ['claimed'], to: 'fulfilled', who: 'claimer', label: '标记完成' },
    confirm: { from: ['fulfilled'], to: 'confirmed', who: 'poster', label: '确认完成' },
    // The scheduler: a wish nobody took up by its date expires (an unreviewed one too); a claim
    // not fulfilled within the community's limit goes back to the wall.
    expire: { from: ['submitted', 'published'], to: 'expired', who: 'system', label: '设为过期' },
    autoRelease: { from: ['claimed'], to: 'published', who: 'system', label: '自动释放' },
    // An admin refuses a wish a proxy posted for a resident (代办) before anyone took it up.
    refuseProxy: { from: ['submitted', 'published'], to: 'withdrawn', who: 'admin', label: '撤销代办' },
  },
});
