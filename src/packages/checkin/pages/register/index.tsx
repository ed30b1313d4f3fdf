/** 到社区报到 — register with the community, see and withdraw registrations. */
import { RegisterScreen } from '@/features/checkin/register-screen';

export default function Page() {
  return <RegisterScreen />;
}
