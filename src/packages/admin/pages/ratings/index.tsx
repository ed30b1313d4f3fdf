/** 年度评议 — rate members and work units at year end. */
import { RatingsScreen } from '@/features/assessment/ratings-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';

export default function Page() {
  return (
    <>
      <NeedGate need='sign-in'>
        <RatingsScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
