import { encodeChunk } from "./codec";
import { sliceColumns, type Columns } from "./columns";

/**
 * Raw points are sealed into compressed chunks per series per 2-hour block, as Prometheus cuts
 * its head: long enough that a 10-s series packs 720 points a chunk (the per-row key and header
 * then cost well under 0.1 byte a point), short enough that the open block kept as plain rows
 * stays small and a late point rewrites little.
 */
export const BLOCK_MS = 2 * 3_600_000;

/** A block of a very dense series is cut into several chunks, so that no chunk is huge to rewrite or decode. */
export const CHUNK_MAX_POINTS = 8_192;

export function blockStart(ts: number): number {
  return Math.floor(ts / BLOCK_MS) * BLOCK_MS;
}

/** One stored chunk: its first and last timestamps, point count and encoded points. */
export interface EncodedChunk {
  startTs: number;
  endTs: number;
  count: number;
  data: Uint8Array;
}

/** Whether a block's chunks are no more than encodeBlock cuts its points into (else sealing packs them into fewer). */
export function packedAsCut(chunks: number, points: number): boolean {
  return chunks <= Math.ceil(points / CHUNK_MAX_POINTS);
}

/** Encodes one block's points (ascending, distinct timestamps) into chunks of at most CHUNK_MAX_POINTS. */
export function encodeBlock(points: Columns): EncodedChunk[] {
  const chunks: EncodedChunk[] = [];
  const count = points.ts.length;
  for (let at = 0; at < count; at += CHUNK_MAX_POINTS) {
    const { ts, values } = sliceColumns(points, at, Math.min(at + CHUNK_MAX_POINTS, count));
    chunks.push({ startTs: ts[0], endTs: ts[ts.length - 1], count: ts.length, data: encodeChunk(ts, values) });
  }
  return chunks;
}
