/** A member’s ledger: adjust points, reverse an entry. */
import { MemberLedgerScreen } from '@/features/assessment/member-ledger-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { NeedGate } from '@/shared/ui/need-gate';

export default function Page() {
  return (
    <>
      <NeedGate need='sign-in'>
        <MemberLedgerScreen />
      </NeedGate>
      <PrivacyPopup />
    </>
  );
}
