/**
 * 季度考核 (community admins): every member's points in a quarter, ranked, against the
 * threshold (达标线 drawn in the table), 达标/未达标 badges; 关闭季度 freezes a finished quarter
 * (after a confirmation); 导出Excel. A row opens the member's ledger.
 */
import { Fragment, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { exportSpreadsheet } from '@/shared/export-xlsx';
import { formatShanghai } from '@/shared/format-time';
import { alertModal, confirmModal } from '@/shared/modal';
import { pageParam } from '@/shared/page-params';
import { currentQuarter, quarterLabel } from '@/shared/quarter';
import { useButtonAction } from '@/shared/use-action';
import { useAsync } from '@/shared/use-async';
import { QuarterChips } from '@/shared/ui/quarter-chips';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { QuarterReport } from '~types/points';
import { ledgerUrl } from './urls';
import './assessment.scss';

function Table({ report, communityId }: { report: QuarterReport; communityId: string }) {
  const firstShort = report.rows.findIndex((r) => !r.qualified);
  const line = (
    <View className='rank-table__line' data-testid='threshold-line'>
      <Text>达标线 {report.threshold} 分</Text>
    </View>
  );
  return (
    <View className='rank-table' data-testid='quarter-table'>
      <View className='rank-table__row is-head'>
        <Text className='rank-table__rank'>名次</Text>
        <Text className='rank-table__who'>党员</Text>
        <Text className='rank-table__points'>积分</Text>
        <Text className='rank-table__badge'>考核</Text>
      </View>
      {report.rows.map((r, i) => (
        <Fragment key={r.userId}>
          {i === firstShort ? line : null}
          <View
            className='rank-table__row'
            role='link'
            data-testid='quarter-row'
            onClick={() => void Taro.navigateTo({ url: ledgerUrl(communityId, r.userId, r.userName) })}
          >
            <Text className={`rank-table__rank ${r.rank <= 3 ? 'is-top' : ''}`}>{r.rank}</Text>
            <View className='rank-table__who'>
              <Text className='rank-table__name'>{r.userName}</Text>
              <Text className='rank-table__unit'>{r.workUnitName ?? '—'}</Text>
            </View>
            <Text className='rank-table__points'>{r.points}</Text>
            <View className='rank-table__badge'>
              <Text className={`tag ${r.qualified ? 'tag--approved' : 'tag--pending'}`}>
                {r.qualified ? '达标' : '未达标'}
              </Text>
            </View>
          </View>
        </Fragment>
      ))}
      {firstShort === -1 ? line : null}
    </View>
  );
}

export function QuarterScreen() {
  const communityId = pageParam('communityId') ?? '';
  const [quarter, setQuarter] = useState(currentQuarter);
  const { busy, pressing, press } = useButtonAction<'close' | 'export'>();
  const report = useAsync(() => call('points', 'quarterReport', { communityId, quarter }), [communityId, quarter]);
  usePullDownRefresh(() => {
    void report.reload().finally(() => Taro.stopPullDownRefresh());
  });
  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  const data = report.data && report.data.quarter === quarter ? report.data : undefined;
  const finished = quarter !== currentQuarter();

  const close = () =>
    press(
      async () => {
        await call('points', 'closeQuarter', { communityId, quarter });
        void Taro.showToast({ title: '已关闭', icon: 'success' });
        void report.reload();
      },
      {
        key: 'close',
        confirm: () =>
          confirmModal({
            title: '关闭季度',
            content: `关闭${quarterLabel(quarter)}后，考核结果将被冻结，不能再更改。确定关闭吗？`,
            confirmText: '关闭季度',
          }),
        onError: (e) => alertModal('操作失败', errorMessage(e)),
      },
    );

  const qualified = data ? data.rows.filter((r) => r.qualified).length : 0;
  return (
    <View className='screen'>
      <QuarterChips value={quarter} onChange={setQuarter} />
      {report.error ? <ErrorView message={errorMessage(report.error)} onRetry={() => void report.reload()} /> : null}
      {!data && !report.error ? <LoadingView /> : null}
      {data && !report.error ? (
        <>
          <View className='card'>
            <View className='card__row'>
              <Text className='card__title'>{quarterLabel(data.quarter)}</Text>
              <Text className={`tag ${data.closed ? 'tag--muted' : finished ? 'tag--pending' : 'tag--approved'}`}>
                {data.closed ? '已关闭' : finished ? '待关闭' : '进行中'}
              </Text>
            </View>
            <Text className='card__text'>
              达标线 {data.threshold} 分 · 共 {data.rows.length} 人，达标 {qualified} 人
            </Text>
            {data.closedAt ? (
              <Text className='card__text'>关闭于 {formatShanghai(data.closedAt)}，结果已冻结</Text>
            ) : null}
            <View className='card__actions'>
              {!data.closed && finished ? (
                <Button
                  className='btn btn--plain btn--small'
                  loading={pressing === 'close' || undefined}
                  disabled={busy || undefined}
                  onClick={() => void close()}
                >
                  关闭季度
                </Button>
              ) : null}
              <Button
                className='btn btn--ghost btn--small'
                loading={pressing === 'export' || undefined}
                disabled={busy || data.rows.length === 0 || undefined}
                onClick={() =>
                  void press(() => exportSpreadsheet({ communityId, kind: 'quarter_report', quarter }), {
                    key: 'export',
                  })
                }
              >
                导出Excel
              </Button>
            </View>
          </View>
          {data.rows.length === 0 ? (
            <EmptyView title='本季度还没有党员积分' hint='党员报到、签到后会出现在这里' />
          ) : (
            <Table report={data} communityId={communityId} />
          )}
        </>
      ) : null}
    </View>
  );
}
