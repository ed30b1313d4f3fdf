/**
 * volunteer.liveCode — the organiser's (or an admin's) rotating QR code for checking in ('in')
 * or out ('out'). Invariants: the organiser only while they still hold the role that let them
 * publish it (`activity.not-manager` after, the admins manage it); not for a cancelled activity; shown from 10 minutes before check-in
 * opens (start − 40 min) until 30 minutes after the end (so late check-outs work); signed with
 * the activity's own secret (`signCode`, kinds activity-in / activity-out); beside it the
 * activity's 6-digit spoken code for the same direction and the current 2-minute window
 * (spoken-code.ts), read aloud and typed on the activity's page. Writes nothing.
 */
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { LiveCode, LiveCodeInput } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { signCode } from '../../_shared/qr';
import { liveCodeReply } from '../../_shared/spoken-code';
import { refuseCancelled } from './activity-rules';
import { requireManager } from './permissions';
import { CHECKIN_LEAD_MS, CHECKOUT_GRACE_MS, LIVE_CODE_LEAD_MS } from './rules';
import { currentActivitySpokenCode } from './spoken-code';
import { loadActivity } from './store';

export async function liveCode({ ctx, input }: { ctx: Ctx; input: LiveCodeInput }): Promise<LiveCode> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  requireManager(actor, activity);
  refuseCancelled(activity);
  const now = ctx.now();
  const opens = new Date(activity.startAt).getTime() - CHECKIN_LEAD_MS - LIVE_CODE_LEAD_MS;
  if (now.getTime() < opens) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'activity.code-not-yet',
      `签到码将于 ${formatCst(new Date(opens))} 后可显示`,
    );
  }
  if (now.getTime() > new Date(activity.endAt).getTime() + CHECKOUT_GRACE_MS) {
    throw new AppError('PRECONDITION_FAILED', 'activity.ended', `活动已于 ${formatCst(activity.endAt)} 结束`);
  }
  const kind = input.direction === 'in' ? 'activity-in' : 'activity-out';
  const signed = signCode(activity.qrSecret, kind, activity._id, now);
  return liveCodeReply(signed, currentActivitySpokenCode(activity, kind, now));
}
