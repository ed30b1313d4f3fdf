/** 积分规则 — the community’s points table and quarterly threshold. */
import { RulesScreen } from '@/features/assessment/rules-screen';

export default function Page() {
  return <RulesScreen />;
}
