/**
 * volunteer.refuseProxyAct — an admin of the community refuses ONE 代办 sign-up already made,
 * named by its audit entry `audit-proxy.signUp:<activityId>:<residentId>:<seq>`
 * (docs/adr/0044-refusing-a-proxy-act.md; who may refuse, which act, the refusal's entry and
 * messages: _shared/proxy-refusal.ts).
 * Invariants:
 * - the sign-up must still be the one the entry records: the resident's sign-up of the activity,
 *   stamped by a proxy, with the entry's seq, not cancelled (else PRECONDITION_FAILED
 *   `proxy.act-gone`: she cancelled it, or signed up again herself) — checked on the read before
 *   and again in the cancellation's transaction;
 * - it is cancelled exactly as her own cancellation would be: the same move of the same group
 *   commit (group-commit.ts), run as the resident — the same rules (before the deadline,
 *   `signup.after-deadline`; not once checked in or recorded, `signup.attended`), a freed place
 *   promoted to the waitlist's head in the same transaction, the activity's holders, waitlist and
 *   counters moved with the documents (counters = documents, ADR 0014/0033);
 * - the refusal's entry and messages are added in that transaction (`Alongside`), so a crash
 *   (`volunteer.refuseProxyAct.before-commit`) leaves the cancellation, the entry and the
 *   messages, or none; a refusal already made — read in the transaction — is CONFLICT
 *   `proxy.act-already-refused`, nothing written, and the other moves of the batch go on;
 * - the promoted person's subscription message is sent after the commit, as for a cancellation.
 * Requests: the caller with the entries 1, the resident 1, the resident with their sign-up and the
 * waitlist's first entries 1, then the cancellation's transaction (ADR 0017) with the refusal's
 * key and her sign-up read and its entry and two messages added — 13 measured (nobody promoted).
 */
import type { RefusedProxyAct } from '../../../types/proxy';
import { Collections } from '../../_shared/collections';
import { getById } from '../../_shared/db-helpers';
import { asResident } from '../../_shared/proxy';
import {
  actGone,
  alreadyRefused,
  loadRefusal,
  refusalDocs,
  refusalWrites,
  type RefuseArgs,
} from '../../_shared/proxy-refusal';
import { callerForMove, submitMove } from './group-commit';
import { tellPromoted } from './queue';
import type { SignupDoc } from './store';

export async function refuseProxyAct({ ctx, input }: RefuseArgs): Promise<RefusedProxyAct> {
  const refusal = await loadRefusal(ctx, input, 'volunteer');
  const { entry } = refusal;
  // The entry's target is `<activityId>:<residentId>:<seq>` (sign-up id and seq).
  const suffix = `:${entry.residentId}:`;
  const at = entry.targetId.lastIndexOf(suffix);
  const activityId = at > 0 ? entry.targetId.slice(0, at) : '';
  const seq = Number(entry.targetId.slice(at + suffix.length));
  const resident = activityId ? await getById(ctx, Collections.users, entry.residentId) : null;
  if (!resident) throw actGone();
  const as = asResident(ctx, resident);
  const { actor, hint } = await callerForMove(as, activityId, 'cancel');
  // The sign-up the entry records: stamped by a proxy, with its seq, not cancelled (checked on the
  // caller's read, and again in the cancellation's transaction).
  const recorded = (s: SignupDoc | null | undefined): s is SignupDoc =>
    Boolean(s?.proxy) && s!.seq === seq && s!.state !== 'cancelled';
  const signup = hint.signup;
  if (!recorded(signup)) throw actGone();
  const writes = refusalWrites(ctx, refusal, {
    what: `志愿活动“${signup.activityTitle ?? ''}”的报名`,
    outcome: '该报名已取消，空出的名额按候补顺序递补',
    link: `/packages/volunteer/pages/detail/index?id=${activityId}`,
    kind: 'activity',
  });
  const done = await submitMove(as, actor, activityId, 'cancel', hint, undefined, {
    key: { collection: Collections.auditLog, id: writes.audit._id },
    taken: alreadyRefused,
    check: (stored) => (recorded(stored) ? null : actGone()),
    docs: refusalDocs(writes),
    point: 'volunteer.refuseProxyAct.before-commit',
  });
  await tellPromoted(ctx, done.activity, done.promoted);
  return writes.result;
}
