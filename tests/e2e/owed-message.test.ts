/**
 * End to end (the message centre delivers what is owed, ADR 0038): 陈志强, a
 * Party member, registers (报到) and the community's admin approves it with its points. The
 * decision leaves the applicant's message owed on the registration (no request left for it). He
 * never opens 双报到. The badge on 我的 still counts it, and the message centre lists
 * 报到已通过 once. Screenshot: test-results/e2e-owed-message.png.
 */
import { act as actAs, appAndBrowser, openAs, shot } from './support';

jest.setTimeout(600_000);

const e2e = appAndBrowser();
const act = (openid: string, area: string, action: string, data: object) => actAs(e2e.app, openid, area, action, data);

test('an approved 报到 is in the applicant’s message centre without visiting 双报到', async () => {
  const reg = await act('demo-leader', 'checkin', 'registerMember', {
    communityId: 'comm-xingfuli',
    workUnitId: 'wu-hospital',
    householdId: 'hh-xfl-1-201',
    intentions: ['elderly'],
  });
  await act('demo-admin', 'checkin', 'decideRegistration', { registrationId: reg.id, decision: 'approve' });

  const context = await e2e.phone();
  const page = await context.newPage();
  await openAs(page, e2e.app, '/pages/mine/index', /陈志强/, '陈志强（幸福里1号楼党小组长）');
  await page.getByTestId('mine-name').getByText('陈志强').waitFor();
  await page.getByTestId('mine-messages').click();
  const approved = page.getByTestId('message').filter({ hasText: '报到已通过' });
  await approved.first().waitFor();
  expect(await approved.count()).toBe(1);
  await shot(page, 'e2e-owed-message.png');
  await context.close();
});
