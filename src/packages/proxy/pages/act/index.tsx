/** 代办 — a thin shell around the 代办 flow (docs/adr/0040-proxy-acts.md). */
import { ProxyActScreen } from '@/features/proxy/act-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function ProxyActPage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <ProxyActScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
