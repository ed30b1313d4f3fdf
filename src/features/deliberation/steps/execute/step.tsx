/** 执行 on the topic screen: the panel, progress reports, and moving to 评估. */
import { call } from '@/services/cloud';
import { useStepSheets, type TopicKit } from '../../common/topic-kit';
import { EvaluateSheet } from '../evaluate/sheets';
import { ExecutePanel } from './panel';
import { ProgressSheet } from './sheets';

export function ExecuteStep({ kit }: { kit: TopicKit }) {
  const sheets = useStepSheets<'progress' | 'evaluate'>(kit);
  const { topic } = kit;
  const topicId = topic.id;
  return (
    <>
      <ExecutePanel
        topic={topic}
        has={kit.has}
        onProgress={() => sheets.show('progress')}
        onEvaluate={() => sheets.show('evaluate')}
      />
      {sheets.open === 'progress' ? (
        <ProgressSheet
          {...sheets.sheet}
          last={topic.execution?.progress.at(-1)?.percent ?? 0}
          onSubmit={async (percent, note, photos) =>
            sheets.done(await call('deliberation', 'addProgress', { topicId, percent, note, photos }), '进度已更新')
          }
        />
      ) : null}
      {sheets.open === 'evaluate' ? (
        <EvaluateSheet
          {...sheets.sheet}
          onSubmit={async (evaluateDays) =>
            sheets.done(await call('deliberation', 'advance', { topicId, to: 'evaluate', evaluateDays }), '已进入评估')
          }
        />
      ) : null}
    </>
  );
}
