/** 发起活动 — create a check-in event. */
import { EventFormScreen } from '@/features/checkin/event-form-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <EventFormScreen />
      <PrivacyPopup />
    </>
  );
}
