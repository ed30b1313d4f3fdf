/** A stored rating as the `Rating` result; ratings in a stable display order. */
import type { Rating } from '../../../types/points';
import { iso } from '../../_shared/db-helpers';
import type { RatingDoc } from './store';

export function toRating(doc: RatingDoc): Rating {
  return {
    id: doc._id,
    communityId: doc.communityId,
    year: doc.year,
    target: doc.target,
    targetId: doc.targetId,
    targetName: doc.targetName,
    grade: doc.grade,
    comment: doc.comment,
    ratedAt: iso(doc.ratedAt),
  };
}

/** Members first, then work units; by name in Chinese order within each. */
export function byTargetAndName(a: RatingDoc, b: RatingDoc): number {
  if (a.target !== b.target) return a.target === 'member' ? -1 : 1;
  return a.targetName.localeCompare(b.targetName, 'zh-CN') || a.targetId.localeCompare(b.targetId);
}
