/** 议题 — a thin shell around the topic screen. */
import { TopicScreen } from '@/features/deliberation/topic-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';
import { NeedGate } from '@/shared/ui/need-gate';

export default function TopicPage() {
  return (
    <>
      <MeProvider>
        <NeedGate need='sign-in'>
          <TopicScreen />
        </NeedGate>
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
