/** 绑定房屋 — choose estate, building, room and relation; submit for approval. */
import { BindScreen } from '@/features/account/bind-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function BindPage() {
  return (
    <>
      <BindScreen />
      <PrivacyPopup />
    </>
  );
}
