/**
 * The add/edit forms of 组织管理, each in a bottom sheet: estate, building, household. Local
 * checks catch the obvious; the server's field messages (AppError.fields) appear under the
 * fields, and any other refusal above the buttons.
 */
import { useState } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import { call } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import type { Household } from '~types/org';

export type OrgForm =
  | { kind: 'estate'; communityId: string; estate?: { id: string; name: string; partyBranchName: string } }
  | {
      kind: 'building';
      estateId: string;
      estateName: string;
      building?: { id: string; name: string; partyGroupName: string };
    }
  | { kind: 'household'; buildingId: string; buildingLabel: string; household?: Household };

/** The rule of types/org.ts `Title(what, max)`: trimmed, not empty, at most `max` characters. */
export function titleError(value: string, what: string, max: number, out: Record<string, string>, key: string) {
  const v = value.trim();
  if (!v) out[key] = `请填写${what}`;
  else if (v.length > max) out[key] = `${what}不超过${max}个字`;
}

const required = (value: string, message: string, out: Record<string, string>, key: string) => {
  if (!value.trim()) out[key] = message;
};

function EstateForm({
  form,
  onSaved,
  onCancel,
}: {
  form: Extract<OrgForm, { kind: 'estate' }>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(form.estate?.name ?? '');
  const [branch, setBranch] = useState(form.estate?.partyBranchName ?? '');
  const s = useAction({ onDone: onSaved });
  const submit = () => {
    const local: Record<string, string> = {};
    required(name, '请填写小区名称', local, 'name');
    required(branch, '请填写党支部名称', local, 'partyBranchName');
    if (!s.check(local)) return;
    void s.run(() =>
      call('org', 'saveEstate', {
        communityId: form.communityId,
        ...(form.estate ? { estateId: form.estate.id } : {}),
        name: name.trim(),
        partyBranchName: branch.trim(),
      }),
    );
  };
  return (
    <Sheet
      title={form.estate ? '编辑小区' : '添加小区'}
      confirmText='保存'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={submit}
    >
      <FormField
        label='小区名称'
        value={name}
        onInput={(v) => {
          setName(v);
          if (!form.estate && (!branch || branch === `${name}党支部`)) setBranch(v ? `${v}党支部` : '');
        }}
        error={s.fields.name}
        placeholder='例如：幸福里小区'
        maxlength={30}
      />
      <FormField
        label='小区党支部'
        value={branch}
        onInput={setBranch}
        error={s.fields.partyBranchName}
        placeholder='例如：幸福里小区党支部'
        maxlength={40}
      />
    </Sheet>
  );
}

function BuildingForm({
  form,
  onSaved,
  onCancel,
}: {
  form: Extract<OrgForm, { kind: 'building' }>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(form.building?.name ?? '');
  const [group, setGroup] = useState(form.building?.partyGroupName ?? '');
  const s = useAction({ onDone: onSaved });
  const submit = () => {
    const local: Record<string, string> = {};
    required(name, '请填写楼栋名称', local, 'name');
    required(group, '请填写党小组名称', local, 'partyGroupName');
    if (!s.check(local)) return;
    void s.run(() =>
      call('org', 'saveBuilding', {
        estateId: form.estateId,
        ...(form.building ? { buildingId: form.building.id } : {}),
        name: name.trim(),
        partyGroupName: group.trim(),
      }),
    );
  };
  return (
    <Sheet
      title={form.building ? `编辑楼栋 · ${form.estateName}` : `添加楼栋 · ${form.estateName}`}
      confirmText='保存'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={submit}
    >
      <FormField
        label='楼栋名称'
        value={name}
        onInput={(v) => {
          setName(v);
          if (!form.building && (!group || group === `${form.estateName}${name}党小组`))
            setGroup(v ? `${form.estateName}${v}党小组` : '');
        }}
        error={s.fields.name}
        placeholder='例如：4号楼'
        maxlength={20}
      />
      <FormField
        label='楼栋党小组'
        value={group}
        onInput={setGroup}
        error={s.fields.partyGroupName}
        placeholder='例如：幸福里小区4号楼党小组'
        maxlength={40}
      />
    </Sheet>
  );
}

function HouseholdForm({
  form,
  onSaved,
  onCancel,
}: {
  form: Extract<OrgForm, { kind: 'household' }>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [room, setRoom] = useState(form.household?.room ?? '');
  const [area, setArea] = useState(form.household ? String(form.household.floorArea) : '');
  const [center, setCenter] = useState(form.household?.isPartyCenter ?? false);
  const s = useAction({ onDone: onSaved });
  const submit = () => {
    const local: Record<string, string> = {};
    if (!room.trim()) local.room = '请填写房号';
    else if (!/^[0-9A-Za-z-]+$/.test(room.trim())) local.room = '房号只能包含数字、字母和“-”，例如 2-301';
    const floorArea = Number(area);
    if (!area.trim()) local.floorArea = '请填写建筑面积';
    else if (!Number.isFinite(floorArea) || floorArea <= 0) local.floorArea = '建筑面积必须大于0';
    if (!s.check(local)) return;
    void s.run(() =>
      call('org', 'saveHousehold', {
        buildingId: form.buildingId,
        ...(form.household ? { householdId: form.household.id } : {}),
        room: room.trim(),
        floorArea,
        isPartyCenter: center,
      }),
    );
  };
  return (
    <Sheet
      title={form.household ? `编辑房屋 · ${form.buildingLabel}` : `添加房屋 · ${form.buildingLabel}`}
      confirmText='保存'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={submit}
    >
      <FormField
        label='房号'
        value={room}
        onInput={setRoom}
        error={s.fields.room}
        placeholder='例如：2-301'
        maxlength={20}
      />
      <FormField
        label='建筑面积（平方米）'
        value={area}
        onInput={setArea}
        error={s.fields.floorArea}
        placeholder='例如：89.5'
        type='digit'
        maxlength={8}
      />
      <View className='org-form__switch'>
        <View className='org-form__switch-text'>
          <Text className='form-field__label'>党员中心户</Text>
          <Text className='card__text'>党员志愿在家中为邻里提供服务</Text>
        </View>
        <Switch checked={center} color='#c8102e' onChange={(e) => setCenter(e.detail.value)} />
      </View>
    </Sheet>
  );
}

export function OrgFormSheet({
  form,
  onSaved,
  onCancel,
}: {
  form: OrgForm;
  onSaved: () => void;
  onCancel: () => void;
}) {
  if (form.kind === 'estate') return <EstateForm form={form} onSaved={onSaved} onCancel={onCancel} />;
  if (form.kind === 'building') return <BuildingForm form={form} onSaved={onSaved} onCancel={onCancel} />;
  return <HouseholdForm form={form} onSaved={onSaved} onCancel={onCancel} />;
}
