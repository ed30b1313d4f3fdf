/** 服务卡 — a work unit’s members’ quarterly record, for its liaison. */
import { ServiceCardsScreen } from '@/features/points/service-cards-screen';

export default function Page() {
  return <ServiceCardsScreen />;
}
