/** 活动详情: the activity, my sign-up, sign-up / cancel and on-site check-in and out. */
import { VolunteerDetailScreen } from '@/features/volunteer/detail-screen';

export default function Page() {
  return <VolunteerDetailScreen />;
}
