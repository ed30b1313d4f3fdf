/** One event in a list or at the top of its page: title, kind, time, place, organiser, state. */
import { Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';
import { cstClock, cstDay } from '~types/time';
import { eventKindLabels } from '~types/labels/checkin';
import type { CheckinEvent } from '~types/checkin';
import { eventPhase, phaseLabels } from './event-store';

const phaseTag = { cancelled: 'rejected', ended: 'muted', open: 'approved', soon: 'pending' } as const;

/** "2026-11-29 14:00 – 16:00", or both dates when it spans midnight. */
export function timeRange(event: CheckinEvent): string {
  const start = formatShanghai(event.startAt);
  return cstDay(event.startAt) === cstDay(event.endAt)
    ? `${start} – ${cstClock(event.endAt)}`
    : `${start} – ${formatShanghai(event.endAt)}`;
}

export function EventCard({ event, onClick }: { event: CheckinEvent; onClick?: () => void }) {
  const phase = eventPhase(event);
  return (
    <View className='card event-card' data-testid='event-card' onClick={onClick} role={onClick ? 'link' : undefined}>
      <View className='card__row'>
        <Text className='card__title'>{event.title}</Text>
        <Text className={`tag tag--${phaseTag[phase]}`}>{phaseLabels[phase]}</Text>
      </View>
      <View className='event-card__meta'>
        <Text className='tag tag--red'>{eventKindLabels[event.kind]}</Text>
        {event.checkedIn ? <Text className='tag tag--approved'>我已签到</Text> : null}
      </View>
      <Text className='card__text'>时间：{timeRange(event)}</Text>
      <Text className='card__text'>地点：{event.place}</Text>
      <Text className='card__text'>
        组织者：{event.organiserName}
        {event.managedByAdmins ? '（现由社区管理员管理）' : ''} · 已签到 {event.checkedInCount} 人
      </Text>
    </View>
  );
}
