/**
 * 发布活动 (admins and work-unit liaisons) and 编辑活动 (the organiser, before the deadline).
 * Publishing: title, category, description, place, start / end / sign-up deadline picked as
 * Shanghai wall-clock date and time and sent as ISO times with +08:00, quota, points per hour
 * and who may join (a liaison's activity is fixed to their own unit). Checked here first with
 * the server's rules (end after start, deadline not after start), then by the server, whose
 * field errors show in place. Editing changes only title, description, place and quota.
 */
import { Text, View } from '@tarojs/components';
import { BusyButton, FormError } from '@/shared/ui/busy-button';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useForm, type Form } from '@/shared/use-form';
import { pageParam } from '@/shared/page-params';
import { adminCommunityId, liaisonRole } from '@/shared/roles';
import { useAsync } from '@/shared/use-async';
import { Field, ChoiceChips, FormField } from '@/shared/ui/form-field';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { Role } from '~types/account';
import {
  ACTIVITY_CATEGORIES,
  activityCategoryLabels,
  AUDIENCES,
  audienceLabels,
  type ActivityCategory as Category,
  type Audience as AudienceT,
} from '~types/labels/volunteer';
import type { Activity } from '~types/volunteer';
import { TimeRow } from '@/shared/ui/time-row';
import { volunteerUrls } from './urls';
import { NumberSteps } from '@/shared/ui/number-steps';
import { defaultTimes, formatSpan } from './wall-time';
import { followStart, instant, toIso } from '@/shared/wall-time';
import './volunteer.scss';
import { useCurrentUser } from '@/shared/current-user';

interface Common {
  title: string;
  description: string;
  place: string;
  quota: string;
}

/** The fields both forms have, as `FormField` props. */
const commonFields: Record<keyof Common, Omit<Parameters<typeof FormField>[0], 'value' | 'onInput'>> = {
  title: { label: '活动名称', placeholder: '例如：重阳节敬老院陪伴', maxlength: 40, testId: 'vol-title' },
  description: {
    label: '活动说明',
    placeholder: '做什么、需要准备什么、集合方式',
    multiline: true,
    maxlength: 1000,
    testId: 'vol-description',
  },
  place: { label: '地点', placeholder: '例如：社区党群服务中心门口集合', maxlength: 60, testId: 'vol-place' },
  quota: { label: '名额（人）', type: 'number', maxlength: 4, testId: 'vol-quota' },
};

function CommonField({ name, form }: { name: keyof Common; form: Pick<Form<Common>, 'text'> }) {
  const field = form.text(name);
  return (
    <>
      <FormField {...commonFields[name]} {...field} />
      {name === 'quota' ? (
        <NumberSteps name='名额' {...field} onChange={field.onInput} min={1} max={1000} step={1} testId='vol-quota' />
      ) : null}
    </>
  );
}

function checkCommon(v: Common): Record<string, string> {
  const found: Record<string, string> = {};
  if (v.title.trim().length < 2) found.title = '请填写活动名称（至少2个字）';
  if (v.description.trim().length < 5) found.description = '请填写活动说明（至少5个字）';
  if (!v.place.trim()) found.place = '请填写地点';
  const quota = Number(v.quota);
  if (!Number.isInteger(quota) || quota < 1 || quota > 1000) found.quota = '名额为1到1000之间的整数';
  return found;
}

/** The three times of a new activity: which value, its label, its field in the server's messages. */
const timeRows = [
  { key: 'start', label: '开始时间（北京时间）', field: 'startAt', testId: 'vol-start' },
  { key: 'end', label: '结束时间（北京时间）', field: 'endAt', testId: 'vol-end' },
  { key: 'deadline', label: '报名截止（不晚于开始时间）', field: 'signupDeadline', testId: 'vol-deadline' },
] as const;

/** The form's message above the button, and the button. */
function FormFooter({
  form,
  text,
  testId,
  onSubmit,
}: {
  form: { busy: boolean; error: string | null };
  text: string;
  testId?: string;
  onSubmit: () => void;
}) {
  return (
    <>
      <FormError className='vol-form__error' message={form.error} />
      <BusyButton className='btn btn--primary btn--block' busy={form.busy} onTap={onSubmit} testId={testId}>
        {text}
      </BusyButton>
    </>
  );
}

