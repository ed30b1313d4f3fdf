/** 心愿审核 — placeholder until the wish UI lands. */
import { ComingSoonScreen } from '@/features/coming-soon/coming-soon-screen';

export default function WishPage() {
  return <ComingSoonScreen feature='wish' />;
}
