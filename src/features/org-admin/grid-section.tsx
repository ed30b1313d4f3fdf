/**
 * 网格 in 组织管理: the community's grids with their buildings, and the buildings not yet in a
 * grid (未划分网格). Add or rename a grid, choose the buildings of a grid (a building moves from
 * the grid it was in — every building is in exactly one), and delete an empty grid after a
 * confirmation (the server refuses while it still has buildings or a 网格员, and says so).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import type { FieldErrors } from '@/shared/use-action';
import { FieldsSheet } from '@/shared/ui/fields-sheet';
import { Sheet } from '@/shared/ui/sheet';
import { EmptyView } from '@/shared/ui/state-view';
import type { OrgTree } from '~types/org';

type Grid = OrgTree['grids'][number];

/** "幸福里小区 · 1号楼" for each building id of the tree, in the tree's order. */
function buildingLabels(tree: OrgTree): Array<{ id: string; label: string; gridId: string | null }> {
  return tree.estates.flatMap((e) =>
    e.buildings.map((b) => ({ id: b.id, label: `${e.name} · ${b.name}`, gridId: b.gridId })),
  );
}

async function confirmDeleteGrid(grid: Grid, onDeleted: () => void) {
  const answer = await Taro.showModal({
    title: '删除网格',
    content: `确定删除网格“${grid.name}”吗？删除后不可恢复。`,
    confirmText: '删除',
    confirmColor: '#c8102e',
  });
  if (!answer.confirm) return;
  try {
    await call('org', 'deleteGrid', { gridId: grid.id });
    void Taro.showToast({ title: '已删除', icon: 'success' });
    onDeleted();
  } catch (e) {
    void Taro.showModal({ title: '无法删除', content: errorMessage(e), showCancel: false });
  }
}

function GridNameSheet({
  communityId,
  grid,
  onSaved,
  onCancel,
}: {
  communityId: string;
  grid?: Grid;
  onSaved: () => void;
  onCancel: () => void;
}) {
  return (
    <FieldsSheet
      title={grid ? '修改网格名称' : '新增网格'}
      fields={[{ name: 'name', label: '网格名称', placeholder: '例如：第一网格', maxlength: 20, testId: 'grid-name' }]}
      initial={{ name: grid?.name ?? '' }}
      check={(v): FieldErrors => (v.name.trim() ? {} : { name: '请填写网格名称' })}
      submit={(v) =>
        call('org', 'saveGrid', { communityId, ...(grid ? { gridId: grid.id } : {}), name: v.name.trim() })
      }
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

/** Choose the buildings of a grid: ticked ones are in it; a building ticked here leaves its old grid. */
function AssignSheet({
  tree,
  grid,
  onSaved,
  onCancel,
}: {
  tree: OrgTree;
  grid: Grid;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const all = buildingLabels(tree);
  const nameOf = new Map(tree.grids.map((g) => [g.id, g.name]));
  const [picked, setPicked] = useState<string[]>(grid.buildingIds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const added = picked.filter((id) => !grid.buildingIds.includes(id));
  const toggle = (id: string) => {
    // A building already in this grid stays: it can only leave by being put into another grid.
    if (grid.buildingIds.includes(id)) return;
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  };
  const submit = async () => {
    if (added.length === 0) {
      setError('请勾选要划入本网格的楼栋');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('org', 'assignBuildings', { gridId: grid.id, buildingIds: added });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Sheet
      title={`划分楼栋 · ${grid.name}`}
      confirmText='划入本网格'
      busy={busy}
      error={error}
      onConfirm={() => void submit()}
      onCancel={onCancel}
    >
      <Text className='form-field__hint'>每栋楼只属于一个网格；勾选其他网格的楼栋，会把它移到本网格。</Text>
      {all.map((b) => {
        const on = picked.includes(b.id);
        const elsewhere = b.gridId && b.gridId !== grid.id ? nameOf.get(b.gridId) : null;
        return (
          <View
            key={b.id}
            className={`grid__pick ${on ? 'is-on' : ''}`}
            data-testid='grid-pick'
            onClick={() => toggle(b.id)}
          >
            <Text className='grid__tick'>{on ? '☑' : '☐'}</Text>
            <Text className='grid__pick-label'>{b.label}</Text>
            <Text className='grid__pick-note'>{elsewhere ? `现属${elsewhere}` : b.gridId ? '' : '未划分'}</Text>
          </View>
        );
      })}
    </Sheet>
  );
}

export function GridSection({
  tree,
  communityId,
  onChanged,
}: {
  tree: OrgTree;
  communityId: string;
  onChanged: () => void;
}) {
  const [naming, setNaming] = useState<{ grid?: Grid } | null>(null);
  const [assigning, setAssigning] = useState<Grid | null>(null);
  const labels = new Map(buildingLabels(tree).map((b) => [b.id, b.label]));
  const unassigned = buildingLabels(tree).filter((b) => !b.gridId);
  return (
    <>
      <View className='org__section-head'>
        <Text className='org__section-title'>网格</Text>
        <Button className='btn btn--ghost btn--small' onClick={() => setNaming({})} data-testid='grid-add'>
          ＋ 新增网格
        </Button>
      </View>
      {tree.grids.length === 0 ? <EmptyView title='还没有网格' hint='点“新增网格”，再把楼栋划入网格' /> : null}
      {tree.grids.map((g) => (
        <View key={g.id} className='card' data-testid='grid-card'>
          <View className='card__row'>
            <Text className='card__title'>{g.name}</Text>
            <View className='org__links'>
              <Text className='org__link' onClick={() => setAssigning(g)} data-testid='grid-assign'>
                划分楼栋
              </Text>
              <Text className='org__link' onClick={() => setNaming({ grid: g })}>
                改名
              </Text>
              <Text className='org__link org__link--danger' onClick={() => void confirmDeleteGrid(g, onChanged)}>
                删除
              </Text>
            </View>
          </View>
          <Text className='card__text' data-testid='grid-buildings'>
            {g.buildingIds.length === 0
              ? '还没有楼栋'
              : `${g.buildingIds.length} 栋楼：${g.buildingIds.map((id) => labels.get(id) ?? id).join('、')}`}
          </Text>
        </View>
      ))}
      {unassigned.length > 0 ? (
        <View className='card' data-testid='grid-unassigned'>
          <Text className='card__title'>未划分网格</Text>
          <Text className='card__text'>{unassigned.map((b) => b.label).join('、')}</Text>
        </View>
      ) : null}
      {naming ? (
        <GridNameSheet
          communityId={communityId}
          grid={naming.grid}
          onCancel={() => setNaming(null)}
          onSaved={() => {
            setNaming(null);
            void Taro.showToast({ title: '已保存', icon: 'success' });
            onChanged();
          }}
        />
      ) : null}
      {assigning ? (
        <AssignSheet
          tree={tree}
          grid={assigning}
          onCancel={() => setAssigning(null)}
          onSaved={() => {
            setAssigning(null);
            void Taro.showToast({ title: '已划分', icon: 'success' });
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
