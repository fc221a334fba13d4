import { NextResponse, type NextRequest } from "next/server";
import { findNodes } from "@/lib/graphite/find";
import { graphiteParams } from "@/lib/graphite/params";
import { badRequest } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /metrics/expand?query=auth.*&leavesOnly=1&groupByExpr=1 — the paths a query expands to, as graphite-web answers
export const GET = apiRoute(async (req: NextRequest) => {
  const params = await graphiteParams(req);
  const queries = params.getAll("query");
  if (queries.length === 0) throw badRequest("Missing required parameter 'query'", [{ where: "query", message: "missing" }]);
  if (queries.length > 32) throw badRequest("at most 32 queries");
  const leavesOnly = params.get("leavesOnly") === "1";
  const store = await getStore();
  const byQuery: Record<string, string[]> = {};
  for (const query of queries) byQuery[query] = (await findNodes(store, query)).filter((n) => n.leaf || !leavesOnly).map((n) => n.path);
  const results = params.get("groupByExpr") === "1" ? byQuery : [...new Set(Object.values(byQuery).flat())].sort();
  return NextResponse.json({ results }, { headers: { "cache-control": "no-cache" } });
});
