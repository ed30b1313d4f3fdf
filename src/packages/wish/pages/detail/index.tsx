/** 心愿详情 — a thin shell around the wish detail screen. */
import { WishDetailScreen } from '@/features/wish/detail-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function WishDetailPage() {
  return (
    <>
      <MeProvider>
        <WishDetailScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
