/**
 * What the event verbs share: loading an event, its check-in window and the refusals that go
 * with it. Invariants: check-in is accepted from 30 minutes before the start until the end
 * (`checkinOpensAt` is stored with the event); every time a refusal names is China Standard
 * Time; the clock is always `ctx.now()`.
 */
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import type { EventDoc } from '../../_shared/documents';
import { withPointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { Collections } from '../../_shared/collections';
import { getById } from '../../_shared/db-helpers';

/** Check-in opens this long before the start. */
export const CHECKIN_LEAD_MS = 30 * 60 * 1000;
/** The organiser's live code may be shown this long before check-in opens. */
export const LIVE_CODE_LEAD_MS = 10 * 60 * 1000;

export function eventNotFound(): AppError {
  return new AppError('NOT_FOUND', 'event.not-found', '该活动不存在');
}

export async function loadEvent(ctx: Ctx, eventId: string): Promise<EventDoc> {
  const event = await getById(ctx, Collections.events, eventId);
  if (!event) throw eventNotFound();
  return event;
}

/** The event and its community's point rules, in one request (NOT_FOUND when there is no event). */
export async function loadEventWithRules(
  ctx: Ctx,
  eventId: string,
): Promise<{ event: EventDoc; rules: PointRulesDoc }> {
  const found = await withPointRules<EventDoc>(ctx, Collections.events, eventId);
  if (!found) throw eventNotFound();
  return { event: found.doc, rules: found.rules };
}

const ms = (d: Date | string) => new Date(d).getTime();

export function refuseCancelled(event: EventDoc): void {
  if (event.cancelled) throw new AppError('PRECONDITION_FAILED', 'event.cancelled', `活动“${event.title}”已取消`);
}

/** PRECONDITION_FAILED `checkin.outside-window` unless now ∈ [checkinOpensAt, endAt]. */
export function requireWindowOpen(event: EventDoc, now: Date): void {
  if (now.getTime() < ms(event.checkinOpensAt)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'checkin.outside-window',
      `签到尚未开始，将于 ${formatCst(event.checkinOpensAt)} 开放签到`,
    );
  }
  if (now.getTime() > ms(event.endAt)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'checkin.outside-window',
      `签到已结束，活动已于 ${formatCst(event.endAt)} 结束`,
    );
  }
}

/** Whether the event has ended by `now`. */
export function hasEnded(event: EventDoc, now: Date): boolean {
  return now.getTime() > ms(event.endAt);
}

/** Whether the live code may be shown: not cancelled, and from 10 minutes before check-in opens until the end. */
export function requireLiveCodeWindow(event: EventDoc, now: Date): void {
  refuseCancelled(event);
  if (now.getTime() < ms(event.checkinOpensAt) - LIVE_CODE_LEAD_MS) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'event.code-not-yet',
      `签到码将于 ${formatCst(new Date(ms(event.checkinOpensAt) - LIVE_CODE_LEAD_MS))} 后可显示（${formatCst(event.checkinOpensAt)} 开放签到）`,
    );
  }
  if (hasEnded(event, now)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'event.ended',
      `活动已于 ${formatCst(event.endAt)} 结束，不能再显示签到码`,
    );
  }
}
