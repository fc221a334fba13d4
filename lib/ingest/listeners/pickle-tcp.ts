import "server-only";
import { PickleError } from "@/lib/ingest/pickle/decode";
import { pickleDatapoints } from "@/lib/ingest/pickle/datapoints";
import { graphiteBatcher, type TcpListenerOptions } from "./graphite-tcp";
import type { Listener } from "./listen";
import { startTcpServer } from "./tcp-server";

// carbon's MetricPickleReceiver.MAX_LENGTH: its clients never send larger frames.
export const MAX_PICKLE_FRAME = 1024 * 1024;

/**
 * Listens for carbon's pickle protocol on TCP (port 2004 by convention): frames of a 4-byte
 * big-endian length and a pickled list of `(path, (timestamp, value))`, decoded by a bounded
 * decoder that builds no objects (pickle/decode.ts). A frame that does not decode is counted and
 * skipped; a length above 1 MiB closes the connection (the stream cannot be trusted after it).
 */
export async function startPickleListener(options: TcpListenerOptions): Promise<Listener> {
  const { batcher, stats, holdBack, tcpOptions } = graphiteBatcher(options, "pickle");
  let malformedFrames = 0;
  let oversizedFrames = 0;

  function frame(payload: Buffer): void {
    const now = Date.now();
    try {
      const { points, problems } = pickleDatapoints(payload, now);
      for (const point of points) batcher.push(point);
      stats.accepted("pickle", points.length);
      for (const problem of problems) stats.malformed("pickle", problem, now);
    } catch (error) {
      // Anything else is a decoder bug: still the sender's frame that is skipped, never the process.
      if (!(error instanceof PickleError)) console.error("pickle: unexpected error decoding a frame:", error);
      malformedFrames++;
      stats.malformed("pickle", `frame of ${payload.length} bytes: ${error instanceof Error ? error.message : String(error)}`, now);
    }
  }

  const tcp = await startTcpServer({
    ...tcpOptions,
    onConnection(socket, touch) {
      let pending: Buffer = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        touch();
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        while (pending.length >= 4) {
          const length = pending.readUInt32BE(0);
          if (length > MAX_PICKLE_FRAME) {
            oversizedFrames++;
            stats.malformed("pickle", `frame length ${length} is over ${MAX_PICKLE_FRAME} bytes; connection closed`);
            pending = Buffer.alloc(0);
            socket.destroy();
            return;
          }
          if (pending.length < 4 + length) break;
          frame(pending.subarray(4, 4 + length));
          pending = pending.subarray(4 + length);
        }
        holdBack(socket);
      });
      socket.on("end", () => {
        if (pending.length > 0) {
          malformedFrames++;
          stats.malformed("pickle", `connection closed inside a frame (${pending.length} bytes left over)`);
        }
      });
    },
  });

  return {
    port: tcp.port,
    status: () => ({ ...tcp.counts(), malformedFrames, oversizedFrames }),
    async close() {
      await tcp.close();
      await batcher.flush();
    },
  };
}
