/** 发起议题 — a thin shell around the form. */
import { OpenTopicScreen } from '@/features/deliberation/open-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function OpenTopicPage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <OpenTopicScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
