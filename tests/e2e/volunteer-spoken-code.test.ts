/**
 * End to end (志愿服务, ADR 0037): a volunteer checks in by the activity's
 * 6-digit spoken code. Set-up through the actions (the admin 王红梅 publishes an activity starting
 * 20 minutes from now, so check-in is open; the member 李建国 signs up); then through the UI only:
 * the organiser's live 签到 QR shows the six digits beside it, large; 李建国 opens the activity and
 * taps them on the number pad (no text field, keys at least 60 × 60 CSS px) and is checked in. A
 * wrong code first is refused with the tries left. Screenshots go to
 * test-results/e2e-volunteer-spoken-*.png.
 */
import type { Page } from 'playwright-core';
import { act, appAndBrowser, expectNumberPad, openAs, readSpokenCode, shot, tapDigits, wrongCode } from './support';

jest.setTimeout(240_000);

const e2e = appAndBrowser();

const ADMIN = '王红梅（社区书记）';
const MEMBER = '李建国（在职党员（市税务局第三分局））';
const TITLE = '楼道清洁数字码签到';
const COMMUNITY = 'comm-xingfuli';
const MIN = 60_000;

async function openActivity(page: Page, name: RegExp, current: string) {
  await openAs(page, e2e.app, '/pages/volunteer/index', name, current);
  await page.getByTestId('vol-card').filter({ hasText: TITLE }).click();
  await page.getByTestId('vol-detail').getByText(TITLE, { exact: true }).waitFor();
}

test('a volunteer checks in by typing the spoken 6-digit code shown beside the organiser’s QR', async () => {
  const start = new Date(Math.ceil((Date.now() + 20 * MIN) / MIN) * MIN);
  const activity = (await act(e2e.app, 'demo-admin', 'volunteer', 'publish', {
    communityId: COMMUNITY,
    title: TITLE,
    category: 'environment',
    description: '清理楼道杂物，工具由社区提供。',
    place: '幸福里小区1号楼',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 120 * MIN).toISOString(),
    signupDeadline: start.toISOString(),
    quota: 5,
    pointsPerHour: 4,
    audience: 'everyone',
  })) as { id: string };
  await act(e2e.app, 'demo-member', 'volunteer', 'signUp', { activityId: activity.id });

  const context = await e2e.phone();
  const page = await context.newPage();

  // 王红梅 opens 组织者 → 签到: six digits beside the QR, large enough to read across a room.
  await openActivity(page, /王红梅/, ADMIN);
  await page.getByTestId('vol-organiser-link').click();
  await page.getByTestId('vol-organiser').waitFor();
  await page.getByTestId('vol-live-in').click();
  await page.getByTestId('live-qr').waitFor();
  const digits = await readSpokenCode(page);
  await shot(page, 'e2e-volunteer-spoken-1-organiser.png');

  // 李建国 opens the activity: a number pad under 扫码签到, no text field for it, big keys.
  await openActivity(page, /李建国/, MEMBER);
  const pad = await expectNumberPad(page);

  // A wrong code is refused with the server's reason and the tries left; ⌫ clears it.
  await tapDigits(page, wrongCode(digits));
  await page.getByTestId('spoken-submit').click();
  const refused = pad.getByTestId('vol-outcome');
  await refused.getByText('签到码不正确', { exact: false }).waitFor();
  await refused.getByText('还可再试4次', { exact: false }).waitFor();
  for (let i = 0; i < 6; i++) await page.getByTestId('spoken-key-back').click();

  await tapDigits(page, digits);
  expect(await page.getByTestId('spoken-display').getAttribute('data-typed')).toBe(digits);
  await page.getByTestId('spoken-submit').click();
  await page.getByTestId('vol-outcome').getByText('签到成功').waitFor();
  await page.getByTestId('vol-my-state').getByText('已签到', { exact: true }).waitFor();
  await shot(page, 'e2e-volunteer-spoken-2-checked-in.png');

  // What the server recorded: checked in.
  const roster = (await act(e2e.app, 'demo-admin', 'volunteer', 'roster', { activityId: activity.id })) as {
    entries: Array<{ userName: string; state: string }>;
  };
  expect(roster.entries.find((e) => e.userName === '李建国')?.state).toBe('checked_in');
  await context.close();
});
