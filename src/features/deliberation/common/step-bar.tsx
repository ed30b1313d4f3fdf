/** The topic's six steps as a progress bar; an ended topic shows where it stopped and why. */
import { Text, View } from '@tarojs/components';
import { SIX_STEPS, stepLabels, type Step } from '~types/labels/deliberation';
import type { TopicDetail } from '~types/deliberation';

/** Where an ended topic stopped: the step it left for 已终止. */
function stoppedAt(topic: TopicDetail): Step | null {
  if (topic.step !== 'ended') return null;
  return [...topic.history].reverse().find((h) => h.to === 'ended')?.from ?? null;
}

export function StepBar({ topic }: { topic: TopicDetail }) {
  const stopped = stoppedAt(topic);
  const current = topic.step === 'archived' ? SIX_STEPS.length : SIX_STEPS.indexOf((stopped ?? topic.step) as never);
  return (
    <View className='card dlb-steps' data-testid='topic-steps'>
      <View className='dlb-steps__row'>
        {SIX_STEPS.map((s, i) => {
          const state = i < current ? 'done' : i === current ? (stopped ? 'stopped' : 'current') : 'upcoming';
          return (
            <View key={s} className={`dlb-steps__item is-${state}`} data-testid={`step-${s}`} data-state={state}>
              <View className='dlb-steps__dot'>{state === 'done' ? '✓' : state === 'stopped' ? '✕' : i + 1}</View>
              <Text className='dlb-steps__label'>{stepLabels[s]}</Text>
            </View>
          );
        })}
      </View>
      {topic.step === 'archived' ? <Text className='dlb-steps__note is-done'>六步议事已完成，议题已归档</Text> : null}
      {topic.step === 'ended' ? (
        <Text className='dlb-steps__note is-ended' data-testid='topic-ended'>
          议题已在「{stopped ? stepLabels[stopped] : '—'}」终止：{topic.endedReason ?? '未说明原因'}
        </Text>
      ) : null}
    </View>
  );
}
