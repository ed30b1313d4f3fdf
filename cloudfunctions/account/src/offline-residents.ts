/**
 * Residents without WeChat (docs/adr/0040-proxy-acts.md): the deterministic id of the offline
 * record a 代办 proxy creates for one, and how that record becomes the person's own when they
 * join with their WeChat.
 *
 * Invariants:
 * - an offline record is `offline-<hash of household and name>`, `openid` `offline:<id>`;
 * - a person claims it by asking to be bound to its household under the same name
 *   (`claimOffline`, account.requestBinding), and it becomes theirs ONLY when that request is
 *   approved by someone who decides bindings today (an admin of the community or a leader of
 *   the building, never the applicant) — a name, a phone or a request alone attaches nothing;
 * - joining is by identity, not by copying: the offline record takes over the person's OPENID
 *   (and the name, phone and avatar of the profile they registered), so every wish, sign-up,
 *   opinion, ballot, ledger entry and balance, consent and message already keyed by the
 *   record's id is theirs, and deterministic keys stay as they were; the profile they registered
 *   is retired (`openid` `joined:<record id>`, `mergedInto`, its phone and avatar cleared: they
 *   live on the record now) — it must hold no role (a person
 *   who already has a history elsewhere is refused, not merged);
 * - the request's approval, both users and ONE audit entry are one transaction, keyed by that
 *   entry, `audit-account.joinOffline:<record id>` (a record is joined once: a second attach
 *   collides, `binding.claim-taken`); the entry records the decision and the join together,
 *   because CloudBase inserts one document per request in a transaction; the request is re-read
 *   in it (a racing rejection or withdrawal is never overwritten: `binding.not-pending`);
 * - the claim's binding lock stays: it is keyed by the applicant's profile, which the join
 *   retires (`openid` `joined:<record id>`), so nobody can ever ask under it again and it blocks
 *   nobody — releasing it would cost the transaction a ninth request (docs/adr/0017);
 * - the retired profile's other pending requests are not closed by the join (each would cost the
 *   transaction two requests more: its re-read and its update); they can no longer be approved
 *   (`binding.applicant-joined`, account.decideBinding — no role for a profile nobody signs in
 *   as), only rejected.
 * Requests of the transaction: start, the request read and updated (2), both users, the entry,
 * commit — 7.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../types/errors';
import type { BindingRequestDoc, RoleDoc, UserDoc } from '../../../types/documents';
import { auditDocOf } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { runTransaction } from '../../_shared/database';
import { applyMove } from '../../_shared/state-machine';
import { bindingMachine } from './binding-machine';
import { notPending } from './bindings';

/** The deterministic id of the offline record of a resident without WeChat. */
export function offlineResidentId(householdId: string, name: string): string {
  return `offline-${createHash('sha256').update(`${householdId}\n${name}`).digest('hex').slice(0, 16)}`;
}

export function claimTaken(): AppError {
  return new AppError('PRECONDITION_FAILED', 'binding.claim-taken', '这份代办记录已被认领，不能再认领');
}

export function claimHasHistory(): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'binding.claim-has-history',
    '您的账号已有其他房屋或身份，不能再认领代办记录，请联系社区管理员核实',
  );
}

/**
 * A request of a profile a claim retired (`mergedInto`): it asked before she joined, and approving
 * it would grant a role to a profile nobody signs in as. Such a request is only rejected; she asks
 * again as who she is now.
 */
export function applicantJoined(): AppError {
  return new AppError(
    'PRECONDITION_FAILED',
    'binding.applicant-joined',
    '申请人已认领代办记录并改用该记录登录，此申请不能通过，请驳回，由本人重新申请',
  );
}

/** Whether `record` is an offline record still unclaimed, resident of `householdId`. */
export function claimable(record: UserDoc | undefined, roles: readonly RoleDoc[], householdId: string): boolean {
  return record?.offline === true && roles.some((r) => r.kind === 'resident' && r.householdId === householdId);
}

/**
 * Approves the claim request `request` of `applicant` in one transaction: the request decided
 * (with `update`, which carries the message owed), the record takes over the applicant's
 * OPENID and profile, the applicant's profile retired, the join's entry (which says `decision`,
 * the decider's words) added. A request no longer pending → `binding.not-pending`; a record joined meanwhile
 * (the join's key taken) → `binding.claim-taken` (nothing written either way).
 */
export async function approveClaim(
  ctx: Ctx,
  request: BindingRequestDoc,
  applicant: UserDoc,
  decider: Pick<UserDoc, '_id' | 'name'>,
  update: Record<string, unknown>,
  decision: string,
): Promise<void> {
  const recordId = request.claimOfflineId!;
  const now = ctx.now();
  const join = auditDocOf(
    ctx,
    decider,
    {
      communityId: request.communityId,
      action: 'account.joinOffline',
      targetKind: 'user',
      targetId: recordId,
      summary: `${decision}：${applicant.name}认领为其登记的代办记录，此后用本人微信登录`,
      before: { openid: `offline:${recordId}`, offline: true, status: request.status },
      after: { joinedFrom: applicant._id, requestId: request._id, status: 'approved' },
    },
    `audit-account.joinOffline:${recordId}`,
  );
  const joinTransaction = () =>
    runTransaction(ctx.db, async (tx) => {
      const moved = await applyMove(
        ctx.db,
        bindingMachine,
        'decide',
        { id: request._id, to: 'approved', update: { ...update, userId: recordId } },
        tx,
      );
      if (!moved.applied) throw notPending((moved.current?.status as BindingRequestDoc['status']) ?? request.status);
      // The applicant's profile lets go of the OPENID before the record takes it (one user per OPENID).
      await tx
        .collection(Collections.users)
        .doc(applicant._id)
        .update({ openid: `joined:${recordId}`, mergedInto: recordId, phone: null, avatarUrl: null, updatedAt: now });
      await tx
        .collection(Collections.users)
        .doc(recordId)
        .update({
          openid: applicant.openid,
          name: applicant.name,
          phone: applicant.phone,
          avatarUrl: applicant.avatarUrl,
          ...(applicant.partyMember === undefined ? {} : { partyMember: applicant.partyMember }),
          offline: false,
          joinedAt: now,
          joinedFrom: applicant._id,
          updatedAt: now,
        });
      // One entry (a transaction inserts one document per request on CloudBase). The binding
      // lock is not released: it is keyed by the profile retired above, which can never ask
      // again, so it blocks nobody (docs/adr/0017).
      await tx.collection(Collections.auditLog).add(join);
      crashPoint('account.decideBinding.join-before-commit');
    });
  // A record is joined once: the join's audit entry is keyed by the record, so a second join —
  // even one racing this — collides on it and its transaction is undone (`binding.claim-taken`).
  try {
    await joinTransaction();
  } catch (error) {
    if (isDuplicateWrite(error)) throw claimTaken();
    throw error;
  }
}
