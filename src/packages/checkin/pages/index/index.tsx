/** 双报到 — registration, events and points, by role. */
import { HubScreen } from '@/features/checkin/hub-screen';

export default function Page() {
  return <HubScreen />;
}
