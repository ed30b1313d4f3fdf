/**
 * The dashboard's figures, one card each: a chart and, under it, the same numbers as a table
 * (the accessible form of the chart, and what a reader copies into a report). A figure the
 * estate/building drill-down does not narrow is tagged 全社区口径 while a drill-down is active.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { currentDisplayVars, useDisplayMode } from '@/shared/display-mode';
import { formatShanghaiDate } from '@/shared/format-time';
import { quarterLabel } from '@/shared/quarter';
import { registrationStatusLabels, type RegistrationStatus } from '~types/labels/checkin';
import type { Overview } from '~types/dashboard';
import { stepLabels } from '~types/labels/deliberation';
import { proxyActLabels } from '~types/labels/proxy';
import { activityCategoryLabels } from '~types/labels/volunteer';
import { wishStateLabels } from '~types/labels/wish';
import { ChartCanvas } from './chart-canvas';
import { CHART_COLORS, barChart, chartTextPx, type Datum } from './charts';

const DAY_MS = 24 * 3_600_000;

/** Numbers as shown: at most two decimals, no trailing zeros. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A 0..1 rate as a whole percentage. */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export type FigureKey = 'registrations' | 'checkins' | 'wishes' | 'volunteer' | 'topics' | 'points' | 'proxyActs';

function Section({
  figure,
  title,
  subtitle,
  communityWide,
  children,
}: {
  figure: FigureKey;
  title: string;
  subtitle?: string;
  communityWide: boolean;
  children: ReactNode;
}) {
  return (
    <View className='card dash-section' data-testid={`dash-section-${figure}`}>
      <View className='card__row'>
        <Text className='card__title'>{title}</Text>
        {communityWide ? (
          <Text className='tag tag--pending' data-testid='dash-community-wide'>
            全社区口径
          </Text>
        ) : null}
      </View>
      {subtitle ? <Text className='dash-section__subtitle'>{subtitle}</Text> : null}
      {children}
    </View>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <View className='dash-stat' data-testid={testId}>
      <Text className='dash-stat__value'>{value}</Text>
      <Text className='dash-stat__label'>{label}</Text>
    </View>
  );
}

