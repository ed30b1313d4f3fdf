/** 发起议题 — a thin shell around the form. */
import { OpenTopicScreen } from '@/features/deliberation/open-screen';

export default function OpenTopicPage() {
  return <OpenTopicScreen />;
}
