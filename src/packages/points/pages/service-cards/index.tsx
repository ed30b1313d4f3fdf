/** 服务卡 — a work unit’s members’ quarterly record, for its liaison. */
import { ServiceCardsScreen } from '@/features/points/service-cards-screen';
import { PrivacyPopup } from '@/shared/privacy/privacy-popup';
import { MeProvider } from '@/shared/current-user';

export default function Page() {
  return (
    <>
      <MeProvider>
        <ServiceCardsScreen />
      </MeProvider>
      <PrivacyPopup />
    </>
  );
}
