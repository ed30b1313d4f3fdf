/**
 * points.updateRules — an admin edits the community's rules table and threshold.
 * Invariants: admins of the community only; one document per community (`point_rules/<id>`,
 * replaced whole); applies to entries credited afterwards (existing entries never change);
 * one audit entry with the rules before and after.
 */
import type { PointRules, UpdateRulesInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { pointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { requireAdmin } from './permissions';
import { toRules } from './to-rules';
import { Collections } from '../../_shared/collections';

export async function updateRules({ ctx, input }: { ctx: Ctx; input: UpdateRulesInput }): Promise<PointRules> {
  const actor = await loadActor(ctx);
  const admin = requireAdmin(actor, input.communityId);
  const before = toRules(input.communityId, await pointRules(ctx, input.communityId));
  const doc: Omit<PointRulesDoc, '_id'> = {
    registration: input.registration,
    checkin: input.checkin,
    volunteerHour: input.volunteerHour,
    wishFulfilled: input.wishFulfilled,
    deliberation: input.deliberation,
    quarterThreshold: input.quarterThreshold,
    maxActivityHours: input.maxActivityHours ?? before.maxActivityHours,
    attendanceCorrectionDays: input.attendanceCorrectionDays ?? before.attendanceCorrectionDays,
    adjustmentCapPerCall: input.adjustmentCapPerCall ?? before.adjustmentCapPerCall,
    adjustmentCapPerQuarter: input.adjustmentCapPerQuarter ?? before.adjustmentCapPerQuarter,
    updatedAt: ctx.now(),
  };
  await ctx.db.collection(Collections.pointRules).doc(input.communityId).set(doc);
  const after = toRules(input.communityId, { _id: input.communityId, ...doc });
  await writeAudit(ctx, admin, {
    communityId: input.communityId,
    action: 'points.updateRules',
    targetKind: 'point_rules',
    targetId: input.communityId,
    summary: `修改积分规则（季度达标分 ${before.quarterThreshold} → ${after.quarterThreshold}）`,
    before,
    after,
  });
  return after;
}
