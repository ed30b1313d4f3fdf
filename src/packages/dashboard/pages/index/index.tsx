/** 数据看板 — the community's figures for a date range, drill-down, street view and exports. */
import { DashboardScreen } from '@/features/dashboard/dashboard-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <DashboardScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
