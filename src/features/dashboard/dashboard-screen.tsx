/**
 * 数据看板 (community admins): registrations, check-in rate by work unit, wishes, volunteer hours,
 * topics, points and 代办 for a date range, in one `dashboard.overview` call; a drill-down
 * community → 小区 → 楼栋, or community → 网格 (未划分网格 for the buildings in none), with a
 * breadcrumb back up (figures the drill-down cannot narrow are tagged 全社区口径); 街道汇总, the
 * read-only sum over the street (no drill-down, no exports); and 导出 of the range's records as
 * xlsx, page by page.
 * A 街道工作人员 (street viewer, not an admin of the page's community) opens it from 我的 with
 * `street=1`: it starts in 街道汇总, offers 按社区查看 with a picker of the street's communities
 * (then the same drill-down), is marked 只读 and never shows 导出 (the server refuses it anyway).
 */
import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { streetViewerRole } from '@/shared/roles';
import { useButtonAction } from '@/shared/use-action';
import { useAsync } from '@/shared/use-async';
import { ChoiceChips } from '@/shared/ui/form-field';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { ExportKind, Overview } from '~types/dashboard';
import type { Community, OrgTree } from '~types/org';
import { PRESETS, presetRange, rangeError, rangeLabel, todayCst, type DateRange, type Preset } from './date-range';
import { EXPORTS, exportRecords } from './export';
import {
  CheckinsSection,
  PointsSection,
  ProxyActsSection,
  RegistrationsSection,
  TopicsSection,
  VolunteerSection,
  WishesSection,
  type FigureKey,
} from './sections';
import './dashboard.scss';
import { useCurrentUser } from '@/shared/current-user';

type View_ = 'community' | 'street';

interface Drill {
  estateId?: string;
  buildingId?: string;
  /** A grid's id, or NO_GRID (未划分网格); never with an estate or building. */
  gridId?: string;
}

/** The pseudo-grid of the buildings in no grid (the server's `gridId: 'none'`). */
const NO_GRID = 'none';
const NO_GRID_LABEL = '未划分网格';

/** The grids to drill into: the community's, and 未划分网格 while some building is in none. */
function gridChoices(tree: OrgTree): Array<{ id: string; name: string }> {
  const loose = tree.estates.some((e) => e.buildings.some((b) => !b.gridId));
  return [
    ...tree.grids.map((g) => ({ id: g.id, name: g.name })),
    ...(loose ? [{ id: NO_GRID, name: NO_GRID_LABEL }] : []),
  ];
}

function RangeBar({
  range,
  onChange,
  error,
}: {
  range: DateRange;
  onChange: (r: DateRange) => void;
  error: string | null;
}) {
  const today = todayCst();
  return (
    <View className='dash-range'>
      <ChoiceChips
        choices={PRESETS}
        value={range.preset}
        onChange={(preset: Preset) => onChange(presetRange(preset))}
      />
      <View className='dash-range__days'>
        <Picker
          mode='date'
          value={range.from}
          end={today}
          onChange={(e) => onChange({ ...range, from: String(e.detail.value), preset: null })}
        >
          <View className='dash-range__day' data-testid='dash-from'>
            <Text className='dash-range__hint'>开始</Text>
            <Text className='dash-range__value'>{range.from}</Text>
          </View>
        </Picker>
        <Text className='dash-range__to'>至</Text>
        <Picker
          mode='date'
          value={range.to}
          end={today}
          onChange={(e) => onChange({ ...range, to: String(e.detail.value), preset: null })}
        >
          <View className='dash-range__day' data-testid='dash-to'>
            <Text className='dash-range__hint'>结束</Text>
            <Text className='dash-range__value'>{range.to}</Text>
          </View>
        </Picker>
      </View>
      {error ? (
        <View className='form-field__error' role='alert' data-testid='dash-range-error'>
          {error}
        </View>
      ) : null}
    </View>
  );
}