function PublishForm({ communityId, roles }: { communityId: string; roles: Role[] }) {
  const admin = adminCommunityId(roles) === communityId;
  const liaison = liaisonRole(roles);
  const tree = useAsync(() => call('org', 'getTree', { communityId }), [communityId]);
  const form = useForm(() => {
    const times = defaultTimes(Date.now());
    return {
      title: '',
      description: '',
      place: '',
      quota: '10',
      category: 'elderly' as Category,
      startAt: times.start,
      endAt: times.end,
      signupDeadline: times.deadline,
      pointsPerHour: '10',
      audience: (admin ? 'everyone' : 'work_unit') as AudienceT,
      workUnitId: admin ? null : (liaison?.workUnitId ?? null),
    };
  });
  const v = form.values;
  const units = tree.data?.workUnits ?? [];
  const myUnit = units.find((u) => u.id === liaison?.workUnitId);

  const check = () => {
    const found = checkCommon(v);
    const start = instant(v.startAt).getTime();
    if (instant(v.endAt).getTime() <= start) found.endAt = '结束时间必须晚于开始时间';
    if (instant(v.endAt).getTime() <= Date.now()) found.endAt = '结束时间已过，请重新选择';
    if (instant(v.signupDeadline).getTime() > start) found.signupDeadline = '报名截止时间不能晚于开始时间';
    else if (instant(v.signupDeadline).getTime() < Date.now()) found.signupDeadline = '报名截止时间已过，请重新选择';
    const p = Number(v.pointsPerHour);
    if (!Number.isInteger(p) || p < 0 || p > 100) found.pointsPerHour = '每小时积分为0到100之间的整数';
    if (v.audience === 'work_unit' && !v.workUnitId) found.workUnitId = '请选择单位';
    return found;
  };

  const submit = async () => {
    if (!form.check(check())) {
      form.setError('请按提示修改后再发布');
      return;
    }
    await form.run(async () => {
      const activity = await call('volunteer', 'publish', {
        communityId,
        title: v.title.trim(),
        category: v.category,
        description: v.description.trim(),
        place: v.place.trim(),
        startAt: toIso(v.startAt),
        endAt: toIso(v.endAt),
        signupDeadline: toIso(v.signupDeadline),
        quota: Number(v.quota),
        pointsPerHour: Number(v.pointsPerHour),
        audience: v.audience,
        ...(v.audience === 'work_unit' && v.workUnitId ? { workUnitId: v.workUnitId } : {}),
      });
      void Taro.showToast({ title: '活动已发布', icon: 'success' });
      void Taro.redirectTo({ url: volunteerUrls.detail(activity.id) });
    });
  };

  return (
    <View className='screen vol-form' data-testid='vol-form'>
      <View className='card'>
        <CommonField name='title' form={form} />
        <ChoiceChips
          label='服务类别'
          choices={ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: activityCategoryLabels[c] }))}
          value={v.category}
          onChange={(c) => form.set('category', c)}
          error={form.err('category')}
        />
        <CommonField name='description' form={form} />
        <CommonField name='place' form={form} />
      </View>
      <View className='card'>
        {timeRows.map((t) => (
          <TimeRow
            key={t.field}
            label={t.label}
            value={v[t.field]}
            onChange={(value) => {
              // Moving the start moves the end and the sign-up deadline with it.
              if (t.field === 'startAt') {
                form.set('endAt', followStart(v.startAt, value, v.endAt));
                form.set('signupDeadline', followStart(v.startAt, value, v.signupDeadline));
              }
              form.set(t.field, value);
            }}
            error={form.err(t.field)}
            testId={t.testId}
          />
        ))}
        <Text className='card__text'>
          开始前30分钟开放扫码签到，结束后30分钟内可签退；报名截止后不能报名或取消报名。
        </Text>
      </View>
      <View className='card'>
        <CommonField name='quota' form={form} />
        <FormField label='每小时积分' {...form.text('pointsPerHour')} type='number' maxlength={3} testId='vol-points' />
        <NumberSteps
          name='每小时积分'
          value={v.pointsPerHour}
          onChange={(p) => form.set('pointsPerHour', p)}
          min={0}
          max={100}
          step={5}
          testId='vol-points'
        />
        {admin ? (
          <>
            <ChoiceChips
              label='报名范围'
              choices={AUDIENCES.map((a) => ({ value: a, label: audienceLabels[a] }))}
              value={v.audience}
              onChange={(a) => form.set('audience', a)}
              error={form.err('audience')}
            />
            {v.audience === 'work_unit' ? (
              tree.loading && !tree.data ? (
                <Text className='card__text'>正在读取单位…</Text>
              ) : (
                <ChoiceChips
                  label='选择单位'
                  choices={units.map((u) => ({ value: u.id, label: u.name }))}
                  value={v.workUnitId}
                  onChange={(id) => form.set('workUnitId', id)}
                  error={form.err('workUnitId')}
                />
              )
            ) : null}
          </>
        ) : (
          <Field label='报名范围'>
            <Text className='vol-fixed'>本单位党员{myUnit ? `（${myUnit.name}）` : ''}</Text>
            <Text className='card__text'>联络员发布的活动只面向本单位的在职党员。</Text>
          </Field>
        )}
      </View>
      <FormFooter form={form} text='发布活动' testId='vol-submit' onSubmit={() => void submit()} />
    </View>
  );
}

