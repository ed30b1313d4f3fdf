/** 人员与角色 — find people, grant and revoke roles. */
import { PeopleScreen } from '@/features/people/people-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function PeoplePage() {
  return (
    <>
      <PeopleScreen />
      <PrivacyPopup />
    </>
  );
}
