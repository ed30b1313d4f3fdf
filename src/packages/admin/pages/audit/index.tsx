/** 审计日志 — who did what, newest first. */
import { AuditScreen } from '@/features/audit/audit-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function AuditPage() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <AuditScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
