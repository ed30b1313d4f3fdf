/** 双报到 — registration, events and points, by role. */
import { HubScreen } from '@/features/checkin/hub-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <HubScreen />
      <PrivacyPopup />
    </>
  );
}
