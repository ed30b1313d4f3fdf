/** 执行: the executor, the due date and the progress reports. Presentational. */
import { Button, Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';
import type { TopicAction, TopicDetail } from '~types/deliberation';
import { Photos } from '@/shared/ui/photos';
import { LeaderButton } from '../../common/leader-button';

export function ExecutePanel({
  topic,
  has,
  onProgress,
  onEvaluate,
}: {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  onProgress: () => void;
  onEvaluate: () => void;
}) {
  const ex = topic.execution!;
  const live = topic.step === 'execute';
  const last = ex.progress.at(-1)?.percent ?? 0;
  return (
    <View className='card dlb-panel' data-testid='panel-execute'>
      <Text className='dlb-panel__title'>执行</Text>
      <Text className='dlb-fact'>执行方：{ex.executor}</Text>
      <Text className='dlb-fact'>完成期限：{ex.dueDate}</Text>
      <View className='dlb-meter'>
        <View className='dlb-meter__head'>
          <Text className='dlb-meter__label'>完成进度</Text>
          <Text className='dlb-meter__value' data-testid='execute-percent'>
            {last}%
          </Text>
        </View>
        <View className='dlb-meter__bar'>
          <View className='dlb-meter__fill is-met' style={{ width: `${last}%` }} />
        </View>
      </View>
      {ex.progress.length === 0 ? <Text className='dlb-empty'>还没有进展记录</Text> : null}
      <View className='dlb-progress'>
        {[...ex.progress].reverse().map((p, i) => (
          <View key={`${p.at}-${i}`} className='dlb-progress__item' data-testid='progress'>
            <Text className='dlb-progress__pct'>{p.percent}%</Text>
            <View className='dlb-progress__body'>
              <Text className='dlb-progress__note'>{p.note}</Text>
              <Photos block='dlb-gallery' photos={p.photos} />
              <Text className='dlb-hint'>
                {formatShanghai(p.at)} · {p.byName}
              </Text>
            </View>
          </View>
        ))}
      </View>
      {live && has('addProgress') ? (
        <View className='dlb-leader'>
          <Text className='dlb-leader__tag'>负责人操作</Text>
          <Button className='btn btn--ghost' data-testid='progress-add' onClick={onProgress}>
            更新进度
          </Button>
        </View>
      ) : null}
      <LeaderButton show={live && has('advance')} text='进入评估' testId='advance-evaluate' onClick={onEvaluate} />
    </View>
  );
}
