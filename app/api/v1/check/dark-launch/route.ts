import { parseQuery } from "@/lib/http/handler";
import { checkRoute } from "@/lib/nagios/check-route";
import { darkLaunchCheckQuerySchema } from "@/lib/nagios/query-schema";
import { runDarkLaunchCheck } from "@/lib/nagios/run-check";
import { getStore } from "@/lib/store";

// GET /api/v1/check/dark-launch?service= — dark-launch readiness as a Nagios plugin line
export const GET = checkRoute(async (req) => runDarkLaunchCheck(await getStore(), parseQuery(req, darkLaunchCheckQuerySchema)));
