/**
 * 组织管理: the community's name and address (社区信息), its estates → buildings → households,
 * with add / edit / delete (after a confirmation; the server refuses to delete what still has
 * something under it, and says so), importing households from a spreadsheet, and the
 * registered work units (报到单位) with their liaisons, and the 网格 (grids) with their buildings
 * (grid-section.tsx). Admins only (the server checks).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { useAsync } from '@/shared/use-async';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { Household, HouseholdPublic, OrgTree, WorkUnit } from '~types/org';
import { CommunitySheet } from './community-form';
import { GridSection } from './grid-section';
import { ImportSheet } from './import-sheet';
import { OrgFormSheet, type OrgForm } from './org-forms';
import { WorkUnitSheet } from './work-unit-form';
import './org-screen.scss';

type Estate = OrgTree['estates'][number];
type Building = Estate['buildings'][number];
type NodeKind = 'estate' | 'building' | 'household';

const kindLabels: Record<NodeKind, string> = { estate: '小区', building: '楼栋', household: '房屋' };

const isFull = (h: Household | HouseholdPublic): h is Household => 'floorArea' in h;

async function confirmDelete(kind: NodeKind, id: string, name: string, onDeleted: () => void) {
  const answer = await Taro.showModal({
    title: `删除${kindLabels[kind]}`,
    content: `确定删除${kindLabels[kind]}“${name}”吗？删除后不可恢复。`,
    confirmText: '删除',
    confirmColor: '#c8102e',
  });
  if (!answer.confirm) return;
  try {
    await call('org', 'deleteNode', { kind, id });
    void Taro.showToast({ title: '已删除', icon: 'success' });
    onDeleted();
  } catch (e) {
    void Taro.showModal({ title: '无法删除', content: errorMessage(e), showCancel: false });
  }
}

function Households({
  estate,
  building,
  onForm,
  version,
}: {
  estate: Estate;
  building: Building;
  onForm: (f: OrgForm) => void;
  version: number;
}) {
  const list = useAsync(() => call('org', 'listHouseholds', { buildingId: building.id }), [building.id, version]);
  const label = `${estate.name}${building.name}`;
  if (list.loading && !list.data) return <LoadingView label='正在读取房屋…' />;
  if (list.error) return <ErrorView message={errorMessage(list.error)} onRetry={() => void list.reload()} />;
  const items = list.data?.items ?? [];
  return (
    <View className='org__households'>
      {items.length === 0 ? <Text className='card__text'>还没有房屋</Text> : null}
      {items.map((h) => (
        <View key={h.id} className='org__household'>
          <View className='org__household-main'>
            <Text className='org__room'>{h.room}</Text>
            {isFull(h) ? <Text className='org__area'>{h.floorArea} m²</Text> : null}
            {isFull(h) && h.isPartyCenter ? <Text className='tag tag--red'>党员中心户</Text> : null}
          </View>
          <View className='org__links'>
            {isFull(h) ? (
              <Text
                className='org__link'
                onClick={() =>
                  onForm({ kind: 'household', buildingId: building.id, buildingLabel: label, household: h })
                }
              >
                编辑
              </Text>
            ) : null}
            <Text
              className='org__link org__link--danger'
              onClick={() => void confirmDelete('household', h.id, `${label} ${h.room}`, () => void list.reload())}
            >
              删除
            </Text>
          </View>
        </View>
      ))}
      <Text
        className='org__add'
        onClick={() => onForm({ kind: 'household', buildingId: building.id, buildingLabel: label })}
      >
        ＋ 添加房屋
      </Text>
    </View>
  );
}

function EstateCard({
  estate,
  grids,
  onForm,
  onChanged,
  version,
}: {
  estate: Estate;
  grids: OrgTree['grids'];
  onForm: (f: OrgForm) => void;
  onChanged: () => void;
  version: number;
}) {
  const [openBuilding, setOpenBuilding] = useState<string | null>(null);
  return (
    <View className='card org__estate' data-testid='org-estate'>
      <View className='card__row'>
        <View className='org__estate-head'>
          <Text className='card__title'>{estate.name}</Text>
          <Text className='card__text'>{estate.partyBranchName}</Text>
        </View>
        <View className='org__links'>
          <Text
            className='org__link'
            onClick={() => onForm({ kind: 'estate', communityId: estate.communityId, estate })}
          >
            编辑
          </Text>
          <Text
            className='org__link org__link--danger'
            onClick={() => void confirmDelete('estate', estate.id, estate.name, onChanged)}
          >
            删除
          </Text>
        </View>
      </View>
      {estate.buildings.map((b) => (
        <View key={b.id} className='org__building'>
          <View className='org__building-row'>
            <View className='org__building-head' onClick={() => setOpenBuilding(openBuilding === b.id ? null : b.id)}>
              <Text className='org__chevron'>{openBuilding === b.id ? '▾' : '▸'}</Text>
              <Text className='org__building-name'>{b.name}</Text>
              <Text className='org__count'>{b.householdCount} 户</Text>
            </View>
            <View className='org__links'>
              <Text
                className='org__link'
                onClick={() =>
                  onForm({ kind: 'building', estateId: estate.id, estateName: estate.name, building: b, grids })
                }
              >
                编辑
              </Text>
              <Text
                className='org__link org__link--danger'
                onClick={() => void confirmDelete('building', b.id, `${estate.name}${b.name}`, onChanged)}
              >
                删除
              </Text>
            </View>
          </View>
          {openBuilding === b.id ? <Households estate={estate} building={b} onForm={onForm} version={version} /> : null}
        </View>
      ))}
      <Text
        className='org__add'
        onClick={() => onForm({ kind: 'building', estateId: estate.id, estateName: estate.name, grids })}
      >
        ＋ 添加楼栋
      </Text>
    </View>
  );
}

export function OrgScreen() {
  const communityId = pageParam('communityId');
  const tree = useAsync(
    () => (communityId ? call('org', 'getTree', { communityId }) : Promise.reject(new Error('no community'))),
    [communityId],
  );
  const [form, setForm] = useState<OrgForm | null>(null);
  const [importing, setImporting] = useState(false);
  const [editingCommunity, setEditingCommunity] = useState(false);
  // null: closed; { unit: undefined }: adding a new one.
  const [unitForm, setUnitForm] = useState<{ unit?: WorkUnit } | null>(null);
  // Bumped after a save, so open household lists re-read.
  const [version, setVersion] = useState(0);
  usePullDownRefresh(() => {
    void tree.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const changed = () => {
    setVersion((v) => v + 1);
    void tree.reload();
  };

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  if (tree.loading && !tree.data) return <LoadingView label='正在读取组织架构…' />;
  if (tree.error) return <ErrorView message={errorMessage(tree.error)} onRetry={() => void tree.reload()} />;
  const data = tree.data!;
  const households = data.estates.reduce((n, e) => n + e.buildings.reduce((m, b) => m + b.householdCount, 0), 0);
  const buildings = data.estates.reduce((n, e) => n + e.buildings.length, 0);

  return (
    <View className='screen org'>
      <View className='org__community' data-testid='org-community'>
        <View className='card__row'>
          <Text className='org__community-name'>{data.community.name}</Text>
          <Text className='org__link' onClick={() => setEditingCommunity(true)} data-testid='community-edit'>
            编辑
          </Text>
        </View>
        <Text className='org__community-text'>
          {data.community.streetName} · {data.community.address}
        </Text>
        <Text className='org__community-text'>
          {data.estates.length} 个小区 · {buildings} 栋楼 · {households} 户
        </Text>
      </View>
      <View className='org__toolbar'>
        <Button className='btn btn--primary btn--small' onClick={() => setForm({ kind: 'estate', communityId })}>
          ＋ 添加小区
        </Button>
        <Button className='btn btn--ghost btn--small' onClick={() => setImporting(true)}>
          导入房屋
        </Button>
      </View>
      {data.estates.length === 0 ? <EmptyView title='还没有小区' hint='点“添加小区”或从表格导入房屋' /> : null}
      {data.estates.map((e) => (
        <EstateCard key={e.id} estate={e} grids={data.grids} onForm={setForm} onChanged={changed} version={version} />
      ))}
      <GridSection tree={data} communityId={communityId} onChanged={changed} />
      {data.councils.length > 0 ? (
        <>
          <Text className='section-title'>三会</Text>
          <View className='card'>
            {data.councils.map((c) => (
              <Text key={c.id} className='card__text'>
                {c.name}
              </Text>
            ))}
          </View>
        </>
      ) : null}
      <View className='org__section-head'>
        <Text className='org__section-title'>报到单位</Text>
        <Button className='btn btn--ghost btn--small' onClick={() => setUnitForm({})} data-testid='work-unit-add'>
          ＋ 新增单位
        </Button>
      </View>
      {data.workUnits.length === 0 ? (
        <EmptyView title='还没有报到单位' hint='点“新增单位”登记在职党员所在单位' />
      ) : null}
      {data.workUnits.map((w) => (
        <View key={w.id} className='card' data-testid='work-unit-card'>
          <View className='card__row'>
            <Text className='card__title'>{w.name}</Text>
            <Text className='org__link' onClick={() => setUnitForm({ unit: w })}>
              编辑
            </Text>
          </View>
          <Text className='card__text'>{w.partyOrgName}</Text>
          <Text className='card__text'>联系电话：{w.contactPhone ?? '未填写'}</Text>
          <Text className='card__text'>
            联络员：
            {w.liaisonName ? <Text className='org__liaison'>{w.liaisonName}</Text> : '暂无'}
          </Text>
        </View>
      ))}
      {form ? (
        <OrgFormSheet
          form={form}
          onCancel={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            void Taro.showToast({ title: '已保存', icon: 'success' });
            changed();
          }}
        />
      ) : null}
      {editingCommunity ? (
        <CommunitySheet
          community={data.community}
          onCancel={() => setEditingCommunity(false)}
          onSaved={() => {
            setEditingCommunity(false);
            void Taro.showToast({ title: '社区信息已更新', icon: 'success' });
            void tree.reload();
          }}
        />
      ) : null}
      {unitForm ? (
        <WorkUnitSheet
          communityId={communityId}
          unit={unitForm.unit}
          onCancel={() => setUnitForm(null)}
          onSaved={() => {
            setUnitForm(null);
            void Taro.showToast({ title: '已保存', icon: 'success' });
            void tree.reload();
          }}
        />
      ) : null}
      {importing ? (
        <ImportSheet
          communityId={communityId}
          onCancel={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            changed();
          }}
        />
      ) : null}
    </View>
  );
}
