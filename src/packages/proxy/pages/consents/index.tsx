/** 我的代办授权 — a thin shell around the resident's consents (docs/adr/0040-proxy-acts.md). */
import { ProxyConsentsScreen } from '@/features/proxy/consents-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function ProxyConsentsPage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <ProxyConsentsScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
