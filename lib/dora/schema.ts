import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { timeSchema } from "@/lib/time/time-schema";

export const doraQuerySchema = z
  .object({
    service: nameSchema,
    /** Default: the last (production-most) environment. */
    environment: nameSchema.optional(),
    from: timeSchema.prefault("-30d"),
    to: timeSchema.prefault("now"),
    /** A failure restored within this many minutes is not counted as a change failure. */
    minFailureMinutes: z.coerce.number({ error: "minFailureMinutes must be a number of minutes" }).min(0).max(10_080).optional(),
    bucketDays: z.coerce.number({ error: "bucketDays must be a number of days" }).int("bucketDays must be whole days").min(1).max(90).optional(),
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["from"] });

export type DoraQuery = z.infer<typeof doraQuerySchema>;
