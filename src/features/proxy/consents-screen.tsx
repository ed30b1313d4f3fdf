/**
 * 我的代办授权 (docs/adr/0040-proxy-acts.md): the resident reads who may act for her, for which
 * acts and on what consent, and withdraws a consent; afterwards nobody acts on it. Below, 代办记录:
 * every act done for her, marked "由…代办" — also those done before she joined with her WeChat.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { useAction } from '@/shared/use-action';
import { useAsync } from '@/shared/use-async';
import { formatShanghai } from '@/shared/format-time';
import { BusyButton, FormError } from '@/shared/ui/busy-button';
import { EmptyView, ErrorView, LoadingView } from '@/shared/ui/state-view';
import type { ProxyActRecord, ProxyConsent } from '~types/proxy';
import { consentKindLabels, proxyActLabels } from '~types/labels/proxy';
import './act-screen.scss';

function ConsentCard({ consent, onChanged }: { consent: ProxyConsent; onChanged: () => void }) {
  const withdraw = useAction();
  const ask = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回代办授权',
      content: `撤回后，${consent.actorName}不能再为您代办这些事项。`,
      confirmText: '撤回',
    });
    if (!confirm) return;
    await withdraw.run(async () => {
      await call('account', 'withdrawProxyConsent', { consentId: consent.id });
      onChanged();
    });
  };
  return (
    <View className='card' data-testid='proxy-consent-card'>
      <Text className='proxy__label'>{consent.actorName} 为您代办</Text>
      <Text className='proxy__hint'>{consent.scope.map((a) => proxyActLabels[a]).join('、')}</Text>
      <Text className='proxy__hint'>
        {consentKindLabels[consent.kind]} · {consent.householdLabel} · {formatShanghai(consent.grantedAt)}
      </Text>
      {consent.withdrawnAt ? (
        <Text className='proxy__hint'>
          已{consent.refused ? '被社区拒绝' : '撤回'}（{consent.withdrawnByName}，{formatShanghai(consent.withdrawnAt)}
          ）
        </Text>
      ) : (
        <>
          <FormError className='proxy__error' message={withdraw.error} />
          <BusyButton className='btn btn--block proxy__back' busy={withdraw.busy} onTap={() => void ask()}>
            <Text>撤回授权</Text>
          </BusyButton>
        </>
      )}
    </View>
  );
}

function ActRecords({ acts }: { acts: ProxyActRecord[] }) {
  if (acts.length === 0) return null;
  return (
    <View className='card' data-testid='proxy-act-records'>
      <Text className='proxy__label'>代办记录</Text>
      {acts.map((a) => (
        <View key={a.id} className='proxy__record' data-testid='proxy-act-record'>
          {a.mark ? <Text className='tag'>{a.mark}</Text> : null}
          <Text className='proxy__hint'>{a.sentence}</Text>
          <Text className='proxy__hint'>{formatShanghai(a.at)}</Text>
        </View>
      ))}
    </View>
  );
}

export function ProxyConsentsScreen() {
  const list = useAsync(() => call('account', 'myProxyConsents', {}), []);
  if (list.loading && !list.data) return <LoadingView />;
  if (list.error || !list.data)
    return <ErrorView error={list.error} message={errorMessage(list.error)} onRetry={() => void list.reload()} />;
  if (list.data.items.length === 0) {
    return <EmptyView title='没有代办授权' hint='网格员或楼栋党小组长为您代办前，会请您口头同意或签署委托书。' />;
  }
  return (
    <View className='screen proxy'>
      {list.data.items.map((c) => (
        <ConsentCard key={c.id} consent={c} onChanged={() => void list.reload()} />
      ))}
      <ActRecords acts={list.data.acts} />
    </View>
  );
}
