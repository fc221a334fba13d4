import type { Point } from "@/lib/store/types";
import { encodeChunk } from "./codec";

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

/** Encodes one block's points (ascending, distinct timestamps) into chunks of at most CHUNK_MAX_POINTS. */
export function encodeBlock(points: readonly Point[]): EncodedChunk[] {
  const chunks: EncodedChunk[] = [];
  for (let at = 0; at < points.length; at += CHUNK_MAX_POINTS) {
    const part = points.slice(at, at + CHUNK_MAX_POINTS);
    chunks.push({
      startTs: part[0][0],
      endTs: part[part.length - 1][0],
      count: part.length,
      data: encodeChunk(part.map((p) => p[0]), part.map((p) => p[1])),
    });
  }
  return chunks;
}

/**
 * Merges point lists, each ascending with distinct timestamps, into one: on a timestamp present
 * in several, the list given later wins (last write wins, as in Graphite).
 */
export function mergeNewestLast(lists: readonly (readonly Point[])[]): readonly Point[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return nonEmpty[0];
  const byTs = new Map<number, Point>();
  for (const list of nonEmpty) for (const p of list) byTs.set(p[0], p);
  return [...byTs.values()].sort((a, b) => a[0] - b[0]);
}
