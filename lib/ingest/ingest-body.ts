import "server-only";
import { ApiError } from "@/lib/http/api-error";
import type { Store } from "@/lib/store/types";
import { parseIngestBody } from "./parse-request";
import type { IngestResult } from "./schema";
import { ingestStats } from "./stats";

/** Parses and stores a `POST /api/v1/metrics` body, counting it in the shared ingest stats (source http). */
export async function ingestBody(store: Store, contentType: string | null, body: string): Promise<IngestResult> {
  const stats = ingestStats();
  let batch;
  try {
    batch = parseIngestBody(contentType, body);
  } catch (error) {
    if (error instanceof ApiError) {
      for (const problem of error.problems.length > 0 ? error.problems : [{ where: "body", message: error.message }]) {
        stats.malformed("http", `${problem.where}: ${problem.message}`);
      }
    }
    throw error;
  }
  try {
    const result = await store.ingest(batch);
    stats.accepted("http", result.points);
    stats.batchWritten("http", result.points);
    return result;
  } catch (error) {
    stats.batchFailed("http", error);
    throw error;
  }
}
