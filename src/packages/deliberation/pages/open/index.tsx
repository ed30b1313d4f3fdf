/** 发起议题 — a thin shell around the form. */
import { OpenTopicScreen } from '@/features/deliberation/open-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function OpenTopicPage() {
  return (
    <>
      <MeProvider>
        <OpenTopicScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
