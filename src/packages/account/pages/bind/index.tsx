/** 绑定房屋 — choose estate, building, room and relation; submit for approval. */
import { BindScreen } from '@/features/account/bind-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function BindPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <BindScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
