/** 绑定审核 — binding requests to approve or reject. */
import { ReviewScreen } from '@/features/binding-review/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';

export default function BindingReviewPage() {
  return (
    <>
      <NeedGate need='sign-in'>
        <ReviewScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
