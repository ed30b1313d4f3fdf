/**
 * 我的志愿时长 — the caller's total service hours and, per activity, the state, hours and
 * points (volunteer.myHours, paged), and 服务证明: a clean printable card (name, community,
 * total hours, activities) that can be saved as a picture (保存图片) or kept as a screenshot.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { BusyButton } from '@/shared/ui/busy-button';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghaiDate } from '@/shared/format-time';
import { useCurrentUser } from '@/shared/current-user';
import { useAsync } from '@/shared/use-async';
import { usePaged } from '@/shared/use-paged';
import { PagedList } from '@/shared/ui/paged-list';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import { signupStateLabels } from '~types/labels/volunteer';
import { saveRecordImage } from './save-record';
import type { ServiceRecord } from './service-record';
import { volunteerUrls } from './urls';
import { formatHours } from './wall-time';
import './volunteer.scss';

function RecordCard({ record, onClose }: { record: ServiceRecord; onClose: () => void }) {
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await saveRecordImage(record);
      void Taro.showToast({ title: '图片已保存', icon: 'success' });
    } catch (e) {
      void Taro.showModal({
        title: '未能保存图片',
        content: e instanceof Error ? e.message : '请截屏保存',
        showCancel: false,
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <View className='vol-record-wrap' data-testid='vol-service-record'>
      <View className='vol-record'>
        <View className='vol-record__head'>
          <Text className='vol-record__title'>志愿服务证明</Text>
          <Text className='vol-record__community'>{record.community}</Text>
        </View>
        <View className='vol-record__body'>
          <Text className='vol-record__name'>志愿者：{record.name}</Text>
          <Text className='vol-record__label'>累计志愿服务时长</Text>
          <Text className='vol-record__total' data-testid='vol-record-total'>
            {formatHours(record.totalHours)} 小时
          </Text>
          <View className='vol-record__rule' />
          <Text className='vol-record__label'>服务记录</Text>
          {record.activities.length === 0 ? <Text className='vol-record__empty'>暂无已完成的志愿服务</Text> : null}
          {record.activities.map((a, i) => (
            <View key={i} className='vol-record__row'>
              <Text className='vol-record__date'>{a.date}</Text>
              <Text className='vol-record__activity'>{a.title}</Text>
              <Text className='vol-record__hours'>{formatHours(a.hours)} 小时</Text>
            </View>
          ))}
          <View className='vol-record__rule' />
          <Text className='vol-record__foot'>红色邻里 · 开具日期 {formatShanghaiDate(record.issuedAt)}</Text>
        </View>
      </View>
      <Text className='vol-record__tip'>点“保存图片”存到手机，或直接截屏保存这张证明</Text>
      <View className='vol-buttons'>
        <Button className='btn btn--plain vol-buttons__item' onClick={onClose}>
          返回
        </Button>
        <BusyButton
          className='btn btn--primary vol-buttons__item'
          busy={saving}
          onTap={() => void save()}
          testId='vol-record-save'
        >
          保存图片
        </BusyButton>
      </View>
    </View>
  );
}

export function VolunteerHoursScreen() {
  const { me, communityId } = useCurrentUser();
  const [total, setTotal] = useState<number | null>(null);
  const [showRecord, setShowRecord] = useState(false);
  const tree = useAsync(
    () => (communityId ? call('org', 'getTree', { communityId }) : Promise.resolve(null)),
    [communityId],
  );
  const list = usePaged(
    async (cursor) => {
      if (!communityId) return { items: [], nextCursor: null };
      const res = await call('volunteer', 'myHours', {
        communityId,
        limit: 20,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      setTotal(res.totalHours);
      return res.records;
    },
    [communityId],
  );

  if (me.loading && !me.data) return <LoadingView />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  if (!communityId) return <ErrorView message='您还没有加入社区，绑定房屋后即可参加志愿服务' />;

  if (showRecord) {
    const record: ServiceRecord = {
      name: me.data?.profile?.name ?? '',
      community: tree.data?.community.name ?? '',
      totalHours: total ?? 0,
      activities: list.items
        .filter((r) => r.state === 'completed' && r.hours > 0)
        .map((r) => ({ title: r.title, date: formatShanghaiDate(r.startAt), hours: r.hours })),
      issuedAt: new Date().toISOString(),
    };
    return (
      <View className='screen vol-hours'>
        <RecordCard record={record} onClose={() => setShowRecord(false)} />
      </View>
    );
  }

  return (
    <View className='screen vol-hours' data-testid='vol-hours'>
      <View className='vol-total'>
        <Text className='vol-total__label'>累计志愿服务时长</Text>
        <Text className='vol-total__value' data-testid='vol-total-hours'>
          {total === null ? '—' : formatHours(total)}
          <Text className='vol-total__unit'> 小时</Text>
        </Text>
        <Button
          className='btn btn--small vol-total__record'
          disabled={total === null || undefined}
          onClick={() => setShowRecord(true)}
          data-testid='vol-record-open'
        >
          开具服务证明
        </Button>
      </View>
      <Text className='section-title'>服务记录</Text>
      <PagedList
        state={list}
        keyOf={(r) => r.activityId}
        emptyTitle='还没有志愿服务记录'
        emptyHint='报名参加志愿活动，签到签退后时长会记录在这里'
        renderItem={(r) => (
          <View
            className='card vol-hour-row'
            data-testid='vol-hours-record'
            onClick={() => void Taro.navigateTo({ url: volunteerUrls.detail(r.activityId) })}
          >
            <View className='card__row'>
              <Text className='vol-hour-row__title'>{r.title}</Text>
              <Text className={`tag ${r.state === 'completed' ? 'tag--approved' : 'tag--muted'}`}>
                {signupStateLabels[r.state]}
              </Text>
            </View>
            <Text className='card__text'>{formatShanghaiDate(r.startAt)}</Text>
            <View className='card__row'>
              <Text className='vol-hour-row__hours' data-testid='vol-record-hours'>
                {formatHours(r.hours)} 小时
              </Text>
              <Text className='vol-hour-row__points' data-testid='vol-record-points'>
                +{r.points} 积分
              </Text>
            </View>
          </View>
        )}
      />
    </View>
  );
}
