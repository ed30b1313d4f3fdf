/** 评估: the ratings and the leader's 归档. Presentational. */
import { Button, Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';
import type { TopicAction, TopicDetail } from '~types/deliberation';
import { Stars } from '@/shared/ui/stars';
import { LeaderButton } from '../../common/leader-button';

export function EvaluatePanel({
  topic,
  has,
  onRate,
  onArchive,
}: {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  onRate: () => void;
  onArchive: () => void;
}) {
  const ev = topic.evaluation!;
  const live = topic.step === 'evaluate';
  return (
    <View className='card dlb-panel' data-testid='panel-evaluate'>
      <Text className='dlb-panel__title'>居民评价</Text>
      {live ? <Text className='dlb-hint'>评价截止：{formatShanghai(ev.endsAt)}</Text> : null}
      <View className='dlb-eval'>
        <View className='dlb-eval__cell'>
          <Text className='dlb-eval__num' data-testid='eval-satisfaction'>
            {ev.satisfaction === null ? '—' : `${Math.round(ev.satisfaction * 100)}%`}
          </Text>
          <Text className='dlb-eval__label'>满意率（4–5星）</Text>
        </View>
        <View className='dlb-eval__cell'>
          <Text className='dlb-eval__num' data-testid='eval-average'>
            {ev.averageScore === null ? '—' : ev.averageScore.toFixed(1)}
          </Text>
          <Text className='dlb-eval__label'>平均分</Text>
        </View>
        <View className='dlb-eval__cell'>
          <Text className='dlb-eval__num' data-testid='eval-count'>
            {ev.ratings}
          </Text>
          <Text className='dlb-eval__label'>已评价户数</Text>
        </View>
      </View>
      {ev.averageScore !== null ? <Stars block='dlb-stars' value={Math.round(ev.averageScore)} /> : null}
      {ev.myHouseholdRated ? (
        <View className='dlb-voted' data-testid='rated'>
          您家已评价
        </View>
      ) : null}
      {live && has('rate') ? (
        <Button className='btn btn--primary' data-testid='rate-open' onClick={onRate}>
          评价执行效果
        </Button>
      ) : null}
      <LeaderButton show={live && has('advance')} text='归档' testId='advance-archive' onClick={onArchive} />
    </View>
  );
}
