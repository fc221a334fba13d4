import { z } from "zod";
import { requireWriter } from "@/lib/auth/require-writer";
import { badRequest } from "@/lib/http/api-error";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { acceptedResponse, acceptIngest, storeBatch } from "@/lib/ingest/ingest-request";
import { parseExposition } from "@/lib/ingest/prometheus/exposition";
import { parseExtraLabels } from "@/lib/ingest/prometheus/extra-labels";

const importQuery = z.object({
  job: z.string().max(1024).optional(),
  instance: z.string().max(1024).optional(),
});

// POST /api/v1/import/prometheus?job=&instance=&extra_label=k=v — Prometheus exposition text or OpenMetrics, as a /metrics page serves it (all or nothing)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const { job, instance } = parseQuery(req, importQuery);
  // Repeatable, so read with getAll (the query schema sees one value per name).
  const extraLabels = { ...parseExtraLabels(req.nextUrl.searchParams.getAll("extra_label")), ...(job ? { job } : {}), ...(instance ? { instance } : {}) };
  return acceptIngest(req, async (body, store) => {
    const result = await storeBatch(store, "prometheus_text", () => {
      const { batch, problems } = parseExposition(body.toString("utf8"), { now: Date.now(), extraLabels });
      if (problems.length > 0) throw badRequest("invalid exposition text; nothing was stored", problems.slice(0, 100));
      if (batch.series.length === 0) throw badRequest("no samples in the body", [{ where: "body", message: "send Prometheus exposition text (name{labels} value [timestamp] lines)" }]);
      return batch;
    });
    return acceptedResponse(result);
  });
});
