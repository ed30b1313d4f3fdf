/** 数据看板 — the community's figures for a date range, drill-down, street view and exports. */
import { DashboardScreen } from '@/features/dashboard/dashboard-screen';

export default function Page() {
  return <DashboardScreen />;
}
