import type { Transferable } from "node:worker_threads";
import { ApiError } from "@/lib/http/api-error";
import type { Problem } from "@/lib/http/problem";
import { parsePackedJson } from "./packed-json";
import { isJsonBody, parseIngestBody } from "./parse-request";
import { columnsOf, sliceColumns, type Columns } from "@/lib/series/chunks/columns";
import type { IngestBatch, IngestSeries } from "./schema";

/** A body for the parse worker: its bytes (moved, not copied) and how the request declared them. */
export interface ParseRequest {
  contentType: string | null;
  body: Uint8Array;
}

/**
 * A batch as it crosses threads: every series' points in one Float64Array of ts, value, ts,
 * value… (each series says how many are its own, in order); moved from the parse worker, copied
 * (one memcpy) to the SQLite write worker, since a failed worker leaves it to write here. A structured
 * clone of a million [ts, value] pairs would cost as much as parsing them again, and a buffer a
 * series costs more than the parse for a body of thousands of series.
 */
export type PackedBatch = Omit<IngestBatch, "series"> & { series: (Omit<IngestSeries, "points"> & { count: number })[]; points: Float64Array };

/** What the parse worker answers: the packed batch, or the 400 the body earned. */
export type ParseAnswer = { batch: PackedBatch } | { rejected: { status: number; message: string; problems: Problem[]; headers: Record<string, string> } };

/** A batch as it is handed to a store: pairs, or packed when a worker parsed it. */
export type AnyBatch = IngestBatch | PackedBatch;

export function isPacked(batch: AnyBatch): batch is PackedBatch {
  return "points" in batch;
}

/**
 * Each series' points as columns, in the batch's order: a packed batch's are views of two arrays
 * split from its one (no copy a series), a batch of pairs is copied into columns.
 */
export function seriesColumns(batch: AnyBatch): Columns[] {
  if (!isPacked(batch)) return batch.series.map((s) => columnsOf(s.points));
  const { points } = batch;
  const ts = new Float64Array(points.length / 2);
  const values = new Float64Array(points.length / 2);
  for (let i = 0, at = 0; i < ts.length; i++, at += 2) {
    ts[i] = points[at];
    values[i] = points[at + 1];
  }
  let at = 0;
  return batch.series.map(({ count }) => sliceColumns({ ts, values }, at, (at += count)));
}

/**
 * Parses as parseIngestBody does, answering with the packed batch or its 400 (run on the parse
 * worker). A valid JSON body is read straight into the packed form (packed-json.ts); anything
 * else takes the validating parser, which names its problems.
 */
export function parsePacked({ contentType, body }: ParseRequest): ParseAnswer {
  const packed = isJsonBody(contentType, body) ? parsePackedJson(body) : undefined;
  if (packed) return { batch: packed };
  let batch: IngestBatch;
  try {
    batch = parseIngestBody(contentType, Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch (error) {
    if (!ApiError.is(error)) throw error;
    return { rejected: { status: error.status, message: error.message, problems: error.problems, headers: error.headers } };
  }
  return { batch: packBatch(batch) };
}

/** A batch laid out to cross threads (its points copied into one Float64Array). */
export function packBatch(batch: IngestBatch): PackedBatch {
  const points = new Float64Array(2 * batch.series.reduce((n, s) => n + s.points.length, 0));
  let at = 0;
  for (const s of batch.series) {
    for (let i = 0; i < s.points.length; i++) {
      points[at++] = s.points[i][0];
      points[at++] = s.points[i][1];
    }
  }
  const series = batch.series.map(({ points: own, ...rest }) => ({ ...rest, count: own.length }));
  return { ...batch, series, points };
}

/** The buffer a packed answer moves. */
export function packedBuffers(answer: ParseAnswer): Transferable[] {
  return "batch" in answer ? [answer.batch.points.buffer as ArrayBuffer] : [];
}

/** The packed batch (or the ApiError) an answer stands for. */
export function answeredBatch(answer: ParseAnswer): PackedBatch {
  if ("rejected" in answer) {
    const { status, message, problems, headers } = answer.rejected;
    throw new ApiError(status, message, problems, headers);
  }
  return answer.batch;
}

/** The batch a packed one stands for, its points as [ts, value] pairs again. */
export function unpackBatch({ points, series, ...rest }: PackedBatch): IngestBatch {
  let at = 0;
  return {
    ...rest,
    series: series.map(({ count, ...s }) => {
      const pairs: [number, number][] = new Array(count);
      for (let i = 0; i < count; i++, at += 2) pairs[i] = [points[at], points[at + 1]];
      return { ...s, points: pairs };
    }),
  };
}
