import { z } from "zod";
import { deploymentFilterSchema } from "./schema";

export const HISTORY_PAGE_SIZE = 50;

/** The deploy history page's URL: filters plus a 1-based page; empty values mean "any". */
export const historyQuerySchema = z.object({
  service: z.preprocess(emptyToUndefined, deploymentFilterSchema.shape.service),
  environment: z.preprocess(emptyToUndefined, deploymentFilterSchema.shape.environment),
  status: z.preprocess(emptyToUndefined, deploymentFilterSchema.shape.status),
  kind: z.preprocess(emptyToUndefined, deploymentFilterSchema.shape.kind),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
});

export type HistoryQuery = z.infer<typeof historyQuerySchema>;

function emptyToUndefined(value: unknown) {
  return value === "" ? undefined : value;
}
