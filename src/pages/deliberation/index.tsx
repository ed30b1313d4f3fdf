/** 小区议事 tab — the topic list and, in local mode, the persona switcher. */
import { DeliberationListScreen } from '@/features/deliberation/list-screen';
import { TabPage } from '../tab-page';

export default function DeliberationPage() {
  return <TabPage screen={() => <DeliberationListScreen />} />;
}
