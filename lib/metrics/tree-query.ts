import "server-only";
import { z } from "zod";
import { badRequest } from "@/lib/http/api-error";
import type { MetricsSource } from "@/lib/metrics-source/types";
import { scanMetricNames } from "./scan-names";
import { searchNames } from "./search";
import { treeLevel, type TreePage } from "./tree-page";

export const treeQuerySchema = z.object({
  /** The branch to list the children of; empty for the top level. */
  prefix: z.string().max(500).default(""),
  /** The metrics browser's search (text or glob): only branches with matching metrics. */
  q: z.string().max(500).default(""),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type TreeQuery = z.infer<typeof treeQuerySchema>;

/** One page of the name tree's branches under a prefix, reading only the names beneath it. */
export async function metricTreePage(source: Pick<MetricsSource, "listNames">, query: TreeQuery): Promise<TreePage> {
  const beneath: { name: string }[] = [];
  for await (const name of scanMetricNames(source, query.prefix ? `${query.prefix}.` : "")) beneath.push({ name });
  const { matches, problem } = searchNames(beneath, query.q);
  if (problem) throw badRequest(problem, [{ where: "q", message: problem }]);
  return treeLevel(matches.map((m) => m.name), query.prefix, query.offset, query.limit);
}
