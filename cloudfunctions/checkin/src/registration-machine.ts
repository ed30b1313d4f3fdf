/**
 * The lifecycles of a member's registration (报到) with a community and of a work unit's
 * registration, as data (drawn in docs/state-machines.md). A registration is decided once while
 * pending; the member may withdraw (注销) it while pending or approved; an approved one ends
 * when the member's Party-member role is revoked (settled by registrations.ts). A refused move
 * is PRECONDITION_FAILED `registration.not-pending` (registrations.ts `notDecidable`). Every
 * move out of `pending` adds the audit entry `registrationLeftPendingKey` in its transaction,
 * which makes the moves out of `pending` exclusive without a re-read (`applyKeyedMove`).
 */
import {
  REGISTRATION_STATUSES,
  registrationStatusLabels,
  type RegistrationStatus,
} from '../../../types/labels/checkin';
import { Collections } from '../../_shared/collections';
import { defineMachine } from '../../_shared/state-machine';

/**
 * `member`: the Party member the registration is theirs; `admin`: an admin of the community (not
 * the member); `system`: the settling of a registration whose member role was revoked.
 */
export type RegistrationWho = 'member' | 'admin' | 'system';

export const registrationMachine = defineMachine<
  RegistrationStatus,
  RegistrationWho,
  'register' | 'decide' | 'withdraw' | 'end'
>({
  name: 'registration',
  about: '党员报到：党员提交，社区管理员审核（通过 / 驳回），本人可在审核前或报到后注销；党员身份撤销后报到终止',
  collection: Collections.registrations,
  field: 'status',
  states: REGISTRATION_STATUSES,
  labels: registrationStatusLabels,
  moves: {
    register: { from: [null], to: 'pending', who: 'member', label: '提交' },
    decide: { from: ['pending'], to: ['approved', 'rejected'], who: 'admin', label: '审核' },
    withdraw: { from: ['pending', 'approved'], to: 'withdrawn', who: 'member', label: '注销' },
    end: { from: ['approved'], to: 'ended', who: 'system', label: '终止' },
  },
});

/**
 * The states of a work unit's registration, as its document declares them. No move withdraws
 * one yet: `withdrawn` is declared but unreachable (the diagram shows it on its own).
 */
export type UnitRegistrationStatus = Extract<RegistrationStatus, 'pending' | 'approved' | 'rejected' | 'withdrawn'>;

/** `liaison`: the person registering the unit; `admin`: an admin of the community (not the liaison). */
export type UnitRegistrationWho = 'liaison' | 'admin';

export const unitRegistrationMachine = defineMachine<
  UnitRegistrationStatus,
  UnitRegistrationWho,
  'register' | 'decide'
>({
  name: 'unitRegistration',
  about: '单位报到：单位联络员提交，社区管理员审核（通过即建立报到单位 / 驳回）',
  collection: Collections.unitRegistrations,
  field: 'status',
  states: ['pending', 'approved', 'rejected', 'withdrawn'],
  labels: {
    pending: registrationStatusLabels.pending,
    approved: registrationStatusLabels.approved,
    rejected: registrationStatusLabels.rejected,
    withdrawn: registrationStatusLabels.withdrawn,
  },
  moves: {
    register: { from: [null], to: 'pending', who: 'liaison', label: '提交' },
    decide: { from: ['pending'], to: ['approved', 'rejected'], who: 'admin', label: '审核' },
  },
});

/**
 * The `_id` of the audit entry of a registration's leaving `pending` — its decision (approval
 * or rejection) or its withdrawal while pending. Each of those moves adds this entry in the
 * transaction that makes it (`applyKeyedMove`), so it is the move's key: of a decision and a
 * withdrawal racing, or two deciders, exactly one commits, and the others' add collides.
 */
export function registrationLeftPendingKey(registrationId: string): string {
  return `audit-registration-left-pending-${registrationId}`;
}
