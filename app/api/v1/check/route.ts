import { parseQuery } from "@/lib/http/handler";
import { checkRoute } from "@/lib/nagios/check-route";
import { metricCheckQuerySchema } from "@/lib/nagios/query-schema";
import { runMetricCheck } from "@/lib/nagios/run-check";
import { getStore } from "@/lib/store";

// GET /api/v1/check?metric=&agg=avg&window=5m&warning=&critical=&label=&maxAge= — a metric as a Nagios plugin line
export const GET = checkRoute(async (req) => runMetricCheck(await getStore(), parseQuery(req, metricCheckQuerySchema)));
