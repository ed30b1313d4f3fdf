/** 报到审核 — members’ and work units’ registrations to approve or reject. */
import { RegistrationReviewScreen } from '@/features/registration-review/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <RegistrationReviewScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
