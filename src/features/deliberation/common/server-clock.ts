/**
 * The server's clock as the topic screen sees it: each topic read carries the server's `now`,
 * and the screen counts periods from it rather than from the phone's clock — the local demo's
 * clock may be moved days ahead of the phone's (docs/adr/0034), and a phone's clock may be
 * wrong. The difference is taken the first time a topic read is looked at (just after it
 * arrived), so the count keeps running between reads.
 */
import type { TopicDetail } from '~types/deliberation';
import { stepLabels } from '~types/labels/deliberation';

const skews = new WeakMap<TopicDetail, number>();

/** The server's time now (ms), as of the read of `topic`. */
export function serverNow(topic: TopicDetail): number {
  let skew = skews.get(topic);
  if (skew === undefined) {
    skew = Date.parse(topic.now) - Date.now();
    skews.set(topic, skew);
  }
  return Date.now() + skew;
}

/** The period of the topic's current step (意见收集, 决议, 公示, 评估), or null for a step without one. */
export function currentPeriod(topic: TopicDetail): { label: string; endsAt: string } | null {
  const label = `${stepLabels[topic.step]}期`;
  switch (topic.step) {
    case 'collect':
      return { label: '意见收集期', endsAt: topic.collectEndsAt };
    case 'vote':
      return topic.vote ? { label: '投票期', endsAt: topic.vote.closesAt } : null;
    case 'notice':
      return topic.notice ? { label, endsAt: topic.notice.endsAt } : null;
    case 'evaluate':
      return topic.evaluation ? { label, endsAt: topic.evaluation.endsAt } : null;
    default:
      return null;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "剩余 6 天 23 小时", "剩余 5 小时 10 分钟", "剩余 8 分钟" (whole units left, rounded down; at
 * least 1 分钟), or "已截止" once `leftMs` ≤ 0.
 */
export function remainingText(leftMs: number): string {
  if (leftMs <= 0) return '已截止';
  const days = Math.floor(leftMs / DAY);
  const hours = Math.floor((leftMs % DAY) / HOUR);
  if (days > 0) return `剩余 ${days} 天 ${hours} 小时`;
  const minutes = Math.floor((leftMs % HOUR) / MINUTE);
  if (hours > 0) return `剩余 ${hours} 小时 ${minutes} 分钟`;
  return `剩余 ${Math.max(1, minutes)} 分钟`;
}
