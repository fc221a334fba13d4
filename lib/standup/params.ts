import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { parseDuration } from "@/lib/time/parse-duration";

const DEFAULT_ROTATE_MS = 30_000;

/**
 * The standup screen's URL: `?services=a,b` (default every service) and `?rotate=30s`
 * (at least 3 s). A TV has no one to read an error, so a bad value falls back to the default.
 */
export const standupParamsSchema = z.object({
  services: z
    .string()
    .optional()
    .transform((raw) => (raw ?? "").split(",").map((s) => s.trim()).filter((s) => nameSchema.safeParse(s).success))
    .catch([]),
  rotate: z
    .string()
    .optional()
    .transform((raw) => {
      const ms = raw ? parseDuration(raw) : null;
      return ms !== null && ms >= 3_000 ? ms : DEFAULT_ROTATE_MS;
    })
    .catch(DEFAULT_ROTATE_MS),
});

export type StandupParams = z.infer<typeof standupParamsSchema>;
