/** 人员与角色 — find people, grant and revoke roles. */
import { PeopleScreen } from '@/features/people/people-screen';

export default function PeoplePage() {
  return <PeopleScreen />;
}
