/**
 * Granting a role (kind first, then the scope that kind needs: a building, an estate, a council
 * and position — an owners' committee chair optionally as a 一肩挑 dual post —, or a member type
 * and work unit) and revoking one with a reason. A community admin grants the community's roles;
 * a street admin (street mode) only 街道工作人员, which needs no scope — it is always for this
 * community's street.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { useForm } from '@/shared/use-form';
import { ChoiceChips, FormField } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import { memberTypeLabels, roleKindLabels, type MemberType } from '~types/labels/account';
import type { CouncilPosition, GrantRoleInput, PersonSummary, Role } from '~types/account';
import type { OrgTree } from '~types/org';

type GrantKind = GrantRoleInput['kind'];
const communityKinds: GrantKind[] = [
  'member',
  'building_leader',
  'estate_leader',
  'grid_worker',
  'grid_leader',
  'council_member',
  'admin',
];
const streetKinds: GrantKind[] = ['street_viewer'];

export function GrantSheet({
  person,
  communityId,
  street = false,
  tree,
  treeError,
  onGranted,
  onCancel,
}: {
  person: PersonSummary;
  communityId: string;
  /** Opened by a street admin: only 街道工作人员 is offered. */
  street?: boolean;
  tree: OrgTree | undefined;
  treeError: string | null;
  onGranted: (role: Role) => void;
  onCancel: () => void;
}) {
  const grantKinds = street ? streetKinds : communityKinds;
  const form = useForm(
    {
      kind: (street ? 'street_viewer' : null) as GrantKind | null,
      dualPost: false,
      estateId: null as string | null,
      buildingId: null as string | null,
      gridId: null as string | null,
      councilId: null as string | null,
      position: null as CouncilPosition | null,
      memberType: null as MemberType | null,
      workUnitId: null as string | null,
    },
    { initialError: treeError },
  );
  const { kind, dualPost, estateId, buildingId, gridId, councilId, position, memberType, workUnitId } = form.values;
  const gridKind = kind === 'grid_worker' || kind === 'grid_leader';
  const { busy, fields: errors, error } = form;

  const estates = tree?.estates ?? [];
  const estate = estates.find((e) => e.id === estateId);
  const ownersCouncil = (tree?.councils ?? []).some((c) => c.id === councilId && c.kind === 'owners');

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!kind) local.kind = '请选择角色';
    if (kind === 'building_leader' && !buildingId) local.buildingId = '请选择楼栋';
    if (kind === 'estate_leader' && !estateId) local.estateId = '请选择小区';
    if (gridKind && !gridId) local.gridId = '请选择网格';
    if (kind === 'council_member') {
      if (!councilId) local.councilId = '请选择三会组织';
      if (!position) local.position = '请选择职务';
    }
    if (kind === 'member') {
      if (!memberType) local.memberType = '请选择党员类别';
      if (memberType === 'in_office' && !workUnitId) local.workUnitId = '在职党员请选择报到单位';
    }
    if (!form.check(local) || !kind) return;
    const input: GrantRoleInput = {
      userId: person.id,
      communityId,
      kind,
      ...(kind === 'building_leader' && buildingId ? { buildingId } : {}),
      ...(kind === 'estate_leader' && estateId ? { estateId } : {}),
      ...(gridKind && gridId ? { gridId } : {}),
      ...(kind === 'council_member' && councilId && position ? { councilId, position } : {}),
      ...(kind === 'council_member' && position === 'chair' && ownersCouncil && dualPost
        ? { dualPost: true as const }
        : {}),
      ...(kind === 'member' && memberType
        ? { memberType, ...(memberType === 'in_office' && workUnitId ? { workUnitId } : {}) }
        : {}),
    };
    if (kind === 'admin') {
      const answer = await Taro.showModal({
        title: '授予管理员',
        content: `${person.name} 将可以管理整个社区的数据，确定吗？`,
        confirmColor: '#c8102e',
      });
      if (!answer.confirm) return;
    }
    await form.run(async () => {
      onGranted(await call('account', 'grantRole', input));
    });
  };

  return (
    <Sheet
      title={`为 ${person.name} 授予角色`}
      confirmText='授予'
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={() => void submit()}
    >
      <ChoiceChips
        label='角色'
        choices={grantKinds.map((k) => ({ value: k, label: roleKindLabels[k] }))}
        value={kind}
        onChange={(k) => {
          form.set('kind', k);
          form.check({});
        }}
        error={errors.kind}
      />
      {kind === 'estate_leader' || kind === 'building_leader' ? (
        <ChoiceChips
          label='小区'
          choices={estates.map((e) => ({ value: e.id, label: e.name }))}
          value={estateId}
          onChange={(id) => {
            form.set('estateId', id);
            form.set('buildingId', null);
          }}
          error={errors.estateId}
        />
      ) : null}
      {kind === 'building_leader' && estate ? (
        <ChoiceChips
          label='楼栋'
          choices={estate.buildings.map((b) => ({ value: b.id, label: b.name }))}
          value={buildingId}
          onChange={(id) => form.set('buildingId', id)}
          error={errors.buildingId}
        />
      ) : null}
      {kind === 'building_leader' && !estate && errors.buildingId ? (
        <Text className='form-field__error'>{errors.buildingId}</Text>
      ) : null}
      {gridKind ? (
        (tree?.grids ?? []).length > 0 ? (
          <ChoiceChips
            label='网格'
            choices={(tree?.grids ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={gridId}
            onChange={(id) => form.set('gridId', id)}
            error={errors.gridId}
          />
        ) : (
          <Text className='form-field__error'>本社区还没有网格，请先在“组织架构”中划分网格</Text>
        )
      ) : null}
      {kind === 'grid_leader' ? <Text className='form-field__hint'>网格长须由中共党员担任</Text> : null}
      {kind === 'council_member' ? (
        <>
          <ChoiceChips
            label='三会组织'
            choices={(tree?.councils ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={councilId}
            onChange={(id) => form.set('councilId', id)}
            error={errors.councilId}
          />
          <ChoiceChips
            label='职务'
            choices={[
              { value: 'chair' as const, label: '主任' },
              { value: 'member' as const, label: '成员' },
            ]}
            value={position}
            onChange={(p) => form.set('position', p)}
            error={errors.position}
          />
          {position === 'chair' && ownersCouncil ? (
            <ChoiceChips
              label='支部书记、业委会主任一肩挑'
              choices={[
                { value: 'no' as const, label: '否' },
                { value: 'yes' as const, label: '是' },
              ]}
              value={dualPost ? 'yes' : 'no'}
              onChange={(v) => form.set('dualPost', v === 'yes')}
              error={errors.dualPost}
            />
          ) : null}
        </>
      ) : null}
      {kind === 'member' ? (
        <>
          <ChoiceChips
            label='党员类别'
            choices={(Object.keys(memberTypeLabels) as MemberType[]).map((m) => ({
              value: m,
              label: memberTypeLabels[m],
            }))}
            value={memberType}
            onChange={(m) => {
              form.set('memberType', m);
              form.clear('workUnitId');
            }}
            error={errors.memberType}
          />
          {memberType === 'in_office' ? (
            <ChoiceChips
              label='报到单位'
              choices={(tree?.workUnits ?? []).map((w) => ({ value: w.id, label: w.name }))}
              value={workUnitId}
              onChange={(id) => form.set('workUnitId', id)}
              error={errors.workUnitId}
            />
          ) : null}
        </>
      ) : null}
      {kind === 'admin' ? (
        <Text className='card__text'>社区管理员可以管理组织架构、审核绑定、授予和撤销角色、查看审计日志。</Text>
      ) : null}
      {kind === 'street_viewer' ? (
        <Text className='card__text' data-testid='grant-street-viewer-hint'>
          街道工作人员可以只读查看{tree?.community.streetName ?? '本街道'}各社区的数据看板，不能修改或导出数据。
        </Text>
      ) : null}
    </Sheet>
  );
}

export function RevokeSheet({
  person,
  role,
  onRevoked,
  onCancel,
}: {
  person: PersonSummary;
  role: Role;
  onRevoked: () => void;
  onCancel: () => void;
}) {
  const form = useForm({ reason: '' });
  const { busy, error } = form;
  const reason = form.values.reason;
  const label = `${roleKindLabels[role.kind]}（${role.scopeLabel}）`;

  const submit = async () => {
    if (reason.trim().length < 2) {
      form.check({ reason: '请填写原因（至少2个字）' });
      return;
    }
    const answer = await Taro.showModal({
      title: '撤销角色',
      content: `确定撤销 ${person.name} 的${label}吗？撤销后，该身份带来的权限立即终止，其组织的活动由社区管理员接管。此操作会记入审计日志。`,
      confirmText: '撤销',
      confirmColor: '#c8102e',
    });
    if (!answer.confirm) return;
    await form.run(async () => {
      await call('account', 'revokeRole', { roleId: role.id, reason: reason.trim() });
      onRevoked();
    });
  };

  return (
    <Sheet
      title={`撤销 ${person.name} 的角色`}
      confirmText='撤销'
      danger
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={() => void submit()}
    >
      <View className='people__revoke-target'>
        <Text className='card__text'>{label}</Text>
      </View>
      <FormField label='撤销原因' {...form.text('reason')} placeholder='例如：换届调整' multiline />
    </Sheet>
  );
}
