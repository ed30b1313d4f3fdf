/** 双报到 — registration, events and points, by role. */
import { HubScreen } from '@/features/checkin/hub-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function Page() {
  return (
    <>
      <MeProvider>
        <HubScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
