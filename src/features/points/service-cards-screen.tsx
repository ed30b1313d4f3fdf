/**
 * 服务卡 (a work unit's liaison, or a community admin): the unit's members' record for a quarter
 * — events checked in, volunteer hours, wishes fulfilled, points and this year's rating — and
 * the unit's own rating. Exportable as xlsx.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { exportSpreadsheet } from '@/shared/export-xlsx';
import { pageParam } from '@/shared/page-params';
import { currentQuarter, quarterLabel } from '@/shared/quarter';
import { liaisonRole } from '@/shared/roles';
import { useAsync } from '@/shared/use-async';
import { QuarterChips } from '@/shared/ui/quarter-chips';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import { gradeLabels } from '~types/labels/points';
import type { ServiceCards } from '~types/points';
import './points.scss';
import { useCurrentUser } from '@/shared/current-user';

function Cards({ workUnitId, communityId }: { workUnitId: string; communityId: string }) {
  const [quarter, setQuarter] = useState(currentQuarter);
  const [exporting, setExporting] = useState(false);
  const cards = useAsync(() => call('points', 'serviceCards', { workUnitId, quarter }), [workUnitId, quarter]);
  usePullDownRefresh(() => {
    void cards.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const data: ServiceCards | undefined = cards.data;
  return (
    <View className='screen'>
      <QuarterChips value={quarter} onChange={setQuarter} />
      {cards.loading && !data ? <LoadingView /> : null}
      {cards.error ? <ErrorView message={errorMessage(cards.error)} onRetry={() => void cards.reload()} /> : null}
      {data && !cards.error ? (
        <>
          <View className='card'>
            <View className='card__row'>
              <Text className='card__title'>{data.workUnitName}</Text>
              <Text className={`tag ${data.unitRating ? 'tag--approved' : ''}`}>
                {data.unitRating ? `年度评议：${gradeLabels[data.unitRating]}` : '年度尚未评议'}
              </Text>
            </View>
            <Text className='card__text'>
              {quarterLabel(data.quarter)} · 共 {data.cards.length} 名党员
            </Text>
            <View className='card__actions'>
              <Button
                className='btn btn--ghost btn--small'
                loading={exporting || undefined}
                disabled={exporting || data.cards.length === 0 || undefined}
                onClick={() => {
                  setExporting(true);
                  void exportSpreadsheet({ communityId, kind: 'service_cards', quarter, workUnitId }).finally(() =>
                    setExporting(false),
                  );
                }}
              >
                导出Excel
              </Button>
            </View>
          </View>
          {data.cards.length === 0 ? (
            <EmptyView title='本单位还没有党员报到' hint='党员报到并通过审核后，会出现在这里' />
          ) : (
            data.cards.map((c) => (
              <View key={c.userId} className='card' data-testid='service-card'>
                <View className='card__row'>
                  <Text className='card__title'>{c.userName}</Text>
                  <Text className={`tag ${c.rating ? 'tag--approved' : ''}`}>
                    {c.rating ? gradeLabels[c.rating] : '未评议'}
                  </Text>
                </View>
                <View className='stats'>
                  <View className='stats__item'>
                    <Text className='stats__value'>{c.events}</Text>
                    <Text className='stats__label'>活动签到</Text>
                  </View>
                  <View className='stats__item'>
                    <Text className='stats__value'>{c.hours}</Text>
                    <Text className='stats__label'>服务时长</Text>
                  </View>
                  <View className='stats__item'>
                    <Text className='stats__value'>{c.wishes}</Text>
                    <Text className='stats__label'>微心愿</Text>
                  </View>
                  <View className='stats__item'>
                    <Text className='stats__value is-red'>{c.points}</Text>
                    <Text className='stats__label'>积分</Text>
                  </View>
                </View>
              </View>
            ))
          )}
        </>
      ) : null}
    </View>
  );
}

export function ServiceCardsScreen() {
  const { me } = useCurrentUser();
  const liaison = me.data ? liaisonRole(me.data.roles) : undefined;
  const workUnitId = pageParam('workUnitId') ?? liaison?.workUnitId ?? null;
  const communityId = pageParam('communityId') ?? liaison?.communityId ?? null;
  if (me.loading && !me.data) return <LoadingView />;
  if (me.error && !me.data)
    return <ErrorView error={me.error} message={errorMessage(me.error)} onRetry={() => void me.reload()} />;
  if (!workUnitId || !communityId) {
    return <EmptyView title='您不是报到单位的联络员' hint='服务卡只对报到单位联络员和社区管理员开放' />;
  }
  return <Cards workUnitId={workUnitId} communityId={communityId} />;
}
