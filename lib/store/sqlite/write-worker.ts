// A worker thread's side of write-off-thread.ts: writes the batches it is sent, each in one
// transaction on its own connection to the database file, so that a large batch does not hold
// the event loop of the process' HTTP server. The store's write lock keeps one write at a time
// in flight, so no two transactions here overlap (opening the file ahead, at start-up, takes no
// write lock: it starts no transaction).
import { parentPort } from "node:worker_threads";
import { answeredBatch, parsePacked } from "@/lib/ingest/packed-batch";
import { WARM_UP_ROUNDS, warmUpBody } from "@/lib/ingest/warm-up";
import { serveRequests } from "@/lib/workers/serve-requests";
import { SeriesLimitError } from "../series-limit";
import { inTransaction, migrateConnection, openConnection, seriesConnection, type SeriesConnection } from "./connection";
import { writeBatch } from "./write-batch";
import type { WriteAnswer, WriteRequest } from "./write-off-thread";

const connections = new Map<string, SeriesConnection>();

async function serve(request: WriteRequest): Promise<WriteAnswer> {
  if ("close" in request) {
    connections.get(request.close)?.sqlite.close();
    connections.delete(request.close);
    return { closed: true };
  }
  if ("open" in request) {
    connectionTo(request.open);
    await warmUp();
    return { opened: true };
  }
  const { file, batch, minuteCutoff, maxSeries } = request.write;
  const conn = connectionTo(file);
  try {
    return { written: await inTransaction(conn.sqlite, () => writeBatch(conn, batch, minuteCutoff, maxSeries)) };
  } catch (error) {
    if (SeriesLimitError.is(error)) return { seriesLimit: { limit: error.limit, wouldBe: error.wouldBe } };
    throw error;
  }
}

function connectionTo(file: string): SeriesConnection {
  let connection = connections.get(file);
  if (!connection) {
    // The store's own connection has applied the migrations before its first write.
    connection = seriesConnection(openConnection(file));
    connections.set(file, connection);
  }
  return connection;
}

/**
 * Writes synthetic batches (see warmUpBody) into a database in memory, never the file: the write
 * path runs optimized from the first real batch. Asked at start-up, with the file opened ahead; a
 * failure here costs only the warm-up.
 */
async function warmUp(): Promise<void> {
  const memory = openConnection(":memory:");
  try {
    migrateConnection(memory);
    const conn = seriesConnection(memory);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      const batch = answeredBatch(parsePacked({ contentType: "application/json", body: warmUpBody(round) }));
      await inTransaction(memory, () => writeBatch(conn, batch, 0, Number.POSITIVE_INFINITY));
    }
  } catch (error) {
    console.error("[deploylines] the SQLite write worker's warm-up failed (batches are written as ever):", error);
  } finally {
    memory.close();
  }
}

serveRequests(parentPort!, serve);
