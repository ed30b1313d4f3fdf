/**
 * Helpers for the wish tests: posting and moving wishes through the real function, uploading
 * photos, writing documents directly (back-dating for the scheduler), extra Party members for
 * races, and privacy probes on replies.
 */
import { cstParts, fromCst } from '../../types/time';
import { WishDetail } from '../../types/wish';
import { expectError, expectOk, fullPhonesIn, openidOfRoleHolder } from '../account/helpers';
import { aUser } from '../support/factories';
import { DEMO, demoPersonas, insertPeople, type Fixture } from '../support/fixtures';

export { expectError, expectOk, fullPhonesIn, openidOfRoleHolder };

export const P = demoPersonas;
/** 张秀英, resident of 幸福里小区 1号楼 1-102 (building led by demo-leader). */
export const RESIDENT_PHONE = '13810000006';
export const RESIDENT_ROOM = '1-102';
export const RESIDENT_LABEL = '幸福里小区 · 1号楼 · 1-102';
/** A resident of 和谐家园 1号楼 — outside demo-leader's building. */
export const hxjyResident = openidOfRoleHolder(
  (r) => r.kind === 'resident' && r.buildingId === 'bld-hxjy-1' && r.userId.startsWith('user-r'),
);
/** A Party member who is neither leader nor liaison. */
export const otherMember = openidOfRoleHolder(
  (r) => r.kind === 'member' && r.memberType === 'retired' && r.userId.startsWith('user-r'),
);

const DAY = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD in China time, `days` from today. */
export function cstDay(days: number, from = new Date()): string {
  const p = cstParts(new Date(from.getTime() + days * DAY));
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function startOfCstDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromCst(y, m, d);
}

export const wishInput = (over: Record<string, unknown> = {}) => ({
  communityId: DEMO,
  category: 'elderly',
  title: '需要一个助行器',
  content: '老伴腿脚不便，想借一个助行器用两个月',
  wantedBy: cstDay(10),
  ...over,
});

// The smallest valid PNG (1×1 transparent pixel).
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082',
  'hex',
);

/** Uploads a photo the way the h5 build does; returns its cloud:// file id. */
export async function upload(f: Fixture): Promise<string> {
  const res = await fetch(`${f.server.url}/api/local/upload`, {
    method: 'POST',
    headers: { 'x-file-name': 'photo.png' },
    body: png,
  });
  const body = (await res.json()) as { ok: boolean; data: { fileID: string } };
  if (!body.ok) throw new Error('upload failed');
  return body.data.fileID;
}

type State = 'submitted' | 'published' | 'rejected' | 'claimed' | 'fulfilled' | 'confirmed' | 'withdrawn' | 'expired';

/** Posts a wish as `poster` and walks it to `state` through the real actions; returns its id. */
export async function wishIn(
  f: Fixture,
  state: State,
  opts: { poster?: string; claimer?: string; input?: Record<string, unknown> } = {},
): Promise<string> {
  const poster = opts.poster ?? P.resident;
  const claimer = opts.claimer ?? P.member;
  const ok = async (openid: string, action: string, data: unknown) =>
    expectOk(await f.call(openid, 'wish', action, data), WishDetail);
  const wish = await ok(poster, 'post', wishInput(opts.input));
  const wishId = wish.id;
  if (state === 'submitted') return wishId;
  if (state === 'rejected') {
    await ok(P.admin, 'review', { wishId, decision: 'reject', reason: '内容不够具体' });
    return wishId;
  }
  if (state === 'withdrawn') {
    await ok(poster, 'withdraw', { wishId });
    return wishId;
  }
  if (state === 'expired') {
    await setWish(f, wishId, { wantedByEnd: new Date(Date.now() - DAY) });
    await f.server.functions.fireTimer('wish', 'expire-and-release');
    return wishId;
  }
  await ok(P.admin, 'review', { wishId, decision: 'publish' });
  if (state === 'published') return wishId;
  await ok(claimer, 'claim', { wishId });
  if (state === 'claimed') return wishId;
  await ok(claimer, 'fulfil', { wishId, note: '已经送去助行器并教会使用', photos: [] });
  if (state === 'fulfilled') return wishId;
  await ok(poster, 'confirm', { wishId, rating: 5 });
  return wishId;
}

/** Sets fields of a stored wish directly (bypassing the function), e.g. to back-date it. */
export function setWish(f: Fixture, wishId: string, fields: Record<string, unknown>): Promise<void> {
  f.update('wishes', wishId, fields);
  return Promise.resolve();
}

/** Adds `n` Party members of 幸福里 (users + member roles); returns their openids. */
export function addMembers(f: Fixture, n: number, prefix = 'race'): string[] {
  const users = Array.from({ length: n }, (_, i) =>
    aUser({
      _id: `user-${prefix}-${i}`,
      openid: `${prefix}-member-${i}`,
      name: `党员${prefix}${i}`,
      phone: `1370${String(1000000 + i).padStart(7, '0')}`,
    }),
  );
  return insertPeople(f, users, {
    kind: 'member',
    communityId: DEMO,
    memberType: 'retired',
    scopeLabel: '退休党员',
    grantedBy: 'user-admin',
  });
}

/** Subscription messages in the local outbox. */
export async function outbox(f: Fixture): Promise<Array<{ touser: string; template_id: string; data: any }>> {
  const res = await fetch(`${f.server.url}/api/local/outbox`);
  return ((await res.json()) as { data: Array<{ touser: string; template_id: string; data: any }> }).data;
}

/** Asserts that a list reply leaks nothing private: no phone, room, household id or full name. */
export function expectNoPrivateData(reply: unknown, fullNames: string[] = ['张秀英']): void {
  const json = JSON.stringify(reply);
  expect(fullPhonesIn(reply)).toEqual([]);
  expect(json).not.toMatch(/\d+-\d{3}\b/); // rooms like 1-102
  expect(json).not.toMatch(/hh-/); // household ids
  expect(json).not.toContain('householdLabel');
  for (const name of fullNames) expect(json).not.toContain(name);
}
