/** 心愿详情 — a thin shell around the wish detail screen. */
import { WishDetailScreen } from '@/features/wish/detail-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function WishDetailPage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <WishDetailScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
