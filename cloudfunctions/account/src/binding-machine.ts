/**
 * The lifecycle of a binding request (a person asking to be bound to a household), as data
 * (drawn in docs/state-machines.md): it is decided or withdrawn once, while pending; every
 * other state is final. Written through `applyMove` (_shared/state-machine.ts), so racing
 * deciders and a racing withdrawal produce exactly one outcome (`binding.not-pending` for the
 * others, bindings.ts).
 */
import { BINDING_STATUSES, bindingStatusLabels, type BindingStatus } from '../../../types/labels/account';
import { Collections } from '../../_shared/collections';
import { defineMachine } from '../../_shared/state-machine';

/**
 * `applicant`: the person the request binds; `decider`: an admin of the request's community or
 * a leader of its building (building leader, or estate leader of its estate), not the applicant.
 */
export type Who = 'applicant' | 'decider';
export type Via = 'request' | 'decide' | 'withdraw';

export const bindingMachine = defineMachine<BindingStatus, Who, Via>({
  name: 'binding',
  about: '房屋绑定申请：居民提交，管理员或楼栋党小组长审核（通过 / 驳回），审核前本人可撤回',
  collection: Collections.bindingRequests,
  field: 'status',
  states: BINDING_STATUSES,
  labels: bindingStatusLabels,
  moves: {
    request: { from: [null], to: 'pending', who: 'applicant', label: '提交' },
    decide: { from: ['pending'], to: ['approved', 'rejected'], who: 'decider', label: '审核' },
    withdraw: { from: ['pending'], to: 'withdrawn', who: 'applicant', label: '撤回' },
  },
});
