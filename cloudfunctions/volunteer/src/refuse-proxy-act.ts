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
 *   messages, or none; the other moves of the batch go on whatever this one's outcome;
 * - the promoted person's subscription message is sent after the commit, as for a cancellation.
 * - a second refusal is told by her sign-up as read in the transaction (the first cancelled it,
 *   or she signed up again with another seq): `proxy.act-gone`, nothing written; the refusal's
 *   key is not read (its add would still collide: CONFLICT `proxy.act-already-refused`).
 * Requests: the caller with the entries, the resident, her sign-up and the waitlist's first
 * entries 1 (the sign-up's and the activity's ids are read off the entry's id, and checked against
 * the entry; ids that do not split so fall back to the resident's own read, +1), then the
 * cancellation's transaction (ADR 0017: start, the activity, her sign-up, their writes, commit)
 * with the refusal's entry (owing the two messages) added — 8 (nobody promoted; a promotion
 * writes the head's sign-up and notice, ADR 0017's cancellation).
 */
import type { RefusedProxyAct } from '../../../types/proxy';
import { Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { UserDoc } from '../../_shared/documents';
import { asResident } from '../../_shared/proxy';
import {
  actGone,
  alreadyRefused,
  loadRefusal,
  refusalDocs,
  refusalWrites,
  type RefuseArgs,
  type TargetJoin,
} from '../../_shared/proxy-refusal';
import { callerForMove, submitMove, type MoveHint } from './group-commit';
import { headsPipeline, PROMOTE_MAX, tellPromoted } from './queue';
import type { SignupDoc } from './store';

const PREFIX = 'audit-proxy.signUp:';

/** The sign-up's id `<activityId>:<residentId>` and its seq, read off the entry's id (null: not that form). */
function idsOf(auditId: string): { signupId: string; seq: number } | null {
  const rest = auditId.startsWith(PREFIX) ? auditId.slice(PREFIX.length) : '';
  const at = rest.lastIndexOf(':');
  const seq = Number(rest.slice(at + 1));
  return at > 0 && Number.isInteger(seq) ? { signupId: rest.slice(0, at), seq } : null;
}

/** Under the entry: the resident, her sign-up and (a guess of the activity id) the waitlist's head. */
function joinSignup(ctx: Ctx, auditId: string): TargetJoin {
  const ids = idsOf(auditId);
  const guess = ids ? ids.signupId.slice(0, Math.max(0, ids.signupId.indexOf(':'))) : '';
  const _ = ctx.db.command;
  return (entries) =>
    entries
      .lookup({ from: Collections.users, localField: 'residentId', foreignField: '_id', as: '_resident' })
      .lookup({
        from: Collections.signups,
        pipeline: _.aggregate
          .pipeline()
          .match({ _id: ids?.signupId ?? '' })
          .limit(1)
          .done(),
        as: '_signup',
      })
      .lookup({ from: Collections.signups, pipeline: headsPipeline(ctx, guess, PROMOTE_MAX + 1), as: '_heads' });
}

export async function refuseProxyAct({ ctx, input }: RefuseArgs): Promise<RefusedProxyAct> {
  const refusal = await loadRefusal(ctx, input, 'volunteer', joinSignup(ctx, input.auditId));
  const { entry } = refusal;
  // The entry's target is `<activityId>:<residentId>:<seq>` (sign-up id and seq).
  const suffix = `:${entry.residentId}:`;
  const at = entry.targetId.lastIndexOf(suffix);
  const activityId = at > 0 ? entry.targetId.slice(0, at) : '';
  const seq = Number(entry.targetId.slice(at + suffix.length));
  const joined = refusal.joined as { _resident?: UserDoc[]; _signup?: SignupDoc[]; _heads?: SignupDoc[] };
  const resident = activityId ? joined._resident?.[0] : undefined;
  if (!resident) throw actGone();
  const as = asResident(ctx, resident);
  // The joined sign-up and heads serve when the entry's id split as its target says; else read them as the resident.
  const guessed = idsOf(input.auditId)?.signupId.startsWith(`${activityId}:${entry.residentId}`) ?? false;
  const { actor, hint }: { actor: Actor; hint: MoveHint } =
    guessed && activityId.indexOf(':') < 0
      ? {
          actor: new Actor(resident.openid, resident, []),
          hint: { signup: joined._signup?.[0] ?? null, heads: joined._heads ?? [] },
        }
      : await callerForMove(as, activityId, 'cancel');
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
    taken: alreadyRefused,
    check: (stored) => (recorded(stored) ? null : actGone()),
    docs: refusalDocs(writes),
    point: 'volunteer.refuseProxyAct.before-commit',
  });
  await tellPromoted(ctx, done.activity, done.promoted);
  return writes.result;
}
