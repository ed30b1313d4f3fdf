/** 我的心愿 / 我的认领 — a thin shell around the caller's wishes and claims. */
import { MyWishesScreen } from '@/features/wish/mine-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function MyWishesPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <MyWishesScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
