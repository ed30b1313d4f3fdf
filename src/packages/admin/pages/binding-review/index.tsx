/** 绑定审核 — binding requests to approve or reject. */
import { ReviewScreen } from '@/features/binding-review/review-screen';

export default function BindingReviewPage() {
  return <ReviewScreen />;
}
