import { z } from "zod";
import { timeSchema } from "@/lib/time/time-schema";
import { deploymentStatusSchema } from "./schema";

/** The optional body of `POST /api/v1/deployments/{id}/rollback`. */
export const rollbackRequestSchema = z
  .object({
    version: z.string().min(1).max(100),
    reason: z.string().max(2000),
    author: z.string().max(200),
    startedAt: timeSchema,
    finishedAt: timeSchema.nullable(),
    status: deploymentStatusSchema,
  })
  .partial();

export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;
