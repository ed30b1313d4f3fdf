/** 季度考核 — ranked points against the threshold; close and export. */
import { QuarterScreen } from '@/features/assessment/quarter-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <QuarterScreen />
      <PrivacyPopup />
    </>
  );
}
