/** 议题 — a thin shell around the topic screen. */
import { TopicScreen } from '@/features/deliberation/topic-screen';

export default function TopicPage() {
  return <TopicScreen />;
}
