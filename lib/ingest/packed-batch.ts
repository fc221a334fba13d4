import type { Transferable } from "node:worker_threads";
import { ApiError } from "@/lib/http/api-error";
import type { Problem } from "@/lib/http/problem";
import { parseIngestBody } from "./parse-request";
import type { IngestBatch, IngestSeries } from "./schema";

/** A body for the parse worker: its bytes (moved, not copied) and how the request declared them. */
export interface ParseRequest {
  contentType: string | null;
  body: Uint8Array;
}

/**
 * A parsed batch as it crosses threads: each series' points as one Float64Array of ts, value,
 * ts, value… (moved, not copied), which a structured clone of a million [ts, value] pairs would
 * cost as much as parsing them again. Or the 400 the body earned.
 */
export type ParseAnswer =
  | { batch: { series: (Omit<IngestSeries, "points"> & { points: Float64Array })[] } }
  | { rejected: { status: number; message: string; problems: Problem[] } };

/** Parses as parseIngestBody does, answering with the packed batch or its 400 (run on the parse worker). */
export function parsePacked({ contentType, body }: ParseRequest): ParseAnswer {
  let batch: IngestBatch;
  try {
    batch = parseIngestBody(contentType, Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch (error) {
    if (!ApiError.is(error)) throw error;
    return { rejected: { status: error.status, message: error.message, problems: error.problems } };
  }
  return {
    batch: {
      series: batch.series.map(({ points, ...series }) => {
        const packed = new Float64Array(points.length * 2);
        for (let i = 0; i < points.length; i++) {
          packed[2 * i] = points[i][0];
          packed[2 * i + 1] = points[i][1];
        }
        return { ...series, points: packed };
      }),
    },
  };
}

/** The buffers a packed answer moves. */
export function packedBuffers(answer: ParseAnswer): Transferable[] {
  return "batch" in answer ? answer.batch.series.map((s) => s.points.buffer as ArrayBuffer) : [];
}

/** The batch (or the ApiError) a packed answer stands for. */
export function unpackAnswer(answer: ParseAnswer): IngestBatch {
  if ("rejected" in answer) throw new ApiError(answer.rejected.status, answer.rejected.message, answer.rejected.problems);
  return {
    series: answer.batch.series.map(({ points, ...series }) => {
      const pairs: [number, number][] = new Array(points.length / 2);
      for (let i = 0; i < pairs.length; i++) pairs[i] = [points[2 * i], points[2 * i + 1]];
      return { ...series, points: pairs };
    }),
  };
}