function DrillBar({
  tree,
  drill,
  onChange,
}: {
  tree: OrgTree | undefined;
  drill: Drill;
  onChange: (d: Drill) => void;
}) {
  if (!tree) return null;
  const estate = tree.estates.find((e) => e.id === drill.estateId);
  const building = estate?.buildings.find((b) => b.id === drill.buildingId);
  const grids = gridChoices(tree);
  const grid = grids.find((g) => g.id === drill.gridId);
  const crumbs = [
    { key: 'community', label: tree.community.name, target: {} as Drill },
    ...(grid ? [{ key: `grid-${grid.id}`, label: grid.name, target: { gridId: grid.id } }] : []),
    ...(estate ? [{ key: estate.id, label: estate.name, target: { estateId: estate.id } }] : []),
    ...(estate && building
      ? [{ key: building.id, label: building.name, target: { estateId: estate.id, buildingId: building.id } }]
      : []),
  ];
  const options =
    building || grid
      ? []
      : estate
        ? estate.buildings.map((b) => ({ id: b.id, label: b.name, target: { estateId: estate.id, buildingId: b.id } }))
        : tree.estates.map((e) => ({ id: e.id, label: e.name, target: { estateId: e.id } }));
  return (
    <View className='card dash-drill'>
      <View className='dash-crumbs' data-testid='dash-crumbs'>
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1;
          return (
            <View key={c.key} className='dash-crumbs__item'>
              {i > 0 ? <Text className='dash-crumbs__sep'>›</Text> : null}
              <View
                className={`dash-crumbs__label ${last ? 'is-current' : ''}`}
                role={last ? undefined : 'link'}
                aria-current={last ? 'location' : undefined}
                data-testid='dash-crumb'
                onClick={last ? undefined : () => onChange(c.target)}
              >
                {c.label}
              </View>
            </View>
          );
        })}
      </View>
      {options.length > 0 ? (
        <>
          <Text className='dash-drill__hint'>{estate ? '按楼栋查看' : '按小区查看'}</Text>
          <View className='chips'>
            {options.map((o) => (
              <View
                key={o.id}
                className='chips__item'
                role='button'
                data-testid='dash-drill-option'
                onClick={() => onChange(o.target)}
              >
                <Text className='chips__label'>{o.label}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
      {!estate && !grid && grids.length > 0 ? (
        <>
          <Text className='dash-drill__hint'>按网格查看</Text>
          <View className='chips' data-testid='dash-grids'>
            {grids.map((g) => (
              <View
                key={g.id}
                className='chips__item'
                role='button'
                data-testid='dash-grid-option'
                onClick={() => onChange({ gridId: g.id })}
              >
                <Text className='chips__label'>{g.name}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}

function Figures({ data, drilled }: { data: Overview; drilled: boolean }) {
  const wide = (key: FigureKey) => drilled && !(data.scoped as readonly string[]).includes(key);
  return (
    <>
      <RegistrationsSection data={data.registrations} communityWide={wide('registrations')} />
      <CheckinsSection data={data.checkins} communityWide={wide('checkins')} />
      <WishesSection data={data.wishes} communityWide={wide('wishes')} />
      <VolunteerSection data={data.volunteer} communityWide={wide('volunteer')} />
      <TopicsSection data={data.topics} communityWide={wide('topics')} />
      <PointsSection data={data.points} communityWide={wide('points')} />
      <ProxyActsSection data={data.proxyActs} />
    </>
  );
}

function Exports({ communityId, range }: { communityId: string; range: DateRange }) {
  const { busy, pressing, press } = useButtonAction<ExportKind>();
  return (
    <View className='card dash-exports' data-testid='dash-exports'>
      <Text className='card__title'>导出</Text>
      <Text className='card__text'>
        导出全社区 {rangeLabel(range)} 的记录（Excel），每份最多500行，超出时分成几个文件。
      </Text>
      <View className='dash-exports__grid'>
        {EXPORTS.map((e) => (
          <Button
            key={e.kind}
            className='btn btn--ghost btn--small dash-exports__btn'
            data-testid={`dash-export-${e.kind}`}
            loading={pressing === e.kind || undefined}
            disabled={busy || undefined}
            onClick={() =>
              void press(() => exportRecords({ communityId, kind: e.kind, from: range.from, to: range.to }), {
                key: e.kind,
              })
            }
          >
            导出{e.label}
          </Button>
        ))}
      </View>
    </View>
  );
}

/** 按社区查看 for a street viewer: which community of the street to look at. */
function CommunityPicker({
  communities,
  value,
  onChange,
}: {
  communities: Community[] | undefined;
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <View className='card dash-communities' data-testid='dash-communities'>
      <ChoiceChips
        label='选择社区'
        choices={(communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={value}
        onChange={onChange}
      />
      <Text className='card__text'>街道工作人员只能查看数据，不能修改或导出。</Text>
    </View>
  );
}

export function DashboardScreen() {
  const home = pageParam('communityId') ?? '';
  const [range, setRange] = useState<DateRange>(() => presetRange('month'));
  const [view, setView] = useState<View_>(() => (pageParam('street') === '1' ? 'street' : 'community'));
  const [picked, setPicked] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill>({});
  const invalid = rangeError(range);
  const street = view === 'street';
  const drilled = !street && Boolean(drill.estateId || drill.buildingId || drill.gridId);

  // Read-only: a street viewer who is not an admin of the page's community (until `me` answers,
  // the admin screen; a street viewer arrives in the street view, which has no exports anyway).
  const { me } = useCurrentUser();
  const roles = me.data?.roles ?? [];
  const viewer = streetViewerRole(roles);
  const readOnly = viewer !== undefined && !roles.some((r) => r.kind === 'admin' && r.communityId === home);
  const streetId = readOnly ? viewer.streetId : null;
  const communityId = (readOnly && picked) || home;
  const key = JSON.stringify([communityId, range.from, range.to, street, drill]);

  const overview = useAsync(async () => {
    if (!communityId || invalid) return null;
    return call('dashboard', 'overview', {
      communityId,
      from: range.from,
      to: range.to,
      street,
      ...(street ? {} : drill),
    });
  }, [key, invalid]);
  const tree = useAsync(async () => (communityId ? call('org', 'getTree', { communityId }) : null), [communityId]);
  const communities = useAsync(
    async () =>
      streetId ? (await call('org', 'listCommunities', {})).items.filter((c) => c.streetId === streetId) : [],
    [streetId],
  );
  // The tree of the community on screen (not the previous one while the next loads).
  const shownTree = tree.data?.community.id === communityId ? tree.data : undefined;

  usePullDownRefresh(() => {
    void Promise.all([overview.reload(), tree.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  if (!home) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  const data = overview.data ?? undefined;
  const stale = overview.loading && data !== undefined;
  const views: ReadonlyArray<readonly [View_, string]> = readOnly
    ? [
        ['street', '街道汇总'],
        ['community', '按社区查看'],
      ]
    : [
        ['community', '本社区'],
        ['street', '街道汇总'],
      ];

  return (
    <View className='screen dash' data-testid='dash-screen'>
      <View className='dash-hero'>
        <View className='dash-hero__head'>
          <Text className='dash-hero__title' data-testid='dash-scope'>
            {scopeTitle(street, drill, shownTree, data)}
          </Text>
          {readOnly ? (
            <Text className='dash-hero__badge' data-testid='dash-read-only'>
              只读
            </Text>
          ) : null}
        </View>
        <Text className='dash-hero__text'>
          {street ? '街道汇总 · 只读，' : readOnly ? `${viewer.scopeLabel} · 只读，` : ''}
          {rangeLabel(range)}
        </Text>
        <View className='dash-views' role='radiogroup'>
          {views.map(([v, label]) => (
            <View
              key={v}
              className={`dash-views__item ${view === v ? 'is-active' : ''}`}
              role='radio'
              aria-checked={view === v}
              data-testid={`dash-view-${v}`}
              onClick={() => setView(v)}
            >
              {label}
            </View>
          ))}
        </View>
      </View>

      <View className='card dash-filter'>
        <RangeBar range={range} onChange={setRange} error={invalid} />
      </View>

      {street ? (
        <Text className='dash-banner' data-testid='dash-street-note'>
          {readOnly
            ? '街道汇总为本街道各社区之和。要看单个社区并按小区、楼栋查看，请切换到“按社区查看”。'
            : '街道汇总为本街道各社区之和，只能查看，不能按小区筛选或导出。'}
        </Text>
      ) : (
        <>
          {readOnly ? (
            <CommunityPicker
              communities={communities.data}
              value={communityId}
              onChange={(id) => {
                setPicked(id);
                setDrill({});
              }}
            />
          ) : null}
          <DrillBar tree={shownTree} drill={drill} onChange={setDrill} />
        </>
      )}

      {invalid ? null : overview.error ? (
        <ErrorView message={errorMessage(overview.error)} onRetry={() => void overview.reload()} />
      ) : !data ? (
        <LoadingView />
      ) : (
        <View className={stale ? 'dash-figures is-stale' : 'dash-figures'} data-testid='dash-figures'>
          {stale ? <Text className='dash-banner'>正在更新…</Text> : null}
          {isEmpty(data) ? (
            <EmptyView title='这段时间还没有数据' hint='换一个日期范围，或等居民和党员用起来后再来看' />
          ) : null}
          <Figures data={data} drilled={drilled} />
        </View>
      )}

      {!street && !invalid && !readOnly ? <Exports communityId={communityId} range={range} /> : null}
    </View>
  );
}

/**
 * The hero's title: the drill-down path from the org tree (小区 and 楼栋 both, since building
 * names repeat across estates; or the 网格), else the server's label of what it summed.
 */
function scopeTitle(street: boolean, drill: Drill, tree: OrgTree | undefined, data: Overview | undefined): string {
  if (!street && tree) {
    const estate = tree.estates.find((e) => e.id === drill.estateId);
    const building = estate?.buildings.find((b) => b.id === drill.buildingId);
    const grid = drill.gridId ? gridChoices(tree).find((g) => g.id === drill.gridId) : undefined;
    return [tree.community.name, grid?.name, estate?.name, building?.name].filter(Boolean).join(' · ');
  }
  return data?.scopeLabel ?? tree?.community.name ?? '数据看板';
}

/** Nothing at all happened in the range (the figures are all zeros). */
function isEmpty(o: Overview): boolean {
  const sum = (xs: ReadonlyArray<{ count?: number; members?: number }>) =>
    xs.reduce((s, x) => s + (x.count ?? 0) + (x.members ?? 0), 0);
  return (
    sum(o.registrations.byStatus) === 0 &&
    o.registrations.pending === 0 &&
    sum(o.wishes.byState) === 0 &&
    o.volunteer.totalHours === 0 &&
    sum(o.topics.byStep) === 0 &&
    sum(o.points.buckets) === 0 &&
    (o.proxyActs?.total ?? 0) === 0 &&
    o.checkins.units.every((u) => u.checkedIn === 0)
  );
}
