/** What each counting rule means, in words a resident understands (the vote's sheet and panel). */
import type { VoteRule } from '~types/labels/deliberation';

export const ruleExplanations: Record<VoteRule, string> = {
  simple: '参与户数过半；同意票超过已投票户数的一半即通过。适用于一般的小区事务。',
  civil_ordinary: '《民法典》第二百七十八条：参与户数和参与面积均达到三分之二；同意的户数和面积均超过参与部分的一半。',
  civil_major:
    '《民法典》重大事项（使用维修资金、改建重建、改变共有部分用途等）：参与户数和面积均达到三分之二；同意的户数和面积均达到参与部分的四分之三。',
};
