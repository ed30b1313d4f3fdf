/** One topic as the list shows it: scope, title, step badge, leader and last update (China time). */
import { Text, View } from '@tarojs/components';
import { stepLabels, type Step } from '~types/labels/deliberation';
import type { TopicSummary } from '~types/deliberation';
import { formatShanghai } from '@/shared/format-time';
import './list.scss';

/** The badge colour of each step. */
const stepTone: Record<Step, string> = {
  collect: 'red',
  review: 'pending',
  vote: 'vote',
  notice: 'notice',
  execute: 'execute',
  evaluate: 'approved',
  archived: 'muted',
  ended: 'ended',
};

export function StepBadge({ step }: { step: Step }) {
  return (
    <Text className={`tag dlb-step dlb-step--${stepTone[step]}`} data-testid='topic-step'>
      {stepLabels[step]}
    </Text>
  );
}

/** A topic's scope and its step, above its title (the card, the topic screen). */
export function TopicHead({ topic }: { topic: Pick<TopicSummary, 'scopeLabel' | 'step'> }) {
  return (
    <View className='dlb-card__head'>
      <Text className='dlb-card__scope'>{topic.scopeLabel}</Text>
      <StepBadge step={topic.step} />
    </View>
  );
}

export function TopicCard({ topic, onOpen }: { topic: TopicSummary; onOpen: () => void }) {
  return (
    <View className='card dlb-card' data-testid='topic-card' role='link' aria-label={topic.title} onClick={onOpen}>
      <TopicHead topic={topic} />
      <Text className='dlb-card__title'>{topic.title}</Text>
      <View className='dlb-card__meta'>
        <Text>发起人：{topic.leaderName}</Text>
        <Text>更新于 {formatShanghai(topic.updatedAt)}</Text>
      </View>
    </View>
  );
}
