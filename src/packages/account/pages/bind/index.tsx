/** 绑定房屋 — choose estate, building, room and relation; submit for approval. */
import { BindScreen } from '@/features/account/bind-screen';

export default function BindPage() {
  return <BindScreen />;
}
