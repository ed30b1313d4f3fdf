/**
 * account.decideBinding — approves or rejects (with a reason) a pending binding request.
 * Invariants: the decider is an admin of the request's community or a leader of its building
 * (building leader, or estate leader of its estate), and not the applicant; only a pending
 * request is decided (binding-machine.ts) — a conditional write on `status: 'pending'` makes racing deciders
 * produce exactly one decision (the others get PRECONDITION_FAILED with the current status);
 * approval adds the resident role (`resident:<userId>:<householdId>`, scope from the
 * household); the lock is released; one audit entry records before/after; the applicant is
 * told the decision (key `binding:<requestId>:decided`: one decision per request, so a retry
 * tells nobody twice) — a message the decision's own write carries (`outbox`, _shared/outbox.ts),
 * so a crash after the decision leaves it on the request, and the next request that reads the
 * request (a decide call's retry, a list of requests) delivers it.
 * A claim (`claimOfflineId`, account.requestBinding): approving it makes the offline 代办 record
 * the applicant's (offline-residents.ts) instead of granting a role — the record already holds
 * the household's resident role — refused (nothing written) when the record was joined
 * meanwhile (`binding.claim-taken`) or the applicant has a role by now (`binding.claim-has-history`);
 * the decision, the join and its one audit entry are one transaction (crash point
 * `account.decideBinding.join-before-commit`: undone, the retried decision does it all), and
 * the applicant — now the record — is told under the same key (the message left owed on the
 * request; the claim's lock is left to the retired profile, which it can no longer block —
 * offline-residents.ts). Another request of a profile a claim retired (`mergedInto`) is never
 * approved (`binding.applicant-joined`, nothing written), only rejected.
 * Requests: the caller with the request, its applicant (and the record claimed) and household
 * place (one aggregation), the conditional update with the message owed, the role, the lock
 * release, the audit entry, the applicant's message, the owed message removed — seven for an
 * approval, six for a rejection (docs/adr/0017); a decider racing another who delivered the
 * message first pays no more (its one-message insert collides and is done); eight for a claim
 * approved (the caller with the request, the join's transaction of seven — offline-residents.ts;
 * the message is left owed to the record, delivered by her message centre, ADR 0038).
 */
