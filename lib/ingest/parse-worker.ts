// A worker thread's side of parse-off-thread.ts: parses the ingest bodies it is sent.
import { parentPort } from "node:worker_threads";
import { serveRequests } from "@/lib/workers/serve-requests";
import { packedBuffers, parsePacked } from "./packed-batch";

serveRequests(parentPort!, parsePacked, packedBuffers);
