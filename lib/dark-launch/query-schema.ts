import { z } from "zod";
import { timeSchema } from "@/lib/time/time-schema";

// GET /api/v1/dark-launches/{service}: without from/to the summary covers the readiness window.
export const darkLaunchQuerySchema = z
  .object({
    from: timeSchema.optional(),
    to: timeSchema.optional(),
    buckets: z.coerce.number().int().min(1).max(500).default(96),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: "from must be before to", path: ["from"] });

export type DarkLaunchQuery = z.infer<typeof darkLaunchQuerySchema>;
