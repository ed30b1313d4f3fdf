/** 表决 on the topic screen: the panel with the ballot and 计票, and the result with 复核计票. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '@/services/cloud';
import { choiceLabels, type Choice } from '~types/labels/deliberation';
import type { Turnout } from '~types/deliberation';
import type { TopicKit } from '../../common/topic-kit';
import { ResultCard, VotePanel } from './panel';

export function VoteStep({
  kit,
  turnout,
  turnoutError,
  onVoted,
}: {
  kit: TopicKit;
  turnout: Turnout | undefined;
  turnoutError: boolean;
  /** Reads the topic and the turnout again after a ballot. */
  onVoted: () => Promise<unknown>;
}) {
  const topicId = kit.topic.id;
  const ballot = async (choice: Choice) => {
    if (!(await kit.ask('确认投票', `您家投「${choiceLabels[choice]}」。每户一票，提交后不可更改。`, '确认投票')))
      return;
    try {
      await call('deliberation', 'castBallot', { topicId, choice });
      void Taro.showToast({ title: '投票成功', icon: 'success' });
      await onVoted();
    } catch (e) {
      kit.refused(e);
    }
  };
  const closeVote = async () => {
    if (!(await kit.ask('结束表决', '结束表决并按规则计票？通过后进入公示，未通过则议题终止。', '结束计票'))) return;
    try {
      const next = await call('deliberation', 'closeVote', { topicId });
      kit.done(next, next.vote?.tally?.passed ? '表决通过' : '已计票');
    } catch (e) {
      kit.refused(e);
    }
  };
  return (
    <VotePanel
      topic={kit.topic}
      turnout={turnout}
      turnoutError={turnoutError}
      has={kit.has}
      onBallot={(c) => void ballot(c)}
      onClose={() => void closeVote()}
    />
  );
}

/** The vote's result once counted, with 复核计票 (recounting the ballots). */
export function VoteResult({ kit }: { kit: TopicKit }) {
  const [recheck, setRecheck] = useState<'idle' | 'busy' | 'equal' | 'different'>('idle');
  const tally = kit.topic.vote?.tally ?? null;
  if (!tally) return null;
  const recompute = async () => {
    setRecheck('busy');
    try {
      const res = await call('deliberation', 'recomputeTally', { topicId: kit.topic.id });
      setRecheck(res.equal ? 'equal' : 'different');
    } catch (e) {
      setRecheck('idle');
      kit.refused(e);
    }
  };
  return <ResultCard tally={tally} recheck={recheck} onRecheck={() => void recompute()} />;
}
