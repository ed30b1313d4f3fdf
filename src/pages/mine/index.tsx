/** 我的 tab — profile, roles, household bindings and, for admins and leaders, their tools. */
import { MineScreen } from '@/features/account/mine-screen';
import { PersonaSwitcher } from '@/features/persona/persona-switcher';

export default function MinePage() {
  return (
    <>
      <PersonaSwitcher />
      <MineScreen />
    </>
  );
}
