/**
 * The `account` area: who the caller is. Identity always comes from the cloud context
 * (the WeChat OPENID of the call), never from the request body.
 */
import { z } from 'zod';

export const MeInput = z.object({}).strict();
export type MeInput = z.infer<typeof MeInput>;

export const Profile = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked unless the caller is the person themself (then in full). */
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
});
export type Profile = z.infer<typeof Profile>;

export const MeResult = z.object({
  /** false when this WeChat user has no profile yet (first visit). */
  registered: z.boolean(),
  profile: Profile.nullable(),
});
export type MeResult = z.infer<typeof MeResult>;

export const accountActions = {
  me: {
    summary: "Returns the caller's own profile, or registered=false on a first visit.",
    input: MeInput,
    result: MeResult,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'INTERNAL'],
  },
} as const;
