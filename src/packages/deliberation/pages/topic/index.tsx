/** 议题 — a thin shell around the topic screen. */
import { TopicScreen } from '@/features/deliberation/topic-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function TopicPage() {
  return (
    <>
      <TopicScreen />
      <PrivacyPopup />
    </>
  );
}
