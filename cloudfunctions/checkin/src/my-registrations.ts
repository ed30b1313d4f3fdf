/**
 * checkin.myRegistrations — the caller's own registrations in every community, newest first,
 * closed ones included (the history remains). Invariants: needs an identity; a caller without
 * a profile has none; the caller sees their own name and household in full; an approved
 * registration whose member role was revoked shows as `ended`. Writes nothing.
 */
import type { MyRegistrationsResult } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { RegistrationDoc } from '../../_shared/documents';
import { withEndedDerived } from './registrations';
import { toRegistration } from './to-registration';
import { Collections } from '../../_shared/collections';

/** A person registers with few communities; this bounds a pathological history. */
const MAX = 100;

export async function myRegistrations({ ctx }: { ctx: Ctx }): Promise<MyRegistrationsResult> {
  const actor = await loadActor(ctx);
  if (!actor.user) return { items: [] };
  const res = await ctx.db
    .collection(Collections.registrations)
    .where({ userId: actor.user._id })
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(MAX)
    .get();
  const docs = await withEndedDerived(ctx, res.data as RegistrationDoc[]);
  return { items: docs.map((doc) => toRegistration(doc, actor)) };
}
