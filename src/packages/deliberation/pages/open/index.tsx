/** 发起议题 — a thin shell around the form. */
import { OpenTopicScreen } from '@/features/deliberation/open-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function OpenTopicPage() {
  return (
    <>
      <OpenTopicScreen />
      <PrivacyPopup />
    </>
  );
}
