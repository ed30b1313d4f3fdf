/** One event: the organiser’s live QR and attendance, or the member’s check-in. */
import { EventScreen } from '@/features/checkin/event-screen';

export default function Page() {
  return <EventScreen />;
}
