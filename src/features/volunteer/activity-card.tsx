/**
 * One activity as the list shows it: category chip, my sign-up badge, title, time (Shanghai),
 * place, and the quota bar (confirmed / quota, and how many wait). Also the pieces the detail
 * reuses: the chip, the badge and the bar.
 */
import { Text, View } from '@tarojs/components';
import { ProxyMark } from '@/shared/ui/proxy-mark';
import {
  activityCategoryLabels,
  signupStateLabels,
  type ActivityCategory,
  type SignupState,
} from '~types/labels/volunteer';
import type { Activity } from '~types/volunteer';
import { formatSpan } from './wall-time';
import './list.scss';

/** A sign-up state's tag colour (the badge here, the roster's rows). */
export const stateTone: Record<SignupState, string> = {
  confirmed: 'tag--red',
  waitlisted: 'tag--pending',
  cancelled: 'tag--muted',
  checked_in: 'tag--approved',
  completed: 'tag--approved',
  no_show: 'tag--rejected',
};

export function CategoryChip({ category }: { category: ActivityCategory }) {
  return <Text className='vol-category'>{activityCategoryLabels[category]}</Text>;
}

export function signupText(mine: Activity['mySignup']): string | null {
  if (!mine) return null;
  if (mine.state === 'waitlisted') {
    return mine.waitlistPosition ? `候补第${mine.waitlistPosition}位` : '候补';
  }
  return signupStateLabels[mine.state];
}

export function SignupBadge({ activity }: { activity: Activity }) {
  if (activity.cancelled) {
    return (
      <Text className='tag tag--muted' data-testid='vol-state'>
        活动已取消
      </Text>
    );
  }
  const mine = activity.mySignup;
  const text = signupText(mine);
  if (!mine || !text || mine.state === 'cancelled') return null;
  return (
    <Text className={`tag ${stateTone[mine.state]}`} data-testid='vol-state'>
      {text}
    </Text>
  );
}

export function QuotaBar({ activity, large }: { activity: Activity; large?: boolean }) {
  const { confirmedCount, quota, waitlistCount } = activity;
  const ratio = quota > 0 ? Math.min(1, confirmedCount / quota) : 0;
  const full = confirmedCount >= quota;
  return (
    <View className={`vol-quota ${large ? 'vol-quota--large' : ''}`} data-testid='vol-quota'>
      <View className='vol-quota__track'>
        <View className={`vol-quota__fill ${full ? 'is-full' : ''}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </View>
      <View className='vol-quota__text'>
        <Text>
          已报名 {confirmedCount}/{quota}
          {full ? '（已满）' : ''}
        </Text>
        {waitlistCount > 0 ? <Text className='vol-quota__wait'>候补 {waitlistCount} 人</Text> : null}
      </View>
    </View>
  );
}

export function ActivityCard({ activity, onOpen }: { activity: Activity; onOpen: () => void }) {
  return (
    <View
      className={`card vol-card ${activity.cancelled ? 'is-cancelled' : ''}`}
      onClick={onOpen}
      role='link'
      aria-label={activity.title}
      data-testid='vol-card'
    >
      <View className='card__row'>
        <CategoryChip category={activity.category} />
        <SignupBadge activity={activity} />
      </View>
      <Text className='vol-card__title'>{activity.title}</Text>
      <Text className='vol-card__meta'>时间：{formatSpan(activity.startAt, activity.endAt)}</Text>
      <Text className='vol-card__meta'>地点：{activity.place}</Text>
      {activity.mySignup?.state === 'cancelled' ? null : (
        <ProxyMark name={activity.mySignup?.proxyName ?? null} what='报名' className='vol-card__meta' />
      )}
      {activity.cancelled ? null : <QuotaBar activity={activity} />}
    </View>
  );
}
