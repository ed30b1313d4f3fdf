/** 心愿审核 — a thin shell around the review queue. */
import { WishReviewScreen } from '@/features/wish/review-screen';

export default function WishReviewPage() {
  return <WishReviewScreen />;
}
