/**
 * 首页 — a thin shell around the home screen and, in local mode, the persona switcher and the
 * first-open persona chooser (shown until a persona is chosen).
 */
import { HomeScreen } from '@/features/home/home-screen';
import { TabPage } from '../tab-page';

export default function IndexPage() {
  return <TabPage gate screen={() => <HomeScreen />} />;
}
