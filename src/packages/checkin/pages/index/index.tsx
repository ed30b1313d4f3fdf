/** 双报到 — registration, events and points, by role. */
import { HubScreen } from '@/features/checkin/hub-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='community'>
          <HubScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
