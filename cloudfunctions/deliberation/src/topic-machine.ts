/**
 * The lifecycle of a topic, as data (drawn in docs/state-machines.md): the six steps run
 * strictly in order collect → review → vote → notice → execute → evaluate → archived; any step
 * before archived may be ended (终止); archived and ended are final. vote → notice / ended is
 * made only by closing the vote (a passed tally goes to notice, a failed one to ended), by a
 * leader after the window or by the scheduler. Decided in transitions.ts, written by move.ts
 * through `applyMove` (_shared/state-machine.ts).
 */
import { STEPS, SIX_STEPS, stepLabels, type Step } from '../../../types/labels/deliberation';
import { Collections } from '../../_shared/collections';
import { defineMachine } from '../../_shared/state-machine';

/** `leader`: a leader of the topic's building or estate, or an admin of its community; `system`: the scheduled job. */
export type Who = 'leader' | 'system';
export type Via = 'open' | 'advance' | 'end' | 'closeVote' | 'archive';

export const topicMachine = defineMachine<Step, Who, Via>({
  name: 'topic',
  about: '议题：六步议事（意见收集 → 联审 → 决议 → 公示 → 执行 → 评价）后归档，归档前可随时终止',
  collection: Collections.topics,
  field: 'step',
  states: STEPS,
  labels: stepLabels,
  moves: {
    // open.ts writes the new topic in `collect` (history entry null → collect).
    open: { from: [null], to: 'collect', who: 'leader', label: '发起' },
    advance: {
      edges: [
        ['collect', 'review'],
        ['review', 'vote'],
        ['notice', 'execute'],
        ['execute', 'evaluate'],
        ['evaluate', 'archived'],
      ],
      who: 'leader',
      label: '推进',
    },
    closeVote: { from: ['vote'], to: ['notice', 'ended'], who: ['leader', 'system'], label: '结束投票' },
    archive: { from: ['evaluate'], to: 'archived', who: 'system', label: '归档' },
    end: { from: SIX_STEPS, to: 'ended', who: 'leader', label: '终止' },
  },
});
