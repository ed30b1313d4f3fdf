/**
 * volunteer.publish — an admin of the community publishes an activity for any audience; a work
 * unit's liaison publishes only for their own unit (audience work_unit of that unit).
 * Invariants: the schema guarantees end after start and deadline ≤ start; a work unit named must
 * belong to the community (VALIDATION otherwise); the schedule lies within the bounds of
 * `_shared/schedule-bounds.ts` (VALIDATION `schedule.too-long` on endAt — longer than the
 * community's maxActivityHours —, `schedule.too-far-ahead`, `schedule.before-community`,
 * `schedule.in-the-past` on startAt); the caller becomes the organiser; each activity
 * gets its own QR secret, never returned; counters start at 0 with `freeSlots = quota`.
 * Not audited: it changes nobody else's data.
 */
import { AppError } from '../../../types/errors';
import type { Activity, PublishActivityInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getById } from '../../_shared/db-helpers';
import { newQrSecret } from '../../_shared/qr';
import { requireSaneSchedule } from '../../_shared/schedule-bounds';
import { forbidden, liaisonUnit } from './permissions';
import { newId, type ActivityDoc } from './store';
import { toActivity } from './to-activity';
import { Collections } from '../../_shared/collections';

export async function publish({ ctx, input }: { ctx: Ctx; input: PublishActivityInput }): Promise<Activity> {
  const actor = await loadActor(ctx);
  const admin = actor.isAdminOf(input.communityId);
  const unit = liaisonUnit(actor, input.communityId);
  if (!actor.user || (!admin && !unit)) {
    throw forbidden('activity.not-publisher', '只有本社区管理员或驻区单位联络员可以发布志愿活动');
  }
  let audience = input.audience;
  let workUnitId = input.audience === 'work_unit' ? (input.workUnitId ?? null) : null;
  if (!admin) {
    if (input.workUnitId !== undefined && input.workUnitId !== unit) {
      throw forbidden('activity.not-own-unit', '联络员只能为本单位发布志愿活动');
    }
    audience = 'work_unit';
    workUnitId = unit;
  }
  if (workUnitId) {
    const wu = await getById(ctx, Collections.workUnits, workUnitId);
    if (!wu || wu.communityId !== input.communityId) {
      throw new AppError('VALIDATION', 'activity.unknown-unit', '所选单位不在本社区', {
        workUnitId: '所选单位不在本社区',
      });
    }
  }
  await requireSaneSchedule(
    ctx,
    input.communityId,
    { startAt: new Date(input.startAt), endAt: new Date(input.endAt) },
    { isNew: true },
  );
  const now = ctx.now();
  const doc: ActivityDoc = {
    _id: newId('act'),
    communityId: input.communityId,
    title: input.title,
    category: input.category,
    description: input.description,
    place: input.place,
    startAt: new Date(input.startAt),
    endAt: new Date(input.endAt),
    signupDeadline: new Date(input.signupDeadline),
    quota: input.quota,
    pointsPerHour: input.pointsPerHour,
    audience,
    workUnitId,
    organiserId: actor.user._id,
    organiserName: actor.user.name,
    qrSecret: newQrSecret(),
    nextSeq: 0,
    freeSlots: input.quota,
    confirmedCount: 0,
    waitlistCount: 0,
    holders: [],
    waitHead: 0,
    waitGone: [],
    cancelled: false,
    cancelReason: null,
    attendanceClosed: false,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.collection(Collections.activities).add(doc);
  return toActivity(doc, false);
}
