/** 绑定审核 — binding requests to approve or reject. */
import { ReviewScreen } from '@/features/binding-review/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function BindingReviewPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <ReviewScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