function EditForm({ activity }: { activity: Activity }) {
  const form = useForm<Common>({
    title: activity.title,
    description: activity.description,
    place: activity.place,
    quota: String(activity.quota),
  });
  const v = form.values;
  const submit = async () => {
    const found = checkCommon(v);
    if (Number(v.quota) < activity.confirmedCount) found.quota = `已有 ${activity.confirmedCount} 人报名，名额不能更少`;
    if (!form.check(found)) return;
    await form.run(async () => {
      await call('volunteer', 'edit', {
        activityId: activity.id,
        title: v.title.trim(),
        description: v.description.trim(),
        place: v.place.trim(),
        quota: Number(v.quota),
      });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    });
  };
  return (
    <View className='screen vol-form' data-testid='vol-form'>
      <View className='card'>
        <Text className='card__text'>
          {formatSpan(activity.startAt, activity.endAt)} · {activity.pointsPerHour} 分/小时 ·{' '}
          {audienceLabels[activity.audience]}
        </Text>
        <Text className='card__text'>时间、类别和报名范围发布后不能修改；增加名额时，候补的人按顺序自动递补。</Text>
      </View>
      <View className='card'>
        {(['title', 'description', 'place', 'quota'] as const).map((name) => (
          <CommonField key={name} name={name} form={form} />
        ))}
      </View>
      <FormFooter form={form} text='保存修改' onSubmit={() => void submit()} />
    </View>
  );
}

export function VolunteerFormScreen() {
  const id = pageParam('id');
  const communityId = pageParam('communityId');
  const { me } = useCurrentUser();
  const existing = useAsync(() => (id ? call('volunteer', 'get', { activityId: id }) : Promise.resolve(null)), [id]);
  if (!id && !communityId) return <ErrorView message='缺少社区信息，请从“志愿”页面进入' />;
  if (me.error || existing.error) {
    return (
      <ErrorView
        message={errorMessage(me.error ?? existing.error)}
        onRetry={() => {
          void me.reload();
          void existing.reload();
        }}
      />
    );
  }
  if (!me.data || (id && !existing.data)) return <LoadingView />;
  if (existing.data) return <EditForm activity={existing.data} />;
  const roles = me.data.roles;
  const cid = communityId ?? '';
  if (adminCommunityId(roles) !== cid && liaisonRole(roles)?.communityId !== cid) {
    return <ErrorView message='只有本社区管理员或驻区单位联络员可以发布志愿活动' />;
  }
  return <PublishForm communityId={cid} roles={roles} />;
}
