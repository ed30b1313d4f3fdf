/** 我的积分 — balance, quarter progress and the ledger. */
import { MyPointsScreen } from '@/features/points/my-points-screen';

export default function Page() {
  return <MyPointsScreen />;
}
