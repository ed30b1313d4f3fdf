/** 我的心愿 / 我的认领 — a thin shell around the caller's wishes and claims. */
import { MyWishesScreen } from '@/features/wish/mine-screen';

export default function MyWishesPage() {
  return <MyWishesScreen />;
}
