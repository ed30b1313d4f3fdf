/**
 * volunteer.refuseProxyAct — an admin of the community refuses ONE 代办 sign-up already made,
 * named by its audit entry `audit-proxy.signUp:<activityId>:<residentId>:<seq>`
 * (docs/adr/0044-refusing-a-proxy-act.md; who may refuse, which act, the refusal's entry and
 * messages: _shared/proxy-refusal.ts).
 * Invariants:
 * - the sign-up must still be the one the entry records: the resident's sign-up of the activity,
 *   stamped by a proxy, with the entry's seq, not cancelled (else PRECONDITION_FAILED
 *   `proxy.act-gone`: she cancelled it, or signed up again herself) — checked on the read before
 *   and proved again in the cancellation's transaction: by the activity, when its `nextSeq` is
 *   still the one read with her sign-up (nobody signed up since, so she did not sign up again)
 *   and it holds her as a holder or as that waiting seq; else by reading her sign-up there;
 * - it is cancelled exactly as her own cancellation would be: the same move of the same group
 *   commit (group-commit.ts), run as the resident — the same rules (before the deadline,
 *   `signup.after-deadline`; not once checked in or recorded, `signup.attended`), a freed place
 *   promoted to the waitlist's head in the same transaction, the activity's holders, waitlist and
 *   counters moved with the documents (counters = documents, ADR 0014/0033);
 * - the refusal's entry (owing its two messages) is added in that transaction (`Alongside`), and
 *   the promoted person's message is owed on the activity in the same transaction's write of it,
 *   so a crash (`volunteer.refuseProxyAct.before-commit`) leaves the cancellation, the promotion,
 *   the entry and the messages owed, or none; the other moves of the batch go on whatever this
 *   one's outcome; the owed messages are delivered by each one's message centre (and the
 *   promoted person's also by a view of the activity or the list, ADR 0038);
 * - the promoted person's subscription message is sent after the commit, as for a cancellation;
 * - a second refusal is CONFLICT `proxy.act-already-refused`, nothing written: told by the
 *   refusal's entry on the read when the first has committed; in the same batch as the first, by
 *   the batch (the first added the same entry); in a later batch, by the entry read in the
 *   transaction (the activity no longer holds her, so her sign-up and the entry are read).
 * Requests: the caller with the entries, the activity's `nextSeq`, the resident, her sign-up and
 * the waitlist's first entries 1 (the sign-up's and the activity's ids are read off the entry's
 * id, and checked against the entry; ids that do not split so fall back to the resident's own
 * read, +1, and the transaction reads her sign-up and the entry, +2), then the cancellation's
 * transaction (ADR 0017: start, the activity, their writes, commit) with the refusal's entry
 * added — 7, 8 when the freed place promotes the waitlist's head (its sign-up; its message owed).
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

/**
 * Under the entry: the activity's `nextSeq` (guessing the activity's id from the entry's; joined
 * BEFORE her sign-up, so a sign-up made after it — her signing up again — shows as a later
 * `nextSeq` in the cancellation's transaction, which then reads her sign-up again), the resident,
 * her sign-up and the waitlist's head.
 */
function joinSignup(ctx: Ctx, auditId: string): TargetJoin {
  const ids = idsOf(auditId);
  const guess = ids ? ids.signupId.slice(0, Math.max(0, ids.signupId.indexOf(':'))) : '';
  const _ = ctx.db.command;
  const one = (id: string) => _.aggregate.pipeline().match({ _id: id }).limit(1);
  return (entries) =>
    entries
      .lookup({ from: Collections.activities, pipeline: one(guess).project({ nextSeq: 1 }).done(), as: '_activity' })
      .lookup({ from: Collections.users, localField: 'residentId', foreignField: '_id', as: '_resident' })
      .lookup({ from: Collections.signups, pipeline: one(ids?.signupId ?? '').done(), as: '_signup' })
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
  const joined = refusal.joined as {
    _resident?: UserDoc[];
    _signup?: SignupDoc[];
    _heads?: SignupDoc[];
    _activity?: Array<{ nextSeq?: number }>;
  };
  const resident = activityId ? joined._resident?.[0] : undefined;
  if (!resident) throw actGone();
  const as = asResident(ctx, resident);
  // The joined sign-up and heads serve when the entry's id split as its target says; else read them as the resident.
  const guessed = idsOf(input.auditId)?.signupId.startsWith(`${activityId}:${entry.residentId}`) ?? false;
  const fromEntry = guessed && activityId.indexOf(':') < 0;
  const { actor, hint }: { actor: Actor; hint: MoveHint } = fromEntry
    ? {
        actor: new Actor(resident.openid, resident, []),
        hint: { signup: joined._signup?.[0] ?? null, heads: joined._heads ?? [] },
      }
    : await callerForMove(as, activityId, 'cancel');
  const asOf = fromEntry ? joined._activity?.[0]?.nextSeq : undefined;
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
    ...(typeof asOf === 'number' ? { asOf } : {}),
    docs: refusalDocs(writes),
    point: 'volunteer.refuseProxyAct.before-commit',
  });
  await tellPromoted(ctx, done.activity, done.promoted);
  return writes.result;
}
