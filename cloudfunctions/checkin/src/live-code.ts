/**
 * checkin.liveCode — the organiser's (or an admin's) current signed QR code for an event.
 * Invariants: the community is read from the stored event; the organiser only while they still
 * hold an organising role there (`event.not-manager` after, the admins manage it); only for an event that is not
 * cancelled, from 10 minutes before check-in opens until the event ends (PRECONDITION_FAILED
 * otherwise); the code is signed with the event's own secret for the current 30-second slot
 * (`signCode`) and is accepted in that slot and the next, so `expiresAt` ≤ 60 s from now; beside
 * it the event's 6-digit spoken code of the current 2-minute window (spoken-code.ts), to be read
 * aloud and typed on the event's page.
 * Writes nothing.
 */
import type { LiveCode, LiveCodeInput } from '../../../types/checkin';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { signCode } from '../../_shared/qr';
import { liveCodeReply } from '../../_shared/spoken-code';
import { loadEvent, requireLiveCodeWindow } from './events';
import { requireEventManager } from './permissions';
import { currentSpokenCode } from './spoken-code';

export async function liveCode({ ctx, input }: { ctx: Ctx; input: LiveCodeInput }): Promise<LiveCode> {
  const actor = await loadActor(ctx);
  const event = await loadEvent(ctx, input.eventId);
  requireEventManager(actor, event);
  const now = ctx.now();
  requireLiveCodeWindow(event, now);
  const signed = signCode(event.qrSecret, 'event', event._id, now);
  return liveCodeReply(signed, currentSpokenCode(event.qrSecret, event._id, now));
}
