/** 心愿审核 — a thin shell around the review queue. */
import { WishReviewScreen } from '@/features/wish/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function WishReviewPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <WishReviewScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
