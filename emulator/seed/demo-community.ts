/**
 * The demo community `npm start` seeds into an empty data directory, written through the real
 * SDK like any function would. Idempotent: documents have fixed ids, so seeding twice is an
 * error-free no-op (set, not add).
 */
import * as tcb from '@cloudbase/node-sdk';

export interface DemoPerson {
  id: string;
  openid: string;
  name: string;
  title: string;
  phone: string;
}

/** The people of the demo, in the order the persona switcher lists them. */
export const demoPeople: DemoPerson[] = [
  { id: 'user-admin', openid: 'demo-admin', name: '王红梅', title: '社区书记', phone: '13800000001' },
  { id: 'user-leader', openid: 'demo-leader', name: '陈志强', title: '楼栋党小组长', phone: '13800000002' },
  { id: 'user-member', openid: 'demo-member', name: '李建国', title: '在职党员', phone: '13800000003' },
  { id: 'user-resident', openid: 'demo-resident', name: '张秀英', title: '居民', phone: '13800000004' },
  { id: 'user-liaison', openid: 'demo-liaison', name: '刘芳', title: '报到单位联络员', phone: '13800000005' },
];

export async function seedDemoCommunity(envId: string, now: Date = new Date()): Promise<{ users: number }> {
  const db = tcb.init({ env: envId }).database();
  let order = 0;
  for (const person of demoPeople) {
    await db.collection('users').doc(person.id).set({
      openid: person.openid,
      name: person.name,
      title: person.title,
      phone: person.phone,
      avatarUrl: null,
      personaOrder: order++,
      createdAt: now,
    });
  }
  return { users: demoPeople.length };
}
