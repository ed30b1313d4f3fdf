/**
 * 积分规则 (community admins): points for each source and the quarterly threshold (达标线),
 * and the caps on manual adjustments (per call, per person per quarter).
 * Changes apply to points credited afterwards; history is never rewritten.
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { formatShanghai } from '@/shared/format-time';
import { fromCst } from '~types/time';
import { pageParam } from '@/shared/page-params';
import { useAsync } from '@/shared/use-async';
import { FormField } from '@/shared/ui/form-field';
import { ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { PointRules } from '~types/points';
import './assessment.scss';
import { BusyButton, FormError } from '@/shared/ui/busy-button';

type Key =
  | 'registration'
  | 'checkin'
  | 'volunteerHour'
  | 'wishFulfilled'
  | 'deliberation'
  | 'quarterThreshold'
  | 'adjustmentCapPerCall'
  | 'adjustmentCapPerQuarter';
const fields: Array<{ key: Key; label: string; unit: string; min: number; max: number }> = [
  { key: 'registration', label: '报到', unit: '分 / 次', min: 0, max: 100 },
  { key: 'checkin', label: '活动签到', unit: '分 / 次', min: 0, max: 100 },
  { key: 'volunteerHour', label: '志愿服务', unit: '分 / 小时', min: 0, max: 100 },
  { key: 'wishFulfilled', label: '完成微心愿', unit: '分 / 个', min: 0, max: 100 },
  { key: 'deliberation', label: '参与议事', unit: '分 / 次', min: 0, max: 100 },
  { key: 'quarterThreshold', label: '季度达标线', unit: '分', min: 0, max: 1000 },
  { key: 'adjustmentCapPerCall', label: '人工调整单次上限', unit: '分', min: 1, max: 100 },
  { key: 'adjustmentCapPerQuarter', label: '每人每季度人工调整上限', unit: '分', min: 1, max: 1000 },
];

function toDraft(rules: PointRules): Record<Key, string> {
  return Object.fromEntries(fields.map((f) => [f.key, String(rules[f.key])])) as Record<Key, string>;
}

export function RulesScreen() {
  const communityId = pageParam('communityId') ?? '';
  const rules = useAsync(() => call('points', 'getRules', { communityId }), [communityId]);
  const [draft, setDraft] = useState<Record<Key, string> | null>(null);
  const action = useAction();
  const { busy, fields: errors, error: formError } = action;
  useEffect(() => {
    if (rules.data) setDraft(toDraft(rules.data));
  }, [rules.data]);
  usePullDownRefresh(() => {
    void rules.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!communityId) return <ErrorView message='缺少社区信息，请从“我的”页面进入' />;
  if (rules.error && !rules.data) {
    return <ErrorView message={errorMessage(rules.error)} onRetry={() => void rules.reload()} />;
  }
  if (!rules.data || !draft) return <LoadingView />;

  const save = async () => {
    const found: Record<string, string> = {};
    const values = {} as Record<Key, number>;
    for (const f of fields) {
      const text = draft[f.key].trim();
      const n = Number(text);
      if (!/^\d+$/.test(text)) found[f.key] = text === '' ? '请填写分值' : '请填写不小于0的整数';
      else if (n > f.max) found[f.key] = `不超过${f.max}`;
      else if (n < f.min) found[f.key] = `不小于${f.min}`;
      values[f.key] = n;
    }
    if (!action.check(found)) return;
    const answer = await Taro.showModal({
      title: '保存积分规则',
      content: '新规则只对今后获得的积分生效，已有积分不变。确定保存吗？',
      confirmText: '保存',
      confirmColor: '#c8102e',
    });
    if (!answer.confirm) return;
    await action.run(async () => {
      const saved = await call('points', 'updateRules', { communityId, ...values });
      setDraft(toDraft(saved));
      void rules.reload();
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };

  return (
    <View className='screen'>
      <View style={{ height: '24px' }} />
      <View className='card'>
        <Text className='card__text'>每一分都记入积分流水。修改后只影响今后的积分，不会改写历史记录。</Text>
        {fields.map((f) => (
          <View key={f.key} className='rule-field'>
            <FormField
              label={`${f.label}（${f.unit}）`}
              value={draft[f.key]}
              type='number'
              maxlength={4}
              onInput={(v) => {
                setDraft({ ...draft, [f.key]: v });
                action.clear(f.key);
              }}
              error={errors[f.key] || undefined}
              testId={`rule-${f.key}`}
            />
          </View>
        ))}
        <Text className='card__text'>
          {new Date(rules.data.updatedAt) > fromCst(2001, 1, 1)
            ? `上次修改：${formatShanghai(rules.data.updatedAt)}`
            : '当前为默认规则，尚未修改'}
        </Text>
        <FormError className='form-error' message={formError} />
      </View>
      <BusyButton className='btn btn--primary btn--block' busy={busy} onTap={() => void save()}>
        保存规则
      </BusyButton>
    </View>
  );
}
