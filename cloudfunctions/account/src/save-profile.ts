/**
 * account.saveProfile — creates the caller's profile on a first visit, or updates name, phone
 * and avatar, and 政治面貌 (Party member or not; absent leaves it unchanged). Invariants: one user per OPENID even when two first calls race — a new user's
 * `_id` is derived from the OPENID, so the second insert collides and becomes an update; the
 * caller sees their own phone in full. Changes only the caller's own data (not audited).
 */
import { createHash } from 'node:crypto';
import type { Profile, SaveProfileInput } from '../../../types/account';
import { loadActor, type Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';

/** The deterministic id of the user created for an OPENID. */
export function userIdFor(openid: string): string {
  return `user-${createHash('sha256').update(openid).digest('hex').slice(0, 16)}`;
}

export async function saveProfile({ ctx, input }: { ctx: Ctx; input: SaveProfileInput }): Promise<Profile> {
  const actor = await loadActor(ctx);
  const fields: Pick<UserDoc, 'name' | 'phone' | 'avatarUrl' | 'partyMember' | 'updatedAt'> = {
    name: input.name,
    phone: input.phone,
    avatarUrl: input.avatarUrl,
    ...(input.partyMember === undefined ? {} : { partyMember: input.partyMember }),
    updatedAt: ctx.now(),
  };
  let id = actor.user?._id;
  if (!id) {
    id = userIdFor(actor.openid);
    const doc: UserDoc = { _id: id, openid: actor.openid, ...fields, createdAt: fields.updatedAt };
    try {
      await ctx.db.collection(Collections.users).add(doc);
      return toProfile(doc, actor);
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      // A concurrent first call created the user: fall through and update it.
    }
  }
  await ctx.db.collection(Collections.users).doc(id).update(fields);
  return toProfile({ _id: id, ...fields, partyMember: fields.partyMember ?? actor.user?.partyMember }, actor);
}

function toProfile(user: Pick<UserDoc, '_id' | 'name' | 'phone' | 'avatarUrl' | 'partyMember'>, actor: Actor): Profile {
  return {
    id: user._id,
    name: user.name,
    phone: user.phone,
    avatarUrl: user.avatarUrl,
    partyMember: user.partyMember === true || actor.has('member'),
  };
}
