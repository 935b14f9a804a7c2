import * as z from 'zod/mini';
import { ROLES } from '../principal.js';

/** The bodies of `POST /users` and `PATCH /users/{username}` (their rules: shared/accounts/rules.ts). */
export const accountInputSchema = z.strictObject({
  username: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  role: z.enum(ROLES),
  villageCode: z.optional(z.string()),
  districtCode: z.optional(z.string()),
});
export type AccountInput = z.infer<typeof accountInputSchema>;

/** A move (role, village or kecamatan) and/or enabling or disabling; `null` takes a scope away. */
export const accountChangeSchema = z.strictObject({
  role: z.optional(z.enum(ROLES)),
  villageCode: z.optional(z.nullable(z.string())),
  districtCode: z.optional(z.nullable(z.string())),
  enabled: z.optional(z.boolean()),
});
export type AccountChange = z.infer<typeof accountChangeSchema>;
