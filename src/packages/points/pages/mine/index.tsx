/** 我的积分 — balance, quarter progress and the ledger. */
import { MyPointsScreen } from '@/features/points/my-points-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function Page() {
  return (
    <>
      <MeProvider>
        <MyPointsScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
