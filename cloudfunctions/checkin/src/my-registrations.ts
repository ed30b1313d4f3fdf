/**
 * checkin.myRegistrations — the caller's own registrations in every community, newest first,
 * closed ones included (the history remains). Invariants: needs an identity; a caller without
 * a profile has none; the caller sees their own name and household in full; an approved
 * registration whose member role was revoked shows as `ended` (from the caller's roles, which
 * their read joins). Writes only what a decision still owes: the applicant's message of an
 * approval with points is owed on the registration (decide-registration.ts), and this read —
 * the applicant's own — delivers it (one owing registration per read; _shared/outbox.ts).
 * Requests: the caller with their roles, their registrations — 2; 4 when one owes its message.
 */
import type { MyRegistrationsResult } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { RegistrationDoc } from '../../_shared/documents';
import { deliver, owes } from '../../_shared/outbox';
import { withEndedFromRoles } from './registrations';
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
  const found = res.data as RegistrationDoc[];
  // A person has at most one decision owed at a time in practice; a second waits for the next read.
  const owing = found.find((doc) => owes(doc));
  if (owing) await deliver(ctx, Collections.registrations, owing, 'whole');
  const docs = withEndedFromRoles(found, actor.roles, ctx.now());
  return { items: docs.map((doc) => toRegistration(doc, actor)) };
}
