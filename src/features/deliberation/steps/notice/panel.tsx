/** 公示: the notice, its objections and answers, suspension, and the leader's move to 执行. Presentational. */
import { Button, Text, View } from '@tarojs/components';
import { HELD_TAG } from '@/shared/held';
import { formatShanghai } from '@/shared/format-time';
import type { TopicAction, TopicDetail } from '~types/deliberation';
import { LeaderButton } from '../../common/leader-button';
import { serverNow } from '../../common/server-clock';

export function NoticePanel({
  topic,
  has,
  onObject,
  onAnswer,
  onSuspend,
  onLift,
  onExecute,
}: {
  topic: TopicDetail;
  has: (a: TopicAction) => boolean;
  onObject: () => void;
  onAnswer: (objectionId: string) => void;
  onSuspend: () => void;
  onLift: () => void;
  onExecute: () => void;
}) {
  const notice = topic.notice!;
  const live = topic.step === 'notice';
  const running = Date.parse(notice.endsAt) > serverNow(topic);
  const open = notice.objections.filter((o) => o.answer === null).length;
  return (
    <View className='card dlb-panel' data-testid='panel-notice'>
      <Text className='dlb-panel__title'>公示</Text>
      <Text className='dlb-hint'>
        公示期：{formatShanghai(notice.startsAt)} 至 {formatShanghai(notice.endsAt)}
      </Text>
      {notice.suspended ? (
        <View className='dlb-banner is-warn' data-testid='notice-suspended'>
          监事会已暂停公示：{notice.suspendReason}
        </View>
      ) : null}
      <Text className='dlb-sub'>异议（{notice.objections.length}）</Text>
      {notice.objections.length === 0 ? <Text className='dlb-empty'>暂无异议</Text> : null}
      {notice.objections.map((o) => (
        <View key={o.id} className='dlb-objection' data-testid='objection'>
          <Text className='dlb-objection__who'>
            {o.authorName} · {formatShanghai(o.createdAt)}
          </Text>
          <Text className='dlb-objection__text'>
            {o.text}
            {o.held ? <Text className='held-tag'>{HELD_TAG}</Text> : null}
          </Text>
          {o.answer ? (
            <View className='dlb-objection__answer' data-testid='objection-answer'>
              <Text>答复：{o.answer}</Text>
              <Text className='dlb-hint'>{formatShanghai(o.answeredAt)}</Text>
            </View>
          ) : live && has('answerObjection') ? (
            <Button className='btn btn--ghost btn--small' data-testid='objection-reply' onClick={() => onAnswer(o.id)}>
              答复
            </Button>
          ) : (
            <Text className='dlb-hint'>待负责人答复</Text>
          )}
        </View>
      ))}
      {live && has('lodgeObjection') ? (
        <Button className='btn btn--ghost' data-testid='objection-lodge' onClick={onObject}>
          提出异议
        </Button>
      ) : null}
      {live && has('suspendNotice') ? (
        <Button className='btn btn--plain' data-testid='notice-suspend' onClick={onSuspend}>
          暂停公示（监事会）
        </Button>
      ) : null}
      {live && has('liftSuspension') ? (
        <Button className='btn btn--plain' data-testid='notice-lift' onClick={onLift}>
          恢复公示（监事会）
        </Button>
      ) : null}
      <LeaderButton
        show={live && has('advance')}
        text='进入执行'
        testId='advance-execute'
        onClick={onExecute}
        hintTestId='notice-running'
        disabledHint={
          notice.suspended
            ? '公示已暂停，恢复后才能进入执行'
            : running
              ? `公示期至 ${formatShanghai(notice.endsAt)}，期满后才能进入执行`
              : open > 0
                ? `还有 ${open} 条异议未答复，请先逐条答复`
                : null
        }
      />
    </View>
  );
}
