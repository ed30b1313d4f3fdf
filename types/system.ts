/**
 * The `system` area: health and identity checks that prove the whole path
 * (page → function host or CloudBase → SDK → database) works.
 */
import { z } from 'zod';

export const PingInput = z.object({}).strict();
export type PingInput = z.infer<typeof PingInput>;

export const PingResult = z.object({
  pong: z.literal(true),
  /** ISO-8601 time of the server, for clock-skew checks. */
  serverTime: z.string(),
  /** 'local' under the emulator, 'cloud' on CloudBase. */
  runtime: z.enum(['local', 'cloud']),
  /** Milliseconds one database round trip took. */
  databaseMs: z.number(),
});
export type PingResult = z.infer<typeof PingResult>;

export const systemActions = {
  ping: {
    summary: 'Checks that the function and its database answer. Needs no login.',
    input: PingInput,
    result: PingResult,
    refusals: {},
  },
} as const;
