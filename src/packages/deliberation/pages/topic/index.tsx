/** 议题 — a thin shell around the topic screen. */
import { TopicScreen } from '@/features/deliberation/topic-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function TopicPage() {
  return (
    <>
      <DisplayPageMeta />
      <MeProvider>
        <NeedGate need='sign-in'>
          <TopicScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
