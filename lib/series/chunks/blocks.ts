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
    const count = Math.min(CHUNK_MAX_POINTS, points.length - at);
    const ts = new Float64Array(count);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      ts[i] = points[at + i][0];
      values[i] = points[at + i][1];
    }
    chunks.push({ startTs: ts[0], endTs: ts[count - 1], count, data: encodeChunk(ts, values) });
  }
  return chunks;
}

/**
 * Merges point lists, each ascending with distinct timestamps, into one: on a timestamp present
 * in several, the list given later wins (last write wins, as in Graphite).
 */
export function mergeNewestLast(lists: readonly (readonly Point[])[]): readonly Point[] {
  return lists.reduce<readonly Point[]>((older, newer) => mergeTwo(older, newer), []);
}

/** Two ascending lists merged in one pass, `newer` winning a repeated timestamp; a list after the other is appended. */
function mergeTwo(older: readonly Point[], newer: readonly Point[]): readonly Point[] {
  if (newer.length === 0) return older;
  if (older.length === 0) return newer;
  if (older[older.length - 1][0] < newer[0][0]) return older.concat(newer);
  const out: Point[] = [];
  let i = 0;
  let j = 0;
  while (i < older.length && j < newer.length) {
    const a = older[i][0];
    const b = newer[j][0];
    if (a < b) out.push(older[i++]);
    else {
      if (a === b) i++;
      out.push(newer[j++]);
    }
  }
  while (i < older.length) out.push(older[i++]);
  while (j < newer.length) out.push(newer[j++]);
  return out;
}
