// A worker thread's side of parallel-fold.ts: folds the mantissa streams it is sent.
import { parentPort } from "node:worker_threads";
import { foldStreams, type MantissaStreams } from "./mantissa-fold";

parentPort!.on("message", ({ id, streams }: { id: number; streams: MantissaStreams }) => {
  const folded = foldStreams(streams);
  parentPort!.postMessage({ id, folded }, [folded.buffer as ArrayBuffer]);
});
