/** 活动签到 — the community’s events; organisers start one here. */
import { EventsScreen } from '@/features/checkin/events-screen';

export default function Page() {
  return <EventsScreen />;
}
