/**
 * volunteer.edit — the organiser (while they still hold the role that let them publish it) or an
 * admin of the community edits title, description, place or quota before the sign-up deadline;
 * the times are not editable, so the schedule keeps the bounds it was published with. Invariants: a smaller quota may not drop below those already confirmed
 * (PRECONDITION_FAILED, a conditional update on `freeSlots`); a larger quota frees slots and the
 * waitlist is promoted in order (each promoted person told); audited when an admin edits someone
 * else's activity or the quota changes.
 * Requests: the activity with its organiser's roles, the caller and the waitlist's first
 * sign-ups 1 (one aggregation; the heads a raise promotes, checked against the activity in its
 * transaction, docs/adr/0033), the
 * update, the audit entry — 3; a raise while people wait is one transaction instead (start, the
 * activity, 2 per promoted person, the activity's write, the audit entry, commit): 8 when it
 * promotes one person (docs/adr/0017), and a raise beyond PROMOTE_MAX settles the rest after it.
 */
import { AppError } from '../../../types/errors';
import type { Activity, EditActivityInput } from '../../../types/volunteer';
import { requireOpenid } from '../../_shared/auth';
import { auditDocOf, writeAudit, type AuditInput } from '../../_shared/audit';
import { crashPoint } from '../../_shared/crash-points';
import type { Ctx } from '../../_shared/context';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { couldPublish, requireManager } from './permissions';
import {
  candidatesOf,
  needsSettle,
  PROMOTE_MAX,
  promoteHeads,
  queueFields,
  queueTransaction,
  readHeads,
  readQueued,
  settleQueue,
  StaleHeads,
  tellPromoted,
} from './queue';
import { activityWithOrganiser, newId, type ActivityDoc, type SignupDoc } from './store';
import { toActivity } from './to-activity';
import { Collections } from '../../_shared/collections';

export async function edit({ ctx, input }: { ctx: Ctx; input: EditActivityInput }): Promise<Activity> {
  const {
    activity: before,
    roles: organiserRoles,
    actor,
    heads,
  } = await activityWithOrganiser(ctx, input.activityId, requireOpenid(ctx), PROMOTE_MAX);
  const manager = requireManager(actor, before);
  refuseCancelled(before);
  requireBeforeDeadline(before, ctx.now(), 'activity.after-deadline');
  const change: Record<string, unknown> = { updatedAt: ctx.now() };
  for (const key of ['title', 'description', 'place'] as const) {
    if (input[key] !== undefined) change[key] = input[key];
  }
  const delta = input.quota === undefined ? 0 : input.quota - before.quota;
  const auditEntry: AuditInput = {
    communityId: before.communityId,
    action: 'volunteer.edit',
    targetKind: 'activity',
    targetId: before._id,
    summary: `修改志愿活动“${before.title}”`,
    before: { title: before.title, description: before.description, place: before.place, quota: before.quota },
    after: { ...change, ...(input.quota !== undefined ? { quota: input.quota } : {}) },
  };
  const quotaChanged = () =>
    new AppError('PRECONDITION_FAILED', 'activity.quota-below-confirmed', '名额不能少于已报名人数');
  if (delta > 0 && before.waitlistCount > 0) {
    // A raise while people wait: the new quota, the first promotions it makes room for (each
    // promoted sign-up and its notice) and the audit entry are one transaction; a raise larger
    // than PROMOTE_MAX settles the rest in further transactions (queue.ts).
    const quota = input.quota!;
    const audit = auditDocOf(ctx, manager, auditEntry, newId('audit'));
    // The heads were read with the activity; stale ones (StaleHeads) are read again, once.
    let fresh: SignupDoc[] = [];
    const raise = () =>
      queueTransaction(ctx, before._id, async (tx) => {
        const current = await readQueued(tx, before._id);
        if (!current || current.quota !== before.quota) throw quotaChanged();
        const moved = await promoteHeads(
          ctx,
          tx,
          { ...current, ...change, quota },
          PROMOTE_MAX,
          candidatesOf(fresh, heads),
        );
        await tx
          .collection(Collections.activities)
          .doc(before._id)
          .update({ ...change, quota, ...queueFields(moved.activity) });
        await tx.collection(Collections.auditLog).add(audit);
        return moved;
      });
    const first = await raise().catch(async (error: unknown) => {
      if (!(error instanceof StaleHeads)) throw error;
      fresh = await readHeads(ctx, before._id, PROMOTE_MAX);
      return raise();
    });
    let activity: ActivityDoc = first.activity;
    if (first.promoted.length > 0) {
      crashPoint('volunteer.settle.after-promotion');
      await tellPromoted(ctx, first.activity, first.promoted);
      if (needsSettle(first.activity)) activity = (await settleQueue(ctx, before._id)).activity ?? first.activity;
    }
    // The organiser's roles are those read before.
    return toActivity(activity, !couldPublish(organiserRoles, activity));
  }
  const _ = ctx.db.command;
  if (delta !== 0) {
    const res = await ctx.db
      .collection(Collections.activities)
      .where({ _id: before._id, quota: before.quota, freeSlots: _.gte(-delta) })
      .update({ ...change, quota: input.quota, freeSlots: _.inc(delta) });
    if (res.updated !== 1) throw quotaChanged();
  } else {
    await ctx.db.collection(Collections.activities).doc(before._id).update(change);
  }
  await writeAudit(ctx, manager, auditEntry);
  const quota = input.quota ?? before.quota;
  const after = { ...before, ...change, quota, freeSlots: before.freeSlots + delta } as ActivityDoc;
  return toActivity(after, !couldPublish(organiserRoles, after));
}
