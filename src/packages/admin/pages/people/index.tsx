/** 人员与角色 — find people, grant and revoke roles. */
import { PeopleScreen } from '@/features/people/people-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function PeoplePage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <PeopleScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
