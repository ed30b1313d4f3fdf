/** 我的心愿 / 我的认领 — a thin shell around the caller's wishes and claims. */
import { MyWishesScreen } from '@/features/wish/mine-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function MyWishesPage() {
  return (
    <>
      <MyWishesScreen />
      <PrivacyPopup />
    </>
  );
}
