/** 年度评议 — rate members and work units at year end. */
import { RatingsScreen } from '@/features/assessment/ratings-screen';

export default function Page() {
  return <RatingsScreen />;
}
