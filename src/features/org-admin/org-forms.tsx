/**
 * The add/edit forms of 组织管理, each in a bottom sheet: estate, building (with its 网格, as
 * choice chips — large tap targets in 长辈模式 too), household. Each is
 * data for the shared `FieldsSheet`: local checks catch the obvious; the server's field messages
 * (AppError.fields) appear under the fields, and any other refusal above the buttons.
 */
import { useState } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import { call } from '@/services/cloud';
import type { FieldErrors } from '@/shared/use-action';
import { FieldsSheet, type FieldValues } from '@/shared/ui/fields-sheet';
import { ChoiceChips } from '@/shared/ui/form-field';
import type { Household } from '~types/org';

export type OrgForm =
  | { kind: 'estate'; communityId: string; estate?: { id: string; name: string; partyBranchName: string } }
  | {
      kind: 'building';
      estateId: string;
      estateName: string;
      building?: { id: string; name: string; partyGroupName: string; gridId?: string | null };
      /** The community's 网格, to choose the building's from (none yet: no choice shown). */
      grids: ReadonlyArray<{ id: string; name: string }>;
    }
  | { kind: 'household'; buildingId: string; buildingLabel: string; household?: Household };

interface FormProps<F> {
  form: F;
  onSaved: () => void;
  onCancel: () => void;
}

/** Field name → its message when the field is left empty. */
function required<K extends string>(messages: Record<K, string>) {
  return (values: FieldValues<K>): FieldErrors => {
    const out: FieldErrors = {};
    for (const key of Object.keys(messages) as K[]) if (!values[key].trim()) out[key] = messages[key];
    return out;
  };
}

/**
 * While a new node is being added, its Party organisation's name follows the node's name
 * (`named(name)`) until someone edits it by hand.
 */
function follows<K extends string>(nameKey: K, orgKey: K, named: (name: string) => string, adding: boolean) {
  return (old: FieldValues<K>, key: K, value: string): FieldValues<K> => {
    const follow = key === nameKey && adding && (!old[orgKey] || old[orgKey] === named(old[nameKey]));
    return { ...old, [key]: value, ...(follow ? { [orgKey]: value ? named(value) : '' } : {}) };
  };
}

