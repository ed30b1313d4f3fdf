/**
 * Refusals shared by the activity verbs: a cancelled activity, a passed deadline (named in
 * China Standard Time). The clock is always `ctx.now()`.
 */
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import { beforeDeadline } from './rules';
import type { ActivityDoc } from './store';

export function refuseCancelled(activity: Pick<ActivityDoc, 'cancelled' | 'title'>): void {
  if (activity.cancelled) {
    throw new AppError('PRECONDITION_FAILED', 'activity.cancelled', `志愿活动“${activity.title}”已取消`);
  }
}

export function requireBeforeDeadline(activity: Pick<ActivityDoc, 'signupDeadline'>, now: Date, reason: string): void {
  if (!beforeDeadline(activity.signupDeadline, now)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      reason,
      `报名已于 ${formatCst(activity.signupDeadline)} 截止，不能再进行此操作`,
    );
  }
}
