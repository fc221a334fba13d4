// A worker thread's side of write-off-thread.ts: writes the batches it is sent, each in one
// transaction on its own connection to the database file, so that a large batch does not hold
// the event loop of the process' HTTP server. The store's write lock keeps one write at a time
// in flight, so no two transactions here overlap (opening the file ahead, at start-up, takes no
// write lock: it starts no transaction).
import { parentPort } from "node:worker_threads";
import { serveRequests } from "@/lib/workers/serve-requests";
import { SeriesLimitError } from "../series-limit";
import { inTransaction, openConnection, seriesConnection, type SeriesConnection } from "./connection";
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

serveRequests(parentPort!, serve);
