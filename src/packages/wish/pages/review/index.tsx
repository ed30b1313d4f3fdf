/** 心愿审核 — a thin shell around the review queue. */
import { WishReviewScreen } from '@/features/wish/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';

export default function WishReviewPage() {
  return (
    <>
      <NeedGate need='sign-in'>
        <WishReviewScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
