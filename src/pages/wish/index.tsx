/** 心愿 tab — the wish wall and, in local mode, the persona switcher. */
import { WishWallScreen } from '@/features/wish/wall-screen';
import { TabPage } from '../tab-page';

export default function WishPage() {
  return <TabPage screen={() => <WishWallScreen />} />;
}
