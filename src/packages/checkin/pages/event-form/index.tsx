/** 发起活动 — create a check-in event. */
import { EventFormScreen } from '@/features/checkin/event-form-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <EventFormScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
