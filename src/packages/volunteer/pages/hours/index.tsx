/** 我的志愿时长: total hours, per-activity records and the service record. */
import { VolunteerHoursScreen } from '@/features/volunteer/hours-screen';

export default function Page() {
  return <VolunteerHoursScreen />;
}
