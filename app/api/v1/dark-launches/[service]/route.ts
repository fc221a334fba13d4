import { NextResponse } from "next/server";
import { darkLaunchQuerySchema } from "@/lib/dark-launch/query-schema";
import { darkLaunchReport } from "@/lib/dark-launch/report";
import { readsSampleDetails, redactMismatch } from "@/lib/dark-launch/sample-access";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { parseName } from "@/lib/http/parse-name";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// GET /api/v1/dark-launches/{service}?from=&to=&buckets= — summary, timeline, mismatches (paths and diff values only with a token or session) and readiness
export const GET = apiRoute<Ctx>(async (req, { params }) => {
  const service = parseName((await params).service);
  const query = parseQuery(req, darkLaunchQuerySchema);
  const report = await darkLaunchReport(await getStore(), service, query);
  if (!report) throw notFound(`no dark launch for ${service}: report samples with \`deploylines shadow --service ${service} …\``);
  if (await readsSampleDetails(req)) return NextResponse.json(report);
  return NextResponse.json({ ...report, recentMismatches: report.recentMismatches.map(redactMismatch), redacted: true });
});
