/**
 * The periods of the timed steps — 意见收集, 投票, 公示, 评估 — set when the step opens (公示's with
 * the vote, since the scheduler may be the one that opens it). Invariants:
 * - a period is a whole number of days counted from the server's clock (`ctx.now()`), never
 *   the phone's: the local demo's clock may be moved (docs/adr/0034), and a day count means
 *   the same on both sides; default PERIOD_DAYS.default (7, as the field reports do it);
 * - it lies within PERIOD_DAYS.min–max (1–30 days), else VALIDATION `topic.bad-period`
 *   naming the field, before anything is written;
 * - a step may instead be given an exact end (the seeded history plays dated acts): it must
 *   lie after now (VALIDATION `topic.bad-window`) and no further than the longest period
 *   (`topic.bad-period`); giving both a day count and an end is `topic.bad-period` too.
 */
import { AppError } from '../../../types/errors';
import { PERIOD_DAYS } from '../../../types/deliberation';
import { DAY_MS } from './store';

export { PERIOD_DAYS };

/** How a step's period was asked for: a day count, an exact end, or neither (the default). */
export interface PeriodAsked {
  days?: number | undefined;
  endsAt?: string | undefined;
}

/** A day count within the bounds (default 7), or `topic.bad-period` for `field`. */
export function periodDays(days: number | undefined, field: string, what: string): number {
  const d = days ?? PERIOD_DAYS.default;
  if (!Number.isInteger(d) || d < PERIOD_DAYS.min || d > PERIOD_DAYS.max) {
    throw new AppError('VALIDATION', 'topic.bad-period', '期限应为1到30天', { [field]: `${what}应为1到30天` });
  }
  return d;
}

/**
 * The end of a step's period opened at `now`: `now` + the days asked (default 7), or the exact
 * end asked; `fields` names the input fields for the day count and the end.
 */
export function periodEnd(now: Date, asked: PeriodAsked, fields: { days: string; endsAt: string }, what: string): Date {
  if (asked.endsAt === undefined) {
    return new Date(now.getTime() + periodDays(asked.days, fields.days, what) * DAY_MS);
  }
  if (asked.days !== undefined) {
    throw new AppError('VALIDATION', 'topic.bad-period', '请只填写天数或截止时间其中一项', {
      [fields.days]: `${what}请只填写天数或截止时间其中一项`,
    });
  }
  const end = new Date(asked.endsAt);
  if (end.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION', 'topic.bad-window', '截止时间应晚于现在', {
      [fields.endsAt]: `${what}的截止时间应晚于现在`,
    });
  }
  if (end.getTime() > now.getTime() + PERIOD_DAYS.max * DAY_MS) {
    throw new AppError('VALIDATION', 'topic.bad-period', '期限不超过30天', { [fields.endsAt]: `${what}不超过30天` });
  }
  return end;
}