function EstateForm({ form, onSaved, onCancel }: FormProps<Extract<OrgForm, { kind: 'estate' }>>) {
  return (
    <FieldsSheet
      title={form.estate ? '编辑小区' : '添加小区'}
      fields={[
        { name: 'name', label: '小区名称', placeholder: '例如：幸福里小区', maxlength: 30 },
        { name: 'partyBranchName', label: '小区党支部', placeholder: '例如：幸福里小区党支部', maxlength: 40 },
      ]}
      initial={{ name: form.estate?.name ?? '', partyBranchName: form.estate?.partyBranchName ?? '' }}
      check={required({ name: '请填写小区名称', partyBranchName: '请填写党支部名称' })}
      derive={follows('name', 'partyBranchName', (name) => `${name}党支部`, !form.estate)}
      submit={(v) =>
        call('org', 'saveEstate', {
          communityId: form.communityId,
          ...(form.estate ? { estateId: form.estate.id } : {}),
          name: v.name.trim(),
          partyBranchName: v.partyBranchName.trim(),
        })
      }
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

/** The building's 网格: one of the community's grids; a building never put in one shows 未划分网格. */
function GridChoice({
  grids,
  value,
  error,
  onChange,
}: {
  grids: ReadonlyArray<{ id: string; name: string }>;
  value: string | null;
  error: string | undefined;
  onChange: (gridId: string) => void;
}) {
  if (grids.length === 0) return null;
  return (
    <View data-testid='building-grid'>
      <ChoiceChips
        label={value ? '所属网格' : '所属网格（未划分网格）'}
        choices={grids.map((g) => ({ value: g.id, label: g.name }))}
        value={value}
        error={error}
        onChange={onChange}
      />
    </View>
  );
}

function BuildingForm({ form, onSaved, onCancel }: FormProps<Extract<OrgForm, { kind: 'building' }>>) {
  const [gridId, setGridId] = useState<string | null>(form.building?.gridId ?? null);
  return (
    <FieldsSheet
      title={`${form.building ? '编辑楼栋' : '添加楼栋'} · ${form.estateName}`}
      fields={[
        { name: 'name', label: '楼栋名称', placeholder: '例如：4号楼', maxlength: 20 },
        { name: 'partyGroupName', label: '楼栋党小组', placeholder: '例如：幸福里小区4号楼党小组', maxlength: 40 },
      ]}
      initial={{ name: form.building?.name ?? '', partyGroupName: form.building?.partyGroupName ?? '' }}
      check={required({ name: '请填写楼栋名称', partyGroupName: '请填写党小组名称' })}
      derive={follows('name', 'partyGroupName', (name) => `${form.estateName}${name}党小组`, !form.building)}
      submit={(v) =>
        call('org', 'saveBuilding', {
          estateId: form.estateId,
          ...(form.building ? { buildingId: form.building.id } : {}),
          name: v.name.trim(),
          partyGroupName: v.partyGroupName.trim(),
          ...(gridId ? { gridId } : {}),
        })
      }
      extra={(action) => (
        <GridChoice
          grids={form.grids}
          value={gridId}
          error={action.fields.gridId}
          onChange={(id) => {
            setGridId(id);
            action.clear('gridId');
          }}
        />
      )}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

function checkHousehold({ room, floorArea }: FieldValues<'room' | 'floorArea'>): FieldErrors {
  const out: FieldErrors = {};
  if (!room.trim()) out.room = '请填写房号';
  else if (!/^[0-9A-Za-z-]+$/.test(room.trim())) out.room = '房号只能包含数字、字母和“-”，例如 2-301';
  const area = Number(floorArea);
  if (!floorArea.trim()) out.floorArea = '请填写建筑面积';
  else if (!Number.isFinite(area) || area <= 0) out.floorArea = '建筑面积必须大于0';
  return out;
}

function HouseholdForm({ form, onSaved, onCancel }: FormProps<Extract<OrgForm, { kind: 'household' }>>) {
  const [center, setCenter] = useState(form.household?.isPartyCenter ?? false);
  return (
    <FieldsSheet
      title={`${form.household ? '编辑房屋' : '添加房屋'} · ${form.buildingLabel}`}
      fields={[
        { name: 'room', label: '房号', placeholder: '例如：2-301', maxlength: 20 },
        { name: 'floorArea', label: '建筑面积（平方米）', placeholder: '例如：89.5', type: 'digit', maxlength: 8 },
      ]}
      initial={{ room: form.household?.room ?? '', floorArea: form.household ? String(form.household.floorArea) : '' }}
      check={checkHousehold}
      submit={(v) =>
        call('org', 'saveHousehold', {
          buildingId: form.buildingId,
          ...(form.household ? { householdId: form.household.id } : {}),
          room: v.room.trim(),
          floorArea: Number(v.floorArea),
          isPartyCenter: center,
        })
      }
      extra={() => (
        <View className='org-form__switch'>
          <View className='org-form__switch-text'>
            <Text className='form-field__label'>党员中心户</Text>
            <Text className='card__text'>党员志愿在家中为邻里提供服务</Text>
          </View>
          <Switch checked={center} color='#c8102e' onChange={(e) => setCenter(e.detail.value)} />
        </View>
      )}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

export function OrgFormSheet({ form, onSaved, onCancel }: FormProps<OrgForm>) {
  if (form.kind === 'estate') return <EstateForm form={form} onSaved={onSaved} onCancel={onCancel} />;
  if (form.kind === 'building') return <BuildingForm form={form} onSaved={onSaved} onCancel={onCancel} />;
  return <HouseholdForm form={form} onSaved={onSaved} onCancel={onCancel} />;
}
