/** 联审: the proposal, the opinions it answers, each body's verdict, and the leader's moves. Presentational. */
import { Button, Text, View } from '@tarojs/components';
import { formatShanghai } from '@/shared/format-time';
import { reviewBodyLabels, verdictLabels, REVIEW_BODIES } from '~types/labels/deliberation';
import type { Opinion, TopicAction, TopicDetail } from '~types/deliberation';
import { LeaderButton } from '../../common/leader-button';

const verdictTone = { agree: 'ok', agree_with_changes: 'warn', disagree: 'bad' } as const;

export function ReviewPanel({
  topic,
  opinions,
  has,
  onDraft,
  onReview,
  onVote,
}: {
  topic: TopicDetail;
  opinions: Opinion[];
  has: (a: TopicAction) => boolean;
  onDraft: () => void;
  onReview: () => void;
  onVote: () => void;
}) {
  const live = topic.step === 'review';
  const versions = [...topic.proposals].reverse();
  const latest = versions[0];
  const textOf = (id: string) => opinions.find((o) => o.id === id)?.text ?? '（意见）';
  return (
    <View className='card dlb-panel' data-testid='panel-review'>
      <Text className='dlb-panel__title'>方案与联审</Text>
      {versions.length === 0 ? <Text className='dlb-empty'>负责人尚未起草方案</Text> : null}
      {versions.map((p, i) => (
        <View key={p.version} className={`dlb-proposal ${i > 0 ? 'is-old' : ''}`} data-testid='proposal'>
          <View className='dlb-proposal__head'>
            <Text className='dlb-proposal__version'>
              第 {p.version} 版{i === 0 ? '（当前）' : ''}
            </Text>
            <Text
              className={`dlb-proposal__state ${p.passed === true ? 'is-ok' : p.passed === false ? 'is-bad' : ''}`}
              data-testid='proposal-state'
            >
              {p.passed === true ? '联审通过' : p.passed === false ? '联审未通过' : '审议中'}
            </Text>
          </View>
          <Text className='dlb-proposal__text'>{p.text}</Text>
          <Text className='dlb-hint'>起草于 {formatShanghai(p.draftedAt)}</Text>
          {p.answersOpinionIds.length > 0 ? (
            <View className='dlb-proposal__answers'>
              <Text className='dlb-proposal__answers-title'>回应的意见：</Text>
              {p.answersOpinionIds.map((id) => (
                <Text key={id} className='dlb-proposal__answer'>
                  · {textOf(id)}
                </Text>
              ))}
            </View>
          ) : null}
          <View className='dlb-reviews'>
            {REVIEW_BODIES.map((b) => {
              const r = p.reviews.find((x) => x.body === b);
              return (
                <View key={b} className='dlb-review' data-testid={`review-${b}`}>
                  <View className='dlb-review__head'>
                    <Text className='dlb-review__body'>{reviewBodyLabels[b]}</Text>
                    <Text className={`dlb-review__verdict ${r ? `is-${verdictTone[r.verdict]}` : ''}`}>
                      {r ? verdictLabels[r.verdict] : '待审议'}
                    </Text>
                  </View>
                  {r ? (
                    <Text className='dlb-review__meta'>
                      {r.byName}
                      {r.dualPost ? '（支部书记、业委会主任一肩挑）' : ''} · {formatShanghai(r.at)}
                      {r.comment ? `：${r.comment}` : ''}
                    </Text>
                  ) : null}
                </View>
              );
            })}
          </View>
        </View>
      ))}
      {live && has('recordReview') ? (
        <Button className='btn btn--primary' data-testid='review-record' onClick={onReview}>
          记录审议意见
        </Button>
      ) : null}
      {live && has('draftProposal') ? (
        <View className='dlb-leader'>
          <Text className='dlb-leader__tag'>负责人操作</Text>
          <Button className='btn btn--ghost' data-testid='proposal-draft' onClick={onDraft}>
            {latest ? '修改方案' : '起草方案'}
          </Button>
        </View>
      ) : null}
      <LeaderButton
        show={live && has('advance')}
        text='发起表决'
        testId='advance-vote'
        onClick={onVote}
        disabledHint={latest?.passed === true ? null : '当前方案通过联审（四方审议，不同意不超过一方）后才能发起表决'}
      />
    </View>
  );
}
