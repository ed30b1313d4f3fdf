/**
 * 公示 on the topic screen: the panel, objections and their answers, suspending and lifting
 * the notice, and moving to 执行.
 */
import { useState } from 'react';
import { call } from '@/services/cloud';
import { serverNow } from '../../common/server-clock';
import { TextSheet, type TextSheetSpec } from '../../common/text-sheet';
import { useStepSheets, type TopicKit } from '../../common/topic-kit';
import { ExecuteSheet } from '../execute/sheets';
import { NoticePanel } from './panel';

type TextKind = 'objection' | 'answer' | 'suspend' | 'lift';

/** 公示's one-text sheets: an objection, its answer, and the reasons to suspend and lift. */
const TEXT_SHEETS: Record<TextKind, TextSheetSpec> = {
  objection: {
    title: '提出异议',
    label: '异议内容',
    placeholder: '写明您对公示内容的异议',
    confirmText: '提交异议',
    intro: '负责人会逐条答复；所有异议答复后才能进入执行。',
    min: 5,
    max: 500,
    testId: 'objection-text',
  },
  answer: {
    title: '答复异议',
    label: '答复内容（居民可见）',
    placeholder: '针对异议说明情况或处理办法',
    confirmText: '提交答复',
    max: 500,
    testId: 'objection-answer-text',
  },
  suspend: {
    title: '暂停公示',
    label: '暂停原因（居民可见）',
    placeholder: '例如：费用测算需要核实',
    confirmText: '暂停公示',
    intro: '暂停期间议题不能进入执行。此操作会记入审计日志。',
    danger: true,
    testId: 'suspend-reason',
  },
  lift: {
    title: '恢复公示',
    label: '恢复原因',
    placeholder: '例如：已核实无误',
    confirmText: '恢复公示',
    testId: 'lift-reason',
  },
};

export function NoticeStep({ kit }: { kit: TopicKit }) {
  const sheets = useStepSheets<TextKind | 'execute'>(kit);
  const { open } = sheets;
  const [objectionId, setObjectionId] = useState('');
  const topicId = kit.topic.id;
  const get = () => call('deliberation', 'get', { topicId });
  /** What each one-text sheet sends. */
  const submit: Record<TextKind, (text: string) => Promise<void>> = {
    objection: async (text) => {
      const lodged = await call('deliberation', 'lodgeObjection', { topicId, text });
      sheets.done(await get(), '异议已提交', lodged.held);
    },
    answer: async (answer) => {
      const answered = await call('deliberation', 'answerObjection', { topicId, objectionId, answer });
      sheets.done(await get(), '已答复', answered.held);
    },
    suspend: async (reason) => sheets.done(await call('deliberation', 'suspendNotice', { topicId, reason }), '已暂停'),
    lift: async (reason) => sheets.done(await call('deliberation', 'liftSuspension', { topicId, reason }), '已恢复'),
  };
  return (
    <>
      <NoticePanel
        topic={kit.topic}
        has={kit.has}
        onObject={() => sheets.show('objection')}
        onAnswer={(id) => {
          setObjectionId(id);
          sheets.show('answer');
        }}
        onSuspend={() => sheets.show('suspend')}
        onLift={() => sheets.show('lift')}
        onExecute={() => sheets.show('execute')}
      />
      {open && open !== 'execute' ? (
        <TextSheet key={open} {...sheets.sheet} {...TEXT_SHEETS[open]} onSubmit={submit[open]} />
      ) : null}
      {open === 'execute' ? (
        <ExecuteSheet
          {...sheets.sheet}
          now={serverNow(kit.topic)}
          onSubmit={async (executor, dueDate) =>
            sheets.done(
              await call('deliberation', 'advance', { topicId, to: 'execute', executor, dueDate }),
              '已进入执行',
            )
          }
        />
      ) : null}
    </>
  );
}
