import { NextResponse, type NextRequest } from "next/server";
import { findNodes, treeJson } from "@/lib/graphite/find";
import { graphiteParams } from "@/lib/graphite/params";
import { badRequest } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /metrics/find?query=auth.* — Graphite metric tree nodes (treejson), what Grafana's query editor browses
export const GET = apiRoute(async (req: NextRequest) => {
  const params = await graphiteParams(req);
  const format = params.get("format") ?? "treejson";
  if (format !== "treejson") throw badRequest(`format=${format} is not served: deploylines answers format=treejson`);
  const query = params.get("query");
  if (query === null) throw badRequest("Missing required parameter 'query'", [{ where: "query", message: "missing" }]);
  const nodes = await findNodes(await getStore(), query);
  return NextResponse.json(treeJson(query, nodes, params.get("wildcards") === "1"), { headers: { "cache-control": "no-cache" } });
});

// POST /metrics/find — the same, form-encoded
export const POST = GET;
