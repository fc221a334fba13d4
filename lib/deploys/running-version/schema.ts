import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";

/** `GET /api/v1/drift`: every reporting service and environment, or those named. */
export const driftQuerySchema = z.object({
  service: nameSchema.optional(),
  environment: nameSchema.optional(),
});
