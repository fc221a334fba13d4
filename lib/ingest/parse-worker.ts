// A worker thread's side of parse-off-thread.ts: parses the ingest bodies it is sent.
import { parentPort } from "node:worker_threads";
import { serveRequests } from "@/lib/workers/serve-requests";
import { packedBuffers, parsePacked } from "./packed-batch";
import { WARM_UP_ROUNDS, warmUpBody } from "./warm-up";

serveRequests(parentPort!, parsePacked, packedBuffers);
// Before the first request is taken (it waits the few ms): see warmUpBody.
for (let round = 0; round < WARM_UP_ROUNDS; round++) parsePacked({ contentType: "application/json", body: warmUpBody(round) });
