/**
 * checkin.decideUnitRegistration — an admin approves or rejects (with a reason) a pending
 * work-unit application.
 * Invariants: admins of the application's community only (read from the stored application),
 * and not the applicant themself (the approval would make them the unit's liaison: a self-grant,
 * FORBIDDEN `registration.own`); only a pending application is decided — a conditional write on `status: 'pending'` makes
 * racing deciders produce exactly one decision; approval refuses a name registered meanwhile
 * (CONFLICT, nothing written), creates the `work_units` document with the applicant as its
 * liaison and grants the liaison role (`liaison:<userId>:<workUnitId>`, scope label = the unit's
 * name); the name lock is released either way (after approval the work unit itself holds the
 * name). One audit entry for the decision (and the created unit and role in its after). The
 * applicant is told the decision (key `unit-registration:<id>:decided`: one decision per
 * application, so a retry tells nobody twice) — a message the decision's own write carries
 * (`outbox`, _shared/outbox.ts), so a crash after the decision leaves it on the application, and
 * the next request that reads it (a decide call's retry, a list of applications) delivers it.
 * Requests (issue #13 part 4, docs/adr/0017): the application with the caller and the units
 * bearing its name, in one aggregation (with-caller.ts); the decision with the message owed; on
 * approval the unit and the role; the lock's release; the audit entry; the applicant's message;
 * the owed message removed — 8 for an approval, 6 for a rejection (docs/adr/0017).
 */
import type { DecideUnitRegistrationInput, UnitRegistration } from '../../../types/checkin';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { applicationResultPush } from '../../_shared/application-result';
import { batchOf, deliver, owed, oweInUpdate } from '../../_shared/outbox';
import { liaisonRole, type RoleDoc, type UnitRegistrationDoc, type WorkUnitDoc } from '../../_shared/documents';
import { applyMove, decide } from '../../_shared/state-machine';
import { forbidden, requireAdmin } from './permissions';
import { unitRegistrationMachine } from './registration-machine';
import { notDecidable } from './registrations';
import { newId } from './store';
import { toUnitRegistration } from './to-registration';
import { loadWithCaller, type WithCaller } from './with-caller';
import { refuseNameTaken, releaseUnitNameLock, unitRegistrationNotFound } from './work-units';
import { Collections } from '../../_shared/collections';
import { getById } from '../../_shared/db-helpers';

/**
 * The application with its caller and the work units bearing its name, in one aggregation (the
 * units are joined by the application's own `name` field; NOT_FOUND when there is no application).
 */
async function loadApplication(ctx: Ctx, id: string): Promise<WithCaller<UnitRegistrationDoc>> {
  const found = await loadWithCaller<UnitRegistrationDoc>(ctx, Collections.unitRegistrations, id, {
    sameNameField: 'name',
  });
  if (!found) throw unitRegistrationNotFound();
  return found;
}

export async function decideUnitRegistration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: DecideUnitRegistrationInput;
}): Promise<UnitRegistration> {
  const found = await loadApplication(ctx, input.unitRegistrationId);
  const { doc: app, actor } = found;
  const admin = requireAdmin(actor, app.communityId);
  if (app.applicantId === admin._id) throw forbidden('registration.own', '不能审核自己提交的单位报到申请');
  if (!decide(unitRegistrationMachine, app.status, 'decide').ok) {
    // Decided already (perhaps by this very call, retried): what the decision owes is told first.
    await deliver(ctx, Collections.unitRegistrations, app);
    throw notDecidable(app.status, '单位报到');
  }
  const approve = input.decision === 'approve';
  if (approve) refuseNameTaken(app, found.sameName);

  const now = ctx.now();
  const unit: WorkUnitDoc | null = approve
    ? {
        _id: newId('wu'),
        communityId: app.communityId,
        name: app.name,
        partyOrgName: app.partyOrgName,
        contactPhone: app.contactPhone,
        liaisonUserId: app.applicantId,
        createdAt: now,
        updatedAt: now,
      }
    : null;
  const change = {
    status: approve ? ('approved' as const) : ('rejected' as const),
    reason: input.decision === 'reject' ? input.reason : null,
    workUnitId: unit?._id ?? null,
    decidedBy: admin._id,
    decidedAt: now,
  };
  const told = batchOf([
    {
      key: `unit-registration:${app._id}:decided`,
      userId: app.applicantId,
      communityId: app.communityId,
      kind: 'checkin',
      title: approve ? '单位报到已通过' : '单位报到未通过',
      body: approve
        ? `“${app.name}”的单位报到已通过审核，您是该单位的联络员。`
        : `“${app.name}”的单位报到未通过审核：${change.reason ?? ''}`,
      link: '/packages/checkin/pages/register/index',
      push: applicationResultPush('单位报到申请', approve, change.reason, now),
    },
  ]);
  const res = await applyMove(ctx.db, unitRegistrationMachine, 'decide', {
    id: app._id,
    to: change.status,
    update: { ...change, ...oweInUpdate(ctx, 'decided', told) },
  });
  if (!res.applied) {
    const current = await getById(ctx, Collections.unitRegistrations, app._id);
    if (current) await deliver(ctx, Collections.unitRegistrations, current);
    throw notDecidable(current?.status ?? app.status, '单位报到');
  }

  let role: RoleDoc | null = null;
  if (unit) {
    await ctx.db.collection(Collections.workUnits).add(unit);
    role = liaisonRole(unit, app.applicantId, admin._id, now);
    const { _id, ...fields } = role;
    await ctx.db.collection(Collections.roles).doc(_id).set(fields);
  }
  await releaseUnitNameLock(ctx, app.communityId, app.name);

  await writeAudit(ctx, admin, {
    communityId: app.communityId,
    action: 'checkin.decideUnitRegistration',
    targetKind: 'unit_registration',
    targetId: app._id,
    summary: approve
      ? `通过“${app.name}”的单位报到申请，联络员 ${app.applicantName}`
      : `驳回“${app.name}”的单位报到申请：${change.reason ?? ''}`,
    before: { status: app.status },
    after: { status: change.status, reason: change.reason, workUnit: unit, roleId: role?._id ?? null },
  });
  crashPoint('checkin.decideUnitRegistration.before-message');
  await deliver(ctx, Collections.unitRegistrations, owed(app._id, 'decided', told));
  return toUnitRegistration({ ...app, ...change }, actor);
}
