/**
 * 撤销此代办 (docs/adr/0044-refusing-a-proxy-act.md): a community admin, from a 代办 entry of the
 * audit log, refuses that one act — writes the reason, confirms, and reads what the refusal did
 * (the ballot void, the sign-up cancelled, the opinion removed, the wish withdrawn). The act is
 * named by its audit entry; the area that undoes it is the entry's (`PROXY_ACT_ENTRIES`).
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { pageParam } from '@/shared/page-params';
import { useForm } from '@/shared/use-form';
import { BusyButton, FormError } from '@/shared/ui/busy-button';
import { FormField, type TextFieldSpec } from '@/shared/ui/form-field';
import { OutcomeCard } from '@/shared/ui/outcome-card';
import { ErrorView } from '@/shared/ui/state-view';
import { PROXY_ACT_ENTRIES, proxyActLabels } from '~types/labels/proxy';
import type { RefusedProxyAct, RefuseProxyActInput } from '~types/proxy';
import './act-screen.scss';

const REASON: TextFieldSpec = {
  label: '撤销原因',
  placeholder: '例如：未见居民本人签字的委托书',
  maxlength: 200,
  multiline: true,
  testId: 'proxy-refuse-reason',
};

/** The refusal, sent to the area that did the act. */
function refuseIn(area: 'wish' | 'volunteer' | 'deliberation', input: RefuseProxyActInput): Promise<RefusedProxyAct> {
  if (area === 'wish') return call('wish', 'refuseProxyAct', input);
  if (area === 'volunteer') return call('volunteer', 'refuseProxyAct', input);
  return call('deliberation', 'refuseProxyAct', input);
}

export function ProxyRefuseScreen() {
  const auditId = pageParam('auditId');
  const action = pageParam('action');
  const summary = pageParam('summary');
  const form = useForm({ reason: '' });
  const [done, setDone] = useState<RefusedProxyAct | null>(null);
  const kind = action ? PROXY_ACT_ENTRIES[action] : undefined;
  if (!auditId || !kind) return <ErrorView message='缺少代办记录，请从审计日志进入' />;

  const submit = async () => {
    const reason = form.values.reason.trim();
    if (!form.check(reason.length < 2 ? { reason: '请填写原因（至少2个字）' } : {})) return;
    const { confirm } = await Taro.showModal({
      title: '撤销此代办',
      content: `撤销后这项“${proxyActLabels[kind.act]}”即作废，居民和代办人会收到通知。确定撤销？`,
      confirmText: '撤销',
    });
    if (!confirm) return;
    await form.run(async () => setDone(await refuseIn(kind.area, { auditId, reason })));
  };

  return (
    <View className='screen proxy'>
      <View className='card'>
        <Text className='proxy__label'>{proxyActLabels[kind.act]}</Text>
        {summary ? <Text className='proxy__big-hint'>{summary}</Text> : null}
      </View>
      {done ? (
        <OutcomeCard block='proxy-refused' ok title='已撤销此代办' testId='proxy-refused'>
          <Text className='proxy-refused__text'>{done.outcome}</Text>
        </OutcomeCard>
      ) : (
        <View className='card'>
          <FormField {...REASON} {...form.text('reason')} />
          <FormError className='proxy__error' message={form.error} />
          <BusyButton
            className='btn btn--danger btn--block proxy__submit'
            busy={form.busy}
            onTap={() => void submit()}
            testId='proxy-refuse-submit'
          >
            <Text>撤销此代办</Text>
          </BusyButton>
        </View>
      )}
    </View>
  );
}
