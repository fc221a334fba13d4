import "server-only";
import type { Store } from "@/lib/store/types";
import { storeBatch } from "./ingest-request";
import { parseIngestBody } from "./parse-request";
import type { IngestResult } from "./schema";

/** Parses and stores a `POST /api/v1/metrics` body, counting it in the shared ingest stats (source http). */
export async function ingestBody(store: Store, contentType: string | null, body: string): Promise<IngestResult> {
  return storeBatch(store, "http", () => parseIngestBody(contentType, body));
}
