/** 心愿审核 — a thin shell around the review queue. */
import { WishReviewScreen } from '@/features/wish/review-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function WishReviewPage() {
  return (
    <>
      <WishReviewScreen />
      <PrivacyPopup />
    </>
  );
}
