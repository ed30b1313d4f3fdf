/** 议题 — a thin shell around the topic screen. */
import { TopicScreen } from '@/features/deliberation/topic-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function TopicPage() {
  return (
    <>
      <MeProvider>
        <TopicScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
