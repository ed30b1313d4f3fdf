/** 绑定审核 — binding requests to approve or reject. */
import { ReviewScreen } from '@/features/binding-review/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function BindingReviewPage() {
  return (
    <>
      <ReviewScreen />
      <PrivacyPopup />
    </>
  );
}
