/**
 * There is no "get one event" action: an event is found in its community's lists. Events seen
 * in a list (or just created) are remembered so the detail page shows at once; the lists are
 * then read again for fresh numbers.
 */
import { call } from '@/services/cloud';
import type { CheckinEvent } from '~types/checkin';
import { AppError } from '~types/errors';

const seen = new Map<string, CheckinEvent>();

export function rememberEvent(event: CheckinEvent): void {
  seen.set(event.id, event);
}

export function recallEvent(id: string): CheckinEvent | undefined {
  return seen.get(id);
}

/** Reads the community's upcoming, then past, events until it finds `id`. */
export async function findEvent(communityId: string, id: string): Promise<CheckinEvent> {
  for (const when of ['upcoming', 'past'] as const) {
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await call('checkin', 'listEvents', {
        communityId,
        when,
        limit: 50,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const found = result.items.find((e) => e.id === id);
      if (found) {
        rememberEvent(found);
        return found;
      }
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
  }
  throw new AppError('NOT_FOUND', 'event.not-found', '该活动不存在或已被删除');
}

export type EventPhase = 'cancelled' | 'ended' | 'open' | 'soon';

/** Where the event is in its life, at `now`. */
export function eventPhase(event: CheckinEvent, now = Date.now()): EventPhase {
  if (event.cancelled) return 'cancelled';
  if (now > Date.parse(event.endAt)) return 'ended';
  if (now >= Date.parse(event.checkinOpensAt)) return 'open';
  return 'soon';
}

export const phaseLabels: Record<EventPhase, string> = {
  cancelled: '已取消',
  ended: '已结束',
  open: '签到中',
  soon: '未开始',
};
