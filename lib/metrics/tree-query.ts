import "server-only";
import { z } from "zod";
import type { Store } from "@/lib/store/types";
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
export async function metricTreePage(store: Store, query: TreeQuery): Promise<TreePage> {
  const beneath = await store.listMetrics(query.prefix ? { prefix: `${query.prefix}.` } : {});
  const names = searchNames(beneath, query.q).map((m) => m.name);
  return treeLevel(names, query.prefix, query.offset, query.limit);
}
