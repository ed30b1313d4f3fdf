/** 发起活动 — create a check-in event. */
import { EventFormScreen } from '@/features/checkin/event-form-screen';

export default function Page() {
  return <EventFormScreen />;
}
