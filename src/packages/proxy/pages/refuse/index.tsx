/** 撤销此代办 — a thin shell around an admin's refusal of one 代办 act (docs/adr/0044-refusing-a-proxy-act.md). */
import { ProxyRefuseScreen } from '@/features/proxy/refuse-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function ProxyRefusePage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <ProxyRefuseScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
