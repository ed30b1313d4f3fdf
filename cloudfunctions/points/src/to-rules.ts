/** A stored (or default) rules document as the `PointRules` result. */
import type { PointRules } from '../../../types/points';
import { iso } from '../../_shared/db-helpers';
import type { PointRulesDoc } from '../../_shared/point-rules';

export function toRules(communityId: string, doc: PointRulesDoc): PointRules {
  return {
    communityId,
    registration: doc.registration,
    checkin: doc.checkin,
    volunteerHour: doc.volunteerHour,
    wishFulfilled: doc.wishFulfilled,
    deliberation: doc.deliberation,
    quarterThreshold: doc.quarterThreshold,
    maxActivityHours: doc.maxActivityHours,
    attendanceCorrectionDays: doc.attendanceCorrectionDays,
    adjustmentCapPerCall: doc.adjustmentCapPerCall,
    adjustmentCapPerQuarter: doc.adjustmentCapPerQuarter,
    updatedAt: iso(doc.updatedAt),
  };
}
