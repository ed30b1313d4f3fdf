/**
 * 待人工审核内容 on the 心愿审核 screen: text the content check could not decide, on wishes
 * (wish.heldTexts) or deliberation (deliberation.heldTexts) in the reviewer's scope, oldest
 * first, the reviewer's own left out. Each held text shows who wrote it, why it is held and the
 * text itself; 通过 keeps it, 删除 (after a confirmation) replaces it and tells its author. A hold
 * someone else cleared meanwhile is reported and the list reloaded. Pull to refresh.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call, errorMessage } from '@/services/cloud';
import { formatShanghai } from '@/shared/format-time';
import { heldKindText, holdCauseText } from '@/shared/held';
import { alertModal, confirmModal } from '@/shared/modal';
import { PagedList } from '@/shared/ui/paged-list';
import type { PagedState } from '@/shared/use-paged';
import type { HeldItem, HeldText } from '~types/moderation';
import { isStale, useButtonAction } from '@/shared/use-action';
import './wish-pages.scss';

export type HeldSource = 'wish' | 'deliberation';

export function HeldTextsPanel({
  source,
  onSource,
  list,
}: {
  source: HeldSource;
  onSource: (next: HeldSource) => void;
  list: PagedState<HeldItem>;
}) {
  const { busy, pressing, press } = useButtonAction<string>();

  const decide = (item: HeldItem, hold: HeldText, decision: 'pass' | 'reject') =>
    press(
      async () => {
        if (item.kind === 'wish') {
          await call('wish', 'clearHold', { wishId: item.id, field: hold.field, decision });
        } else {
          await call('deliberation', 'clearHold', { kind: item.kind, id: item.id, field: hold.field, decision });
        }
        void Taro.showToast({ title: decision === 'pass' ? '已通过' : '已删除', icon: 'success' });
        await list.refresh();
      },
      {
        key: `${item.id}:${hold.field}`,
        ...(decision === 'reject'
          ? {
              confirm: () =>
                confirmModal({
                  title: '删除这段内容？',
                  content: `“${hold.text.slice(0, 40)}”将被替换为“内容未通过审核，已删除”，并通知${hold.authorName}。`,
                  confirmText: '删除',
                  cancelText: '再想想',
                }),
            }
          : {}),
        onError: (e) => {
          alertModal('操作未成功', isStale(e) ? `${errorMessage(e)}（可能已由他人处理）` : errorMessage(e));
          if (isStale(e)) void list.refresh();
        },
      },
    );

  return (
    <View>
      <View className='wish-segment wish-segment--small' role='tablist'>
        {(['wish', 'deliberation'] as const).map((key) => (
          <View
            key={key}
            className={`wish-segment__item ${source === key ? 'is-active' : ''}`}
            role='tab'
            aria-selected={source === key}
            onClick={() => onSource(key)}
          >
            {key === 'wish' ? '心愿' : '议事'}
          </View>
        ))}
      </View>
      <View className='wish-review__intro'>
        内容安全检查暂时无法判断的文字会先保存，仅作者和审核人可见。请核实后通过，或删除不当内容。
      </View>
      <PagedList
        state={list}
        keyOf={(i) => `${i.kind}:${i.id}`}
        emptyTitle='没有待人工审核的内容'
        emptyHint='内容检查无法判断的文字会出现在这里，下拉可刷新'
        renderItem={(item) => (
          <View className='card held-item' data-testid='held-item'>
            <View className='held-item__head'>
              <Text className='tag wish-state wish-state--pending'>{heldKindText[item.kind]}</Text>
              <Text className='held-item__title'>{item.title}</Text>
            </View>
            {item.holds.map((hold) => (
              <View key={hold.field} className='held-item__hold'>
                <Text className='held-item__meta'>
                  {hold.label} · {hold.authorName} · {holdCauseText[hold.cause]} · {formatShanghai(hold.at)}
                </Text>
                <Text className='held-item__text'>{hold.text}</Text>
                <View className='card__actions'>
                  <Button
                    className='btn btn--plain btn--small'
                    disabled={busy}
                    onClick={() => void decide(item, hold, 'reject')}
                  >
                    删除
                  </Button>
                  <Button
                    className='btn btn--primary btn--small'
                    loading={pressing === `${item.id}:${hold.field}` || undefined}
                    disabled={busy}
                    onClick={() => void decide(item, hold, 'pass')}
                  >
                    通过
                  </Button>
                </View>
              </View>
            ))}
          </View>
        )}
      />
    </View>
  );
}
