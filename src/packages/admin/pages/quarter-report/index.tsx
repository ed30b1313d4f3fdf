/** 季度考核 — ranked points against the threshold; close and export. */
import { QuarterScreen } from '@/features/assessment/quarter-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <QuarterScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
