/** 发起活动 — create a check-in event. */
import { EventFormScreen } from '@/features/checkin/event-form-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';

export default function Page() {
  return (
    <>
      <NeedGate need='sign-in'>
        <EventFormScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
