import { parseQuery } from "@/lib/http/handler";
import { checkRoute } from "@/lib/nagios/check-route";
import { driftCheckQuerySchema } from "@/lib/nagios/query-schema";
import { runDriftCheck } from "@/lib/nagios/run-check";
import { getStore } from "@/lib/store";

// GET /api/v1/check/drift?service=&environment=prod — version drift (reported ≠ last recorded deploy) as a Nagios plugin line
export const GET = checkRoute(async (req) => runDriftCheck(await getStore(), parseQuery(req, driftCheckQuerySchema)));
