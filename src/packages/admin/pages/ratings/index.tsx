/** 年度评议 — rate members and work units at year end. */
import { RatingsScreen } from '@/features/assessment/ratings-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <RatingsScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