/** The numbers of a chart, as a table; each row's cells are tagged for the tests. */
function NumberTable({
  head,
  rows,
  testId,
}: {
  head: readonly string[];
  rows: ReadonlyArray<{ key: string; cells: readonly string[] }>;
  testId: string;
}) {
  return (
    <View className='dash-table' data-testid={testId}>
      <View className='dash-table__row is-head'>
        {head.map((h, i) => (
          <Text key={h} className={`dash-table__cell ${i === 0 ? 'is-label' : ''}`}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.key} className='dash-table__row' data-testid='dash-row' data-key={r.key}>
          {r.cells.map((c, i) => (
            <Text key={i} className={`dash-table__cell ${i === 0 ? 'is-label' : ''}`}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** A bar chart with a signature taken from its data. */
function Bars({
  id,
  data,
  horizontal = false,
  color,
  max,
  label,
}: {
  id: string;
  data: Datum[];
  horizontal?: boolean;
  color?: string;
  max?: number;
  label: string;
}) {
  const { elder } = useDisplayMode();
  const textPx = chartTextPx(elder, Number(currentDisplayVars()['--text-scale']));
  const height = horizontal ? Math.max(160, data.length * (textPx + 50) + 40) : 360;
  const options = { horizontal, textPx, ...(color ? { color } : {}), ...(max !== undefined ? { max } : {}) };
  return (
    <ChartCanvas
      id={id}
      chart={barChart(data, options)}
      signature={JSON.stringify([data, options])}
      height={height}
      label={label}
    />
  );
}

export function RegistrationsSection({
  data,
  communityWide,
}: {
  data: Overview['registrations'];
  communityWide: boolean;
}) {
  const rows = data.byStatus.map((c) => ({
    label: registrationStatusLabels[c.key as RegistrationStatus] ?? c.key,
    value: c.count,
    text: String(c.count),
  }));
  const waited = data.oldestPendingAt ? Math.floor((Date.now() - Date.parse(data.oldestPendingAt)) / DAY_MS) : null;
  return (
    <Section figure='registrations' title='党员报到' subtitle='区间内提交的报到申请' communityWide={communityWide}>
      <Bars id='dash-chart-registrations' data={rows} label='报到申请数' />
      <NumberTable
        testId='dash-table-registrations'
        head={['状态', '份数']}
        rows={data.byStatus.map((c, i) => ({ key: c.key, cells: [rows[i]!.label, String(c.count)] }))}
      />
      <View className='dash-stats'>
        <Stat label='待审核积压（当前）' value={`${data.pending} 份`} testId='dash-pending' />
        <Stat
          label='最早一份提交于'
          value={data.oldestPendingAt ? formatShanghaiDate(data.oldestPendingAt) : '—'}
          testId='dash-oldest-pending'
        />
      </View>
      {waited !== null ? <Text className='dash-note'>最早的报到申请已等待 {waited} 天</Text> : null}
    </Section>
  );
}

export function CheckinsSection({ data, communityWide }: { data: Overview['checkins']; communityWide: boolean }) {
  const rows = data.units.map((u) => ({ label: u.workUnitName, value: u.rate * 100, text: percent(u.rate) }));
  return (
    <Section
      figure='checkins'
      title='报到单位签到率'
      subtitle={`${quarterLabel(data.quarter)} · 在职党员中本季度至少签到一次的比例`}
      communityWide={communityWide}
    >
      {data.units.length === 0 ? (
        <Text className='dash-empty'>还没有报到单位</Text>
      ) : (
        <>
          <Bars
            id='dash-chart-checkins'
            data={rows}
            horizontal
            max={100}
            color={CHART_COLORS.green}
            label='各单位签到率'
          />
          <NumberTable
            testId='dash-table-checkins'
            head={['单位', '党员', '已签到', '签到率']}
            rows={data.units.map((u) => ({
              key: u.workUnitId,
              cells: [u.workUnitName, String(u.members), String(u.checkedIn), percent(u.rate)],
            }))}
          />
        </>
      )}
    </Section>
  );
}

export function WishesSection({ data, communityWide }: { data: Overview['wishes']; communityWide: boolean }) {
  const rows = data.byState.map((s) => ({ label: wishStateLabels[s.state], value: s.count, text: String(s.count) }));
  const total = data.byState.reduce((sum, s) => sum + s.count, 0);
  const hours = (h: number | null) => (h === null ? '—' : `${num(h)} 小时`);
  const oldest = data.oldestUnclaimed;
  return (
    <Section
      figure='wishes'
      title='微心愿'
      subtitle={`区间内提交 ${total} 个，按当前状态`}
      communityWide={communityWide}
    >
      <Bars id='dash-chart-wishes' data={rows} horizontal color={CHART_COLORS.red} label='各状态心愿数' />
      <NumberTable
        testId='dash-table-wishes'
        head={['状态', '个数']}
        rows={data.byState.map((s) => ({ key: s.state, cells: [wishStateLabels[s.state], String(s.count)] }))}
      />
      <View className='dash-stats'>
        <Stat label='发布到认领（中位数，约）' value={hours(data.medianHoursToClaim)} testId='dash-median-claim' />
        <Stat label='发布到确认（中位数，约）' value={hours(data.medianHoursToConfirm)} testId='dash-median-confirm' />
      </View>
      {oldest ? (
        <View
          className='dash-link'
          role='link'
          data-testid='dash-oldest-wish'
          onClick={() =>
            void Taro.navigateTo({ url: `/packages/wish/pages/detail/index?id=${encodeURIComponent(oldest.id)}` })
          }
        >
          <View className='dash-link__body'>
            <Text className='dash-link__label'>等待最久的心愿（未认领）</Text>
            <Text className='dash-link__title'>{oldest.title}</Text>
            <Text className='dash-link__meta'>
              {formatShanghaiDate(oldest.publishedAt)} 发布 · 已等待 {oldest.ageDays} 天
            </Text>
          </View>
          <Text className='dash-link__arrow'>›</Text>
        </View>
      ) : (
        <Text className='dash-note'>心愿墙上没有等待认领的心愿</Text>
      )}
    </Section>
  );
}

/** "2026-11" → "11月" when every month is in one year, else "2026-11". */
function monthLabels(months: readonly string[]): (m: string) => string {
  const oneYear = new Set(months.map((m) => m.slice(0, 4))).size <= 1;
  return (m) => (oneYear ? `${Number(m.slice(5, 7))}月` : m);
}

export function VolunteerSection({ data, communityWide }: { data: Overview['volunteer']; communityWide: boolean }) {
  const label = monthLabels(data.byMonth.map((m) => m.month));
  const months = data.byMonth.map((m) => ({ label: label(m.month), value: m.hours, text: num(m.hours) }));
  const categories = data.byCategory.map((c) => ({
    label: activityCategoryLabels[c.category],
    value: c.hours,
    text: num(c.hours),
  }));
  return (
    <Section
      figure='volunteer'
      title='志愿服务时长'
      subtitle='区间内结束的活动，已完成的服务时长（小时）'
      communityWide={communityWide}
    >
      <View className='dash-stats'>
        <Stat label='合计服务时长' value={`${num(data.totalHours)} 小时`} testId='dash-volunteer-total' />
      </View>
      {data.byMonth.length === 0 ? (
        <Text className='dash-empty'>区间内没有完成的志愿服务</Text>
      ) : (
        <>
          <Text className='dash-section__label'>按月</Text>
          <Bars id='dash-chart-volunteer-month' data={months} color={CHART_COLORS.gold} label='每月服务时长' />
          <NumberTable
            testId='dash-table-volunteer-month'
            head={['月份', '小时']}
            rows={data.byMonth.map((m) => ({ key: m.month, cells: [m.month, num(m.hours)] }))}
          />
          <Text className='dash-section__label'>按服务类别</Text>
          <Bars
            id='dash-chart-volunteer-category'
            data={categories}
            horizontal
            color={CHART_COLORS.gold}
            label='各类别服务时长'
          />
          <NumberTable
            testId='dash-table-volunteer-category'
            head={['类别', '小时']}
            rows={data.byCategory.map((c) => ({
              key: c.category,
              cells: [activityCategoryLabels[c.category], num(c.hours)],
            }))}
          />
        </>
      )}
    </Section>
  );
}

export function TopicsSection({ data, communityWide }: { data: Overview['topics']; communityWide: boolean }) {
  const steps = data.byStep.map((s) => ({ label: stepLabels[s.step], value: s.count, text: String(s.count) }));
  const days = data.avgDaysPerStep.map((s) => ({ label: stepLabels[s.step], value: s.days, text: num(s.days) }));
  return (
    <Section figure='topics' title='小区议事' subtitle='议题当前所处步骤' communityWide={communityWide}>
      <Bars id='dash-chart-topics' data={steps} horizontal color={CHART_COLORS.blue} label='各步骤议题数' />
      <NumberTable
        testId='dash-table-topics'
        head={['步骤', '议题数']}
        rows={data.byStep.map((s) => ({ key: s.step, cells: [stepLabels[s.step], String(s.count)] }))}
      />
      <Text className='dash-section__label'>各步骤平均用时（区间内完成的步骤，天）</Text>
      {days.length === 0 ? (
        <Text className='dash-empty'>区间内没有议题完成任何步骤</Text>
      ) : (
        <>
          <Bars id='dash-chart-topic-days' data={days} horizontal color={CHART_COLORS.blue} label='各步骤平均天数' />
          <NumberTable
            testId='dash-table-topic-days'
            head={['步骤', '平均天数', '样本']}
            rows={data.avgDaysPerStep.map((s) => ({
              key: s.step,
              cells: [stepLabels[s.step], num(s.days), String(s.samples)],
            }))}
          />
        </>
      )}
    </Section>
  );
}

export function PointsSection({ data, communityWide }: { data: Overview['points']; communityWide: boolean }) {
  const rows = data.buckets.map((b) => ({ label: b.label, value: b.members, text: String(b.members) }));
  return (
    <Section
      figure='points'
      title='积分分布'
      subtitle={`${quarterLabel(data.quarter)}（结束日期所在季度）获得积分的党员人数`}
      communityWide={communityWide}
    >
      <Bars id='dash-chart-points' data={rows} horizontal color={CHART_COLORS.red} label='各分段人数' />
      <NumberTable
        testId='dash-table-points'
        head={['积分段', '人数']}
        rows={data.buckets.map((b) => ({ key: b.label, cells: [b.label, String(b.members)] }))}
      />
    </Section>
  );
}

/**
 * 代办: the acts grid workers and building leaders did for residents in the range, by act. Counted
 * for the community and per 网格 only (an act's audit entry names its grid), so an estate or
 * building view says where to look instead.
 */
export function ProxyActsSection({ data }: { data: Overview['proxyActs'] }) {
  return (
    <Section figure='proxyActs' title='代办' subtitle='区间内网格员、楼栋长为居民代办的事项' communityWide={false}>
      {data === null ? (
        <Text className='dash-empty' data-testid='dash-proxy-by-grid'>
          代办按网格统计，请返回社区后按网格查看
        </Text>
      ) : (
        <>
          <View className='dash-stats'>
            <Stat label='代办合计' value={`${data.total} 件`} testId='dash-proxy-total' />
          </View>
          <NumberTable
            testId='dash-table-proxy'
            head={['事项', '件数']}
            rows={data.byAct.map((a) => ({ key: a.act, cells: [proxyActLabels[a.act], String(a.count)] }))}
          />
        </>
      )}
    </Section>
  );
}
