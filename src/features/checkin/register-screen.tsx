/**
 * 到社区报到: an in-office Party member registers with the community where they live — work
 * unit (from the community's registered units), household (their bound one by default),
 * skills and service intentions — then sees their registrations with status, and may withdraw
 * (注销) an open one with a reason. Anyone with a profile may also register their work unit.
 * Only a person whose profile says Party member (政治面貌 中共党员, or a Party member role) sees the
 * form; anyone else is offered the 居民 path — binding to a household — and a way to correct the
 * profile (the server refuses them with `registration.not-party-member` in any case). Both
 * 提交 taps ask consent to `applicationResult`: the decision then also reaches WeChat (ADR 0038).
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { askSubscription } from '@/shared/subscribe';
import { formatShanghai } from '@/shared/format-time';
import { memberRole } from '@/shared/roles';
import { useAsync } from '@/shared/use-async';
import { useCurrentUser } from '@/shared/current-user';
import { ChoiceChips, FormField, MultiChips, type TextFieldSpec } from '@/shared/ui/form-field';
import { ReasonSheet } from '@/shared/ui/reason-sheet';
import { Sheet } from '@/shared/ui/sheet';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { MeResult } from '~types/account';
import {
  registrationStatusLabels,
  type ServiceIntention,
  serviceIntentionLabels,
  SERVICE_INTENTIONS,
} from '~types/labels/checkin';
import type { Registration, UnitRegistration } from '~types/checkin';
import type { OrgTree } from '~types/org';
import { editedField } from './edited-field';
import { BIND_URL } from './urls';
import './checkin.scss';
import { BusyButton, FormError } from '@/shared/ui/busy-button';

const MAX_SKILLS = 10;
/** The 我的 tab, where the profile (政治面貌 included) is edited. */
const MINE_URL = '/pages/mine/index';

function SkillsInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  const [draft, setDraft] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const add = () => {
    const skill = draft.trim();
    if (!skill) return;
    if (skill.length > 20) return setLocal('每项技能不超过20个字');
    if (value.length >= MAX_SKILLS) return setLocal('技能最多填写10项');
    if (!value.includes(skill)) onChange([...value, skill]);
    setDraft('');
    setLocal(null);
  };
  const shown = local ?? error;
  return (
    <View className={`form-field ${shown ? 'has-error' : ''}`}>
      <Text className='form-field__label'>技能特长（可选，最多10项）</Text>
      {value.length > 0 ? (
        <View className='skills'>
          {value.map((s) => (
            <View
              key={s}
              className='skills__item'
              role='button'
              aria-label={`删除 ${s}`}
              onClick={() => onChange(value.filter((x) => x !== s))}
            >
              <Text>{s}</Text>
              <Text className='skills__remove'>×</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='person-search'>
        <Input
          className='form-field__input person-search__input'
          value={draft}
          placeholder='例如：电脑维修、法律咨询'
          maxlength={20}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={add}
          data-testid='skill-input'
        />
        <Button className='btn btn--ghost btn--small' onClick={add} data-testid='skill-add'>
          添加
        </Button>
      </View>
      <FormError className='form-field__error' message={shown} />
    </View>
  );
}

function RegisterForm({
  me,
  communityId,
  tree,
  onDone,
}: {
  me: MeResult;
  communityId: string;
  tree: OrgTree;
  onDone: () => void;
}) {
  const homes = me.roles.filter((r) => r.kind === 'resident' && r.householdId && r.communityId === communityId);
  const ownUnit = memberRole(me.roles)?.workUnitId ?? null;
  const [workUnitId, setWorkUnitId] = useState<string | null>(
    tree.workUnits.some((w) => w.id === ownUnit) ? ownUnit : null,
  );
  const [householdId, setHouseholdId] = useState<string | null>(homes[0]?.householdId ?? null);
  const [skills, setSkills] = useState<string[]>([]);
  const [intentions, setIntentions] = useState<ServiceIntention[]>([]);
  const action = useAction();
  const { busy, fields: errors, error: formError } = action;
  const edited = editedField(action);

  if (homes.length === 0) {
    return (
      <View className='card'>
        <Text className='card__title'>请先绑定房屋</Text>
        <Text className='card__text'>报到需要填写您在本社区居住的房屋。绑定房屋并通过审核后，再来报到。</Text>
        <View className='card__actions'>
          <Button className='btn btn--primary btn--small' onClick={() => void Taro.navigateTo({ url: BIND_URL })}>
            去绑定房屋
          </Button>
        </View>
      </View>
    );
  }

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!workUnitId) local.workUnitId = '请选择报到单位';
    if (!householdId) local.householdId = '请选择居住房屋';
    if (intentions.length === 0) local.intentions = '请至少选择一项服务意向';
    if (!action.check(local) || !workUnitId || !householdId) return;
    askSubscription(['applicationResult']); // in the tap: a WeChat message when the 报到 is decided
    await action.run(async () => {
      await call('checkin', 'registerMember', { communityId, workUnitId, householdId, skills, intentions });
      void Taro.showToast({ title: '已提交报到', icon: 'success' });
      onDone();
    });
  };

  return (
    <View className='card checkin-form' data-testid='register-form'>
      <Text className='card__title'>到{tree.community.name}报到</Text>
      <Text className='card__text'>在职党员向居住地社区报到，参加社区活动、认领微心愿，积分计入季度考核。</Text>
      <View style={{ height: '8px' }} />
      {tree.workUnits.length === 0 ? (
        <Text className='card__text'>本社区还没有登记报到单位，请先由单位联络员办理单位报到。</Text>
      ) : (
        <ChoiceChips
          label='报到单位'
          choices={tree.workUnits.map((w) => ({ value: w.id, label: w.name, hint: w.partyOrgName }))}
          value={workUnitId}
          onChange={edited('workUnitId', setWorkUnitId)}
          error={errors.workUnitId}
        />
      )}
      <ChoiceChips
        label='居住房屋'
        choices={homes.map((r) => ({ value: r.householdId!, label: r.scopeLabel }))}
        value={householdId}
        onChange={edited('householdId', setHouseholdId)}
        error={errors.householdId}
      />
      <SkillsInput value={skills} onChange={edited('skills', setSkills)} error={errors.skills} />
      <MultiChips
        label='服务意向（可多选）'
        choices={SERVICE_INTENTIONS.map((v) => ({ value: v, label: serviceIntentionLabels[v] }))}
        value={intentions}
        onChange={edited('intentions', setIntentions)}
        error={errors.intentions}
      />
      <FormError className='checkin-form__error' message={formError} />
      <BusyButton className='btn btn--primary' busy={busy} onTap={() => void submit()} testId='register-submit'>
        提交报到
      </BusyButton>
    </View>
  );
}

/** In place of the form for a person whose profile does not say Party member: the 居民 path. */
function ResidentPath({ bound }: { bound: boolean }) {
  return (
    <View className='card' data-testid='register-not-member'>
      <Text className='card__title'>党员报到仅限中共党员</Text>
      <Text className='card__text'>
        {bound
          ? '您已绑定房屋，可以居民身份参加社区活动、提交微心愿、参与议事。'
          : '居民请绑定自己的房屋，审核通过后即可以居民身份参加社区活动、提交微心愿、参与议事。'}
      </Text>
      <Text className='card__text'>如果您是中共党员，请在“我的”页面修改资料，把政治面貌选为中共党员后再来报到。</Text>
      <View className='card__actions'>
        {bound ? null : (
          <Button className='btn btn--primary btn--small' onClick={() => void Taro.navigateTo({ url: BIND_URL })}>
            去绑定房屋
          </Button>
        )}
        <Button className='btn btn--ghost btn--small' onClick={() => void Taro.switchTab({ url: MINE_URL })}>
          修改资料
        </Button>
      </View>
    </View>
  );
}

function RegistrationCard({ registration, onWithdraw }: { registration: Registration; onWithdraw: () => void }) {
  const r = registration;
  const open = r.status === 'pending' || r.status === 'approved';
  return (
    <View className='card' data-testid='registration-card'>
      <View className='card__row'>
        <Text className='card__title'>{r.workUnitName}</Text>
        <Text className={`tag tag--${r.status}`}>{registrationStatusLabels[r.status]}</Text>
      </View>
      <Text className='card__text'>单位党组织：{r.partyOrgName}</Text>
      {r.householdLabel ? <Text className='card__text'>居住房屋：{r.householdLabel}</Text> : null}
      <Text className='card__text'>服务意向：{r.intentions.map((i) => serviceIntentionLabels[i]).join('、')}</Text>
      {r.skills.length > 0 ? <Text className='card__text'>技能特长：{r.skills.join('、')}</Text> : null}
      <Text className='card__text'>提交于 {formatShanghai(r.createdAt)}</Text>
      {r.decidedAt && r.status !== 'pending' ? (
        <Text className='card__text'>审核于 {formatShanghai(r.decidedAt)}</Text>
      ) : null}
      {r.withdrawnAt ? <Text className='card__text'>注销于 {formatShanghai(r.withdrawnAt)}</Text> : null}
      {r.reason && (r.status === 'rejected' || r.status === 'withdrawn') ? (
        <Text className='card__text checkin-reason'>
          {r.status === 'rejected' ? '驳回原因' : '注销原因'}：{r.reason}
        </Text>
      ) : null}
      {open ? (
        <View className='card__actions'>
          <Button className='btn btn--plain btn--small' onClick={onWithdraw}>
            {r.status === 'pending' ? '撤回报到' : '注销报到'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function WithdrawSheet({
  registration,
  onDone,
  onCancel,
}: {
  registration: Registration;
  onDone: () => void;
  onCancel: () => void;
}) {
  return (
    <ReasonSheet
      title='注销报到'
      confirmText='确认注销'
      danger
      onCancel={onCancel}
      intro={
        <>
          <Text className='card__text'>
            注销向“{registration.workUnitName}”的报到后，将不再参加本社区的报到考核；记录会保留，需要时可重新报到。
          </Text>
          <View style={{ height: '12px' }} />
        </>
      }
      label='注销原因'
      placeholder='例如：工作调动，已搬离本社区'
      testId='withdraw-reason'
      onSubmit={async (reason) => {
        await call('checkin', 'withdrawRegistration', { registrationId: registration.id, reason });
        void Taro.showToast({ title: '已注销', icon: 'success' });
        onDone();
      }}
    />
  );
}

/** The text fields of a work unit's 报到. */
const UNIT_FIELDS = {
  name: { label: '单位名称', maxlength: 40 },
  partyOrgName: { label: '单位党组织名称', placeholder: '例如：市税务局机关党委', maxlength: 40 },
  contactPhone: { label: '联系电话', placeholder: '手机号或座机，如 0571-88886666', maxlength: 20 },
} satisfies Record<string, TextFieldSpec>;

function UnitSheet({
  communityId,
  onDone,
  onCancel,
}: {
  communityId: string;
  onDone: (u: UnitRegistration) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [partyOrgName, setPartyOrgName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const action = useAction();
  const { busy, fields: errors, error: sheetError } = action;
  const edited = editedField(action);
  /** A text field's value, input and message. */
  const bind = (field: keyof typeof UNIT_FIELDS, value: string, set: (value: string) => void) => ({
    value,
    onInput: edited(field, set),
    error: errors[field],
  });
  const confirm = async () => {
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = '请填写单位名称';
    if (!partyOrgName.trim()) local.partyOrgName = '请填写单位党组织名称';
    if (!/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(contactPhone.trim())) local.contactPhone = '请输入正确的联系电话';
    if (!action.check(local)) return;
    askSubscription(['applicationResult']); // in the tap: a WeChat message when the unit's 报到 is decided
    await action.run(async () => {
      onDone(
        await call('checkin', 'registerWorkUnit', {
          communityId,
          name: name.trim(),
          partyOrgName: partyOrgName.trim(),
          contactPhone: contactPhone.trim(),
        }),
      );
    });
  };
  return (
    <Sheet
      title='单位报到'
      confirmText='提交'
      busy={busy}
      error={sheetError}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
    >
      <Text className='card__text'>由单位联络员代表单位向社区报到；审核通过后，您将成为该单位的联络员。</Text>
      <View style={{ height: '12px' }} />
      <FormField {...UNIT_FIELDS.name} {...bind('name', name, setName)} />
      <FormField {...UNIT_FIELDS.partyOrgName} {...bind('partyOrgName', partyOrgName, setPartyOrgName)} />
      <FormField {...UNIT_FIELDS.contactPhone} {...bind('contactPhone', contactPhone, setContactPhone)} />
    </Sheet>
  );
}

export function RegisterScreen() {
  const { me, communityId } = useCurrentUser();
  const mine = useAsync(() => call('checkin', 'myRegistrations', {}), []);
  const tree = useAsync(
    () => (communityId ? call('org', 'getTree', { communityId }) : Promise.resolve(null)),
    [communityId],
  );
  const [withdrawing, setWithdrawing] = useState<Registration | null>(null);
  const [unitSheet, setUnitSheet] = useState(false);
  const [unitRequests, setUnitRequests] = useState<UnitRegistration[]>([]);
  const reloadAll = () => Promise.all([me.reload(), mine.reload(), tree.reload()]);
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });

  const loading = (me.loading && !me.data) || (mine.loading && !mine.data) || (tree.loading && tree.data === undefined);
  const error = me.error ?? mine.error ?? tree.error;
  if (error && !loading) return <ErrorView message={errorMessage(error)} onRetry={() => void reloadAll()} />;
  if (loading || !me.data || !mine.data) return <LoadingView />;
  if (!me.data.registered)
    return <EmptyView title='请先完善个人资料' hint='在“我的”页面填写姓名和手机号后，再来报到' />;
  if (!communityId || !tree.data) {
    return <EmptyView title='您还没有绑定社区房屋' hint='报到需要您居住的房屋：请先在“我的”页面绑定房屋' />;
  }

  const registrations = mine.data.items.filter((r) => r.communityId === communityId);
  const open = registrations.find((r) => r.status === 'pending' || r.status === 'approved');
  return (
    <View className='screen' data-testid='register-screen'>
      <View style={{ height: '16px' }} />
      {open ? null : me.data.profile?.partyMember ? (
        <RegisterForm me={me.data} communityId={communityId} tree={tree.data} onDone={() => void mine.reload()} />
      ) : (
        <ResidentPath bound={me.data.roles.some((r) => r.kind === 'resident' && r.communityId === communityId)} />
      )}
      <Text className='section-title'>我的报到</Text>
      {registrations.length === 0 ? (
        <View className='card'>
          <Text className='card__text'>还没有报到记录。</Text>
        </View>
      ) : (
        registrations.map((r) => <RegistrationCard key={r.id} registration={r} onWithdraw={() => setWithdrawing(r)} />)
      )}
      <Text className='section-title'>单位报到</Text>
      {unitRequests.map((u) => (
        <View key={u.id} className='card' data-testid='unit-registration-card'>
          <View className='card__row'>
            <Text className='card__title'>{u.name}</Text>
            <Text className={`tag tag--${u.status}`}>{registrationStatusLabels[u.status]}</Text>
          </View>
          <Text className='card__text'>单位党组织：{u.partyOrgName}</Text>
          <Text className='card__text'>提交于 {formatShanghai(u.createdAt)}，请等待社区审核</Text>
        </View>
      ))}
      <View className='card'>
        <Text className='card__text'>您是单位的联络员？可以代表单位向本社区报到，单位党员随后即可选择该单位报到。</Text>
        <View className='card__actions'>
          <Button className='btn btn--ghost btn--small' onClick={() => setUnitSheet(true)}>
            单位报到
          </Button>
        </View>
      </View>
      {withdrawing ? (
        <WithdrawSheet
          registration={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            void mine.reload();
          }}
        />
      ) : null}
      {unitSheet ? (
        <UnitSheet
          communityId={communityId}
          onCancel={() => setUnitSheet(false)}
          onDone={(u) => {
            setUnitSheet(false);
            setUnitRequests((old) => [u, ...old]);
            void Taro.showToast({ title: '已提交', icon: 'success' });
          }}
        />
      ) : null}
    </View>
  );
}
