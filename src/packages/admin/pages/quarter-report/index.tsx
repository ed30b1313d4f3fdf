/** 季度考核 — ranked points against the threshold; close and export. */
import { QuarterScreen } from '@/features/assessment/quarter-screen';

export default function Page() {
  return <QuarterScreen />;
}