import type { BindingRequest, DecideBindingInput } from '../../../types/account';
import { AppError } from '../../../types/errors';
import { callerJoined, type Actor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import { crashPoint } from '../../_shared/crash-points';
import { applicationResultPush } from '../../_shared/application-result';
import { batchOf, deliver, owed, oweInUpdate } from '../../_shared/outbox';
import {
  buildRole,
  type BindingRequestDoc,
  type BuildingDoc,
  type EstateDoc,
  type HouseholdDoc,
  type RoleDoc,
  type UserDoc,
} from '../../_shared/documents';
import { applyMove, decide } from '../../_shared/state-machine';
import { bindingMachine } from './binding-machine';
import { householdPlace, notPending, releaseBindingLock } from './bindings';
import { applicantJoined, approveClaim, claimable, claimHasHistory, claimTaken } from './offline-residents';
import { forbidden, requireStaffUser } from './permissions';
import { bindingViewFor, mayDecide, toBinding } from './to-binding';

/** Where a person sees their binding requests. */
const BIND_PAGE = '/packages/account/pages/bind/index';

export async function decideBinding({ ctx, input }: { ctx: Ctx; input: DecideBindingInput }): Promise<BindingRequest> {
  const { actor, loaded } = await loadCallerAndRequest(ctx, input.requestId);
  const decider = requireStaffUser(actor);
  if (!loaded) throw new AppError('NOT_FOUND', 'binding.not-found', '该绑定申请不存在');
  const {
    applicant: applicants,
    applicantRoles,
    claimed,
    claimedRoles,
    household: households,
    building: buildings,
    estate: estates,
    ...request
  } = loaded;
  if (!mayDecide(actor, request)) {
    throw forbidden('binding.not-decider', '只有本社区管理员或该楼栋的党小组长可以审核');
  }
  if (request.userId === decider._id)
    throw forbidden('binding.self-decide', '不能审核自己的绑定申请，请由其他管理员或楼栋党小组长审核');
  if (!decide(bindingMachine, request.status, 'decide').ok) {
    // Decided already (perhaps by this very call, retried): what the decision owes is told first.
    await deliver(ctx, Collections.bindingRequests, request);
    throw notPending(request.status);
  }
  const approve = input.decision === 'approve';
  // A profile a claim retired signs nobody in: its leftover requests are only rejected.
  if (approve && applicants[0]?.mergedInto) throw applicantJoined();
  const place = approve ? householdPlace(households[0], buildings[0], estates[0]) : null;
  const claim = approve && request.claimOfflineId ? { applicant: applicants[0] } : null;
  if (claim) {
    if (!claimable(claimed[0], claimedRoles, request.householdId) || !claim.applicant) throw claimTaken();
    if (applicantRoles.length > 0) throw claimHasHistory();
  }

  const change = {
    status: approve ? ('approved' as const) : ('rejected' as const),
    reason: input.decision === 'reject' ? input.reason : null,
    decidedBy: decider._id,
    decidedByName: decider.name,
    decidedAt: ctx.now(),
  };
  const told = batchOf([
    {
      key: `binding:${request._id}:decided`,
      userId: claim ? request.claimOfflineId! : request.userId,
      communityId: request.communityId,
      kind: 'account',
      title: approve ? '房屋绑定已通过' : '房屋绑定未通过',
      body: approve
        ? `您绑定${request.householdLabel}的申请已通过审核。`
        : `您绑定${request.householdLabel}的申请未通过审核：${change.reason ?? ''}`,
      link: BIND_PAGE,
      push: applicationResultPush('房屋绑定申请', approve, change.reason, change.decidedAt),
    },
  ]);
  const applicant = applicants[0];
  const name = applicant?.name ?? request.userName;
  const decisionAudit = {
    communityId: request.communityId,
    action: 'account.decideBinding',
    targetKind: 'binding_request',
    targetId: request._id,
    summary: approve
      ? `通过 ${name} 绑定 ${request.householdLabel} 的申请${claim ? '（认领代办记录）' : ''}`
      : `驳回 ${name} 绑定 ${request.householdLabel} 的申请：${change.reason ?? ''}`,
    before: { status: request.status },
  };
  if (claim) {
    const update = { ...change, ...oweInUpdate(ctx, 'decided', told) };
    await approveClaim(
      ctx,
      request,
      claim.applicant!,
      decider,
      update,
      `通过 ${name} 绑定 ${request.householdLabel} 的申请`,
    );
    // Her message stays owed on the request (ADR 0038): her message centre delivers it at her
    // next look, as does the next request that reads the request (a retry, a list).
    crashPoint('account.decideBinding.before-message');
    const joined: BindingRequestDoc = { ...request, ...change, userId: request.claimOfflineId! };
    return toBinding(
      joined,
      { ...claim.applicant!, _id: request.claimOfflineId! },
      { fullName: true, fullPhone: true },
    );
  }
  const res = await applyMove(ctx.db, bindingMachine, 'decide', {
    id: request._id,
    to: change.status,
    update: { ...change, ...oweInUpdate(ctx, 'decided', told) },
  });
  if (!res.applied) {
    const current = await getById(ctx, Collections.bindingRequests, request._id);
    if (current) await deliver(ctx, Collections.bindingRequests, current);
    throw notPending(current?.status ?? request.status);
  }
  const decided: BindingRequestDoc = { ...request, ...change };

  let role: RoleDoc | null = null;
  if (place) {
    const { household } = place;
    role = buildRole({
      kind: 'resident',
      userId: request.userId,
      communityId: household.communityId,
      scopeId: household._id,
      estateId: household.estateId,
      buildingId: household.buildingId,
      householdId: household._id,
      scopeLabel: place.label,
      grantedBy: decider._id,
      grantedAt: change.decidedAt,
    });
    await addRoleUnlessPresent(ctx, role);
  }
  await releaseBindingLock(ctx, request.userId, request.householdId);

  await writeAudit(ctx, decider, {
    ...decisionAudit,
    after: { status: change.status, reason: change.reason, roleId: role?._id ?? null },
  });

  crashPoint('account.decideBinding.before-message');
  await deliver(ctx, Collections.bindingRequests, owed(request._id, 'decided', told));

  const view = bindingViewFor(actor, decided) ?? { fullName: false, fullPhone: false };
  return toBinding(decided, applicant ?? undefined, view);
}

/** The request with its applicant and its household's place joined (each array 0 or 1 long). */
interface LoadedRequest extends BindingRequestDoc {
  applicant: UserDoc[];
  /** The applicant's roles (a claim needs none). */
  applicantRoles: RoleDoc[];
  /** The offline record claimed, and its roles (empty when the request claims none). */
  claimed: UserDoc[];
  claimedRoles: RoleDoc[];
  household: HouseholdDoc[];
  building: BuildingDoc[];
  estate: EstateDoc[];
}

/**
 * The caller with their roles and the request with the applicant (and their roles), the record
 * claimed (and its roles) and the household with its
 * building and estate: one request (the request as an uncorrelated sub-pipeline of the caller's
 * aggregation). A caller without a profile reads no request (they are refused first).
 */
async function loadCallerAndRequest(
  ctx: Ctx,
  requestId: string,
): Promise<{ actor: Actor; loaded: LoadedRequest | null }> {
  // Each join: one field of the request (or of its household) to a document's `_id`.
  const toId = (from: string, localField: string, as: string) => ({ from, localField, foreignField: '_id', as });
  const pipeline = ctx.db.command.aggregate
    .pipeline()
    .match({ _id: requestId })
    .limit(1)
    .lookup(toId(Collections.users, 'userId', 'applicant'))
    .lookup({ from: Collections.roles, localField: 'userId', foreignField: 'userId', as: 'applicantRoles' })
    .lookup(toId(Collections.users, 'claimOfflineId', 'claimed'))
    .lookup({ from: Collections.roles, localField: 'claimOfflineId', foreignField: 'userId', as: 'claimedRoles' })
    .lookup(toId(Collections.households, 'householdId', 'household'))
    .lookup(toId(Collections.buildings, 'household.buildingId', 'building'))
    .lookup(toId(Collections.estates, 'household.estateId', 'estate'))
    .done();
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query.lookup({ from: Collections.bindingRequests, pipeline, as: '_request' }),
  );
  return { actor, loaded: (joined?._request as LoadedRequest[] | undefined)?.[0] ?? null };
}

/** The person may already hold the role (e.g. bound again after a lapse); that is not an error. */
async function addRoleUnlessPresent(ctx: Ctx, role: RoleDoc): Promise<void> {
  try {
    await ctx.db.collection(Collections.roles).add(role);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
}
