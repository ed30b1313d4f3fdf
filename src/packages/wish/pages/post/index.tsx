/** 许个心愿 — a thin shell around the posting form. */
import { PostWishScreen } from '@/features/wish/post-screen';

export default function PostWishPage() {
  return <PostWishScreen />;
}
