/** 服务卡 — a work unit’s members’ quarterly record, for its liaison. */
import { ServiceCardsScreen } from '@/features/points/service-cards-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';

export default function Page() {
  return (
    <>
      <ServiceCardsScreen />
      <PrivacyPopup />
    </>
  );
}
