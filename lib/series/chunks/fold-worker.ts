// A worker thread's side of parallel-fold.ts: folds the mantissa streams it is sent.
import { parentPort } from "node:worker_threads";
import { serveRequests } from "@/lib/workers/serve-requests";
import { foldStreams, type MantissaStreams } from "./mantissa-fold";

serveRequests(parentPort!, (streams: MantissaStreams) => foldStreams(streams), (folded) => [folded.buffer as ArrayBuffer]);
