import { NextResponse } from "next/server";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { seriesQuerySchema } from "@/lib/series/query-schema";
import { noMatchHint } from "@/lib/metrics/no-match-hint";
import { getMetricsSource } from "@/lib/metrics-source";

// GET /api/v1/series?metric=&from=&to=&maxPoints= — downsampled points of one metric or a glob
export const GET = apiRoute(async (req) => {
  const query = parseQuery(req, seriesQuerySchema);
  const started = performance.now();
  const source = await getMetricsSource();
  const result = await source.readSeries(query);
  // The metrics source's share of the request, so the benchmark (and browser dev tools) can tell it from transport.
  const headers = { "server-timing": `store;dur=${(performance.now() - started).toFixed(2)}` };
  const hint = result.series.length === 0 ? { hint: await noMatchHint(source, query.metric) } : {};
  return NextResponse.json({ from: query.from, to: query.to, ...result, ...hint }, { headers });
});
