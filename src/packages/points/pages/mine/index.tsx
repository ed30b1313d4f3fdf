/** 我的积分 — balance, quarter progress and the ledger. */
import { MyPointsScreen } from '@/features/points/my-points-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='community'>
          <MyPointsScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
