/** 组织管理 — estates, buildings and households; import from a spreadsheet. */
import { OrgScreen } from '@/features/org-admin/org-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';

export default function OrgPage() {
  return (
    <>
      <NeedGate need='sign-in'>
        <OrgScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
