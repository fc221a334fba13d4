import { z } from "zod";
import { requireWriter } from "@/lib/auth/require-writer";
import { badRequest } from "@/lib/http/api-error";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { parseLineProtocol, PRECISIONS, type Precision } from "@/lib/ingest/influx/line-protocol";
import { acceptIngest, storeBatch } from "@/lib/ingest/ingest-request";

const writeQuery = z.object({
  precision: z.enum(Object.keys(PRECISIONS) as [Precision, ...Precision[]]).default("ns"),
  // Which InfluxDB bucket and org the client means: accepted and ignored, one store holds everything.
  bucket: z.string().max(256).optional(),
  org: z.string().max(256).optional(),
});

// POST /api/v2/write?precision=ns|us|ms|s — InfluxDB line protocol (Telegraf, Influx clients; Authorization: Token <token>), all or nothing; 204 as InfluxDB answers
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const { precision } = parseQuery(req, writeQuery);
  return acceptIngest(req, async (body, store) => {
    await storeBatch(store, "influx", () => {
      const { batch, problems } = parseLineProtocol(body.toString("utf8"), { precision, now: Date.now() });
      if (problems.length > 0) throw badRequest("invalid line protocol; nothing was stored", problems);
      if (batch.series.length === 0) throw badRequest("no points in the body", [{ where: "body", message: "send measurement[,tag=v] field=value [timestamp] lines" }]);
      return batch;
    });
    return new Response(null, { status: 204 });
  });
});
