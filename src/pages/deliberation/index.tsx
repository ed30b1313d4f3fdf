/** 小区议事 tab — the topic list and, in local mode, the persona switcher. */
import { DeliberationListScreen } from '@/features/deliberation/list-screen';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';

export default function DeliberationPage() {
  return (
    <>
      <PersonaSwitcher />
      <DeliberationListScreen />
    </>
  );
}
