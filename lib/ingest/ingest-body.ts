import "server-only";
import type { Store } from "@/lib/store/types";
import { storeBatch } from "./ingest-request";
import { parseIngestBodyOffThread } from "./parse-off-thread";
import type { IngestResult } from "./schema";

/** Parses (a large body on the parse worker) and stores a `POST /api/v1/metrics` body, counting it in the shared ingest stats (source http). */
export async function ingestBody(store: Store, contentType: string | null, body: Buffer): Promise<IngestResult> {
  return storeBatch(store, "http", () => parseIngestBodyOffThread(contentType, body));
}
