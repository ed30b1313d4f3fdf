/**
 * The event's side of the shared guess limit (_shared/guess-limit.ts, docs/adr/0036): the
 * per-event counter `event:<eventId>` and its limit. The person's counter is shared with
 * volunteer activities: five wrong codes per person per 10 minutes, wherever typed.
 */
import { SUBJECT_GUESS_LIMIT } from '../../_shared/guess-limit';

/** Wrong codes everyone together may type for one event in a window. */
export const EVENT_GUESS_LIMIT = SUBJECT_GUESS_LIMIT;
export const eventCounterId = (eventId: string) => `event:${eventId}`;
