import { parseQuery } from "@/lib/http/handler";
import { checkRoute } from "@/lib/nagios/check-route";
import { deploymentCheckQuerySchema } from "@/lib/nagios/query-schema";
import { runDeploymentCheck } from "@/lib/nagios/run-check";
import { getStore } from "@/lib/store";

// GET /api/v1/check/deployment?service=&environment=prod — health of the latest deploy as a Nagios plugin line
export const GET = checkRoute(async (req) => runDeploymentCheck(await getStore(), parseQuery(req, deploymentCheckQuerySchema)));
