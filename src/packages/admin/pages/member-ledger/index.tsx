/** A member’s ledger: adjust points, reverse an entry. */
import { MemberLedgerScreen } from '@/features/assessment/member-ledger-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <MemberLedgerScreen />
      <PrivacyPopup />
    </>
  );
}
