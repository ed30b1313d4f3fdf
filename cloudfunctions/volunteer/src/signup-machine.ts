/**
 * The lifecycle of a sign-up to a volunteer activity, as data (drawn in docs/state-machines.md).
 * Sign-ups and cancellations move the activity's queue (`holders`, `waitlist`) in the same
 * transaction as the sign-up (group-commit.ts, queue.ts); attendance moves it by conditional
 * updates on the state it leaves (scan.ts, close-attendance.ts) or in a transaction that re-reads
 * it (correct-attendance.ts). A cancelled sign-up may be made again (the document is written
 * whole). Who each `who` is: `volunteer` the person signed up; `manager` the activity's organiser
 * (while they hold the role that let them publish it) or an admin of its community; `system`
 * the queue (promoting the first waiting person when a place frees) and the close-attendance job.
 * A place that has been checked in or recorded (checked in, completed, no-show) cannot be
 * cancelled: its holder is on site or their attendance is on record (PRECONDITION_FAILED
 * `signup.attended`, group-commit.ts).
 *
 * Every state a sign-up is written with is asked of this table: `applyMove` (a conditional write,
 * or a read and write in a transaction), `applyKeyedMove` (in a transaction keyed by a document
 * every competing move adds), or `signupStateAfter` for the queue's moves, whose transaction
 * reads the activity's lists — which say who holds a place and who waits — and writes them back
 * with the sign-ups (any competing queue move conflicts on the activity).
 */
import { SIGNUP_STATES, signupStateLabels, type SignupState } from '../../../types/labels/volunteer';
import { Collections } from '../../_shared/collections';
import { decide, defineMachine } from '../../_shared/state-machine';

export type SignupWho = 'volunteer' | 'manager' | 'system';

export type SignupMove = 'signUp' | 'promote' | 'cancel' | 'checkIn' | 'checkOut' | 'closeAttendance' | 'correct';

export const signupMachine = defineMachine<SignupState, SignupWho, SignupMove>({
  name: 'signup',
  about:
    '志愿活动报名：有名额即报名成功，否则候补（名额空出时依次递补）；签到、签退后完成；活动结束时未签到的记为未到场',
  collection: Collections.signups,
  field: 'state',
  states: SIGNUP_STATES,
  labels: signupStateLabels,
  moves: {
    signUp: { from: [null, 'cancelled'], to: ['confirmed', 'waitlisted'], who: 'volunteer', label: '报名' },
    promote: { from: ['waitlisted'], to: 'confirmed', who: 'system', label: '递补' },
    cancel: { from: ['confirmed', 'waitlisted'], to: 'cancelled', who: 'volunteer', label: '取消报名' },
    checkIn: { from: ['confirmed'], to: 'checked_in', who: 'volunteer', label: '签到' },
    checkOut: { from: ['checked_in'], to: 'completed', who: 'volunteer', label: '签退' },
    closeAttendance: {
      edges: [
        ['confirmed', 'no_show'],
        ['checked_in', 'completed'],
      ],
      who: 'system',
      label: '结束考勤',
    },
    correct: {
      from: ['confirmed', 'checked_in', 'completed', 'no_show'],
      to: ['completed', 'no_show'],
      who: 'manager',
      label: '更正考勤',
    },
  },
});

/**
 * The state `move` leads a sign-up to from `from` (`to` when the move offers a choice), as the
 * table allows. A move the table does not allow throws: the verbs refuse what a person may not do
 * before they ask, so reaching this is a bug, never a person's mistake.
 */
export function signupStateAfter(move: SignupMove, from: SignupState | null, to?: SignupState): SignupState {
  const verdict = decide(signupMachine, from, move, to === undefined ? {} : { to });
  if (!verdict.ok) throw new Error(`signup: ${move} does not lead from ${String(from)}${to ? ` to ${to}` : ''}`);
  return verdict.row.to;
}
