/**
 * The queued subscription message an application's decision carries (`applicationResult`, ADR
 * 0038): a binding request, a member's 报到 or a work unit's 报到, approved or rejected. It rides
 * in the decision's owed message (`push` on the batch), so it is queued in the very insert that
 * writes the in-app message, and the messages timer sends it if the applicant has a consent
 * counted (asked when they applied). Pure: no request, no send path (the deciders' bundles keep
 * no `subscribeMessage.send`, ADR 0022).
 */
import type { QueuedPush } from '../../types/subscriptions';

export function applicationResultPush(
  subject: string,
  approved: boolean,
  reason: string | null,
  time: Date,
): QueuedPush {
  return {
    kind: 'applicationResult',
    values: {
      subject,
      status: approved ? '已通过' : '未通过',
      notice: approved ? '请进入小程序查看' : `原因：${reason ?? '未说明'}`,
      time,
    },
  };
}
