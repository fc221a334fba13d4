import { z } from "zod";
import { nameSchema } from "./schema";

export const gateQuerySchema = z.object({
  service: nameSchema,
  version: z.string().min(1).max(100),
  environment: nameSchema,
});

export type GateQuery = z.infer<typeof gateQuerySchema>;
