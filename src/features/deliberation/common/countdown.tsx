/**
 * The countdown of the current step's period on the topic screen: 剩余 X 天 Y 小时 until its end
 * (on the server's clock), then 已截止 and what may happen next. Re-renders each minute.
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';
import type { TopicDetail } from '~types/deliberation';
import { currentPeriod, remainingText, serverNow } from './server-clock';

const after: Partial<Record<TopicDetail['step'], string>> = {
  collect: '负责人可结束收集，进入联审',
  vote: '负责人可结束表决并计票',
  notice: '异议均答复后，负责人可进入执行',
  evaluate: '负责人可归档',
};

export function Countdown({ topic }: { topic: TopicDetail }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const period = currentPeriod(topic);
  if (!period) return null;
  const left = Date.parse(period.endsAt) - serverNow(topic);
  const over = left <= 0;
  return (
    <View className={`card dlb-countdown ${over ? 'is-over' : ''}`} data-testid='period-countdown'>
      <View className='dlb-countdown__row'>
        <Text className='dlb-countdown__label'>{period.label}</Text>
        <Text className='dlb-countdown__left' data-testid='period-left'>
          {remainingText(left)}
        </Text>
      </View>
      <Text className='dlb-hint'>
        {over ? '已于' : '至'} {formatShanghai(period.endsAt)}
        {over ? ` 截止；${after[topic.step] ?? ''}` : ' 截止（北京时间）'}
      </Text>
    </View>
  );
}
