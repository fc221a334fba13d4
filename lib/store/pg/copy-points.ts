import "server-only";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Columns } from "@/lib/series/chunks/columns";

// PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"):
// a signature, flags and a header-extension length, then per row a field count and each field
// as its length and its bytes in network order, then -1.
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const ROW_BYTES = 2 + (4 + 4) + (4 + 8) + (4 + 8);

/** Head rows of one series known to be new: points after everything the series held. */
export interface NewHeadRows {
  metricId: number;
  points: Columns;
}

/**
 * Appends points rows (metric id, ts, value) with a binary COPY: about a third of the cost of
 * INSERT … SELECT unnest(…) of text arrays, on both sides of the connection. COPY cannot resolve a
 * conflict, so only rows known to be new go this way — points after everything the series held,
 * read under its row lock. The rows are written from the columns straight into the COPY buffer.
 */
export async function copyPoints(client: pg.PoolClient, series: readonly NewHeadRows[]): Promise<void> {
  const rows = series.reduce((n, s) => n + s.points.ts.length, 0);
  if (rows === 0) return;
  const buffer = Buffer.alloc(SIGNATURE.length + 8 + rows * ROW_BYTES + 2);
  let at = SIGNATURE.copy(buffer, 0);
  at = buffer.writeInt32BE(0, at);
  at = buffer.writeInt32BE(0, at);
  for (const { metricId, points } of series) {
    const { ts, values } = points;
    for (let i = 0; i < ts.length; i++) {
      at = buffer.writeInt16BE(3, at);
      at = buffer.writeInt32BE(4, at);
      at = buffer.writeInt32BE(metricId, at);
      at = buffer.writeInt32BE(8, at);
      // An int8 without BigInt: epoch ms fit in 53 bits, split into the high and low 32.
      at = buffer.writeInt32BE(Math.floor(ts[i] / 2 ** 32), at);
      at = buffer.writeUInt32BE(ts[i] >>> 0, at);
      at = buffer.writeInt32BE(8, at);
      at = buffer.writeDoubleBE(values[i], at);
    }
  }
  buffer.writeInt16BE(-1, at);
  await pipeline(Readable.from([buffer]), client.query(copyFrom("COPY points (metric_id, ts, value) FROM STDIN (FORMAT binary)")));
}
