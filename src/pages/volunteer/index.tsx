/** 志愿 tab — the volunteer activities and, in local mode, the persona switcher. */
import { VolunteerListScreen } from '@/features/volunteer/list-screen';
import { TabPage } from '../tab-page';

export default function VolunteerPage() {
  return <TabPage screen={() => <VolunteerListScreen />} />;
}
