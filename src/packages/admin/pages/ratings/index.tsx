/** 年度评议 — rate members and work units at year end. */
import { RatingsScreen } from '@/features/assessment/ratings-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <RatingsScreen />
      <PrivacyPopup />
    </>
  );
}
