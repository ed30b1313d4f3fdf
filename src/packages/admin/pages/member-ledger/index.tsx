/** A member’s ledger: adjust points, reverse an entry. */
import { MemberLedgerScreen } from '@/features/assessment/member-ledger-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';
import { DisplayPageMeta } from '@/shared/ui/page-meta';

export default function Page() {
  return (
    <>
      <DisplayPageMeta />
      <NeedGate need='sign-in'>
        <MemberLedgerScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
