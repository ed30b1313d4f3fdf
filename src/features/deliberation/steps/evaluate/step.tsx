/** 评估 on the topic screen: the panel, a household's rating, and 归档. */
import { call } from '@/services/cloud';
import { useStepSheets, type TopicKit } from '../../common/topic-kit';
import { EvaluatePanel } from './panel';
import { RateSheet } from './sheets';

export function EvaluateStep({ kit }: { kit: TopicKit }) {
  const sheets = useStepSheets<'rate'>(kit);
  const topicId = kit.topic.id;
  const archive = async () => {
    if (!(await kit.ask('归档议题', '归档后议题结束，不能再评价或修改。确定归档吗？', '归档'))) return;
    try {
      kit.done(await call('deliberation', 'advance', { topicId, to: 'archived' }), '已归档');
    } catch (e) {
      kit.refused(e);
    }
  };
  return (
    <>
      <EvaluatePanel
        topic={kit.topic}
        has={kit.has}
        onRate={() => sheets.show('rate')}
        onArchive={() => void archive()}
      />
      {sheets.open === 'rate' ? (
        <RateSheet
          {...sheets.sheet}
          onSubmit={async (score, comment) =>
            sheets.done(await call('deliberation', 'rate', { topicId, score, comment }), '感谢您的评价')
          }
        />
      ) : null}
    </>
  );
}
