/** 组织管理 — estates, buildings and households; import from a spreadsheet. */
import { OrgScreen } from '@/features/org-admin/org-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function OrgPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <OrgScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
