import "server-only";
import net from "node:net";
import { listen, untilQuiet } from "./listen";

export interface TcpServerOptions {
  host?: string;
  port: number;
  /** Connections served at once (DEPLOYLINES_GRAPHITE_MAX_CONNECTIONS); more are closed on accept and counted. */
  maxConnections: number;
  /** A connection that sends nothing for this long is closed (DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT); 0 never. */
  idleTimeoutMs: number;
  /** Serves one connection; call `touch()` on each chunk so shutdown knows when senders are done. */
  onConnection(socket: net.Socket, touch: () => void): void;
  /** True while connections are paused for a write under way: shutdown waits for it before closing them. */
  busy?: () => boolean;
}

export interface TcpServer {
  port: number;
  counts(): { connections: number; maxConnections: number; refusedConnections: number; idleClosed: number };
  /** Stops accepting, lets open connections deliver what they already sent (quiet for 100 ms, 5 s at most), then closes them. */
  close(): Promise<void>;
}

/** A TCP server for the line and pickle listeners: capped connections, idle ones closed, drained on close. */
export async function startTcpServer(options: TcpServerOptions): Promise<TcpServer> {
  const sockets = new Set<net.Socket>();
  let refusedConnections = 0;
  let idleClosed = 0;
  let lastActivity = 0;
  const touch = () => (lastActivity = Date.now());
  const activity = () => (options.busy?.() ? Date.now() : lastActivity);

  const server = net.createServer((socket) => {
    touch();
    sockets.add(socket);
    if (options.idleTimeoutMs > 0) {
      socket.setTimeout(options.idleTimeoutMs, () => {
        idleClosed++;
        socket.destroy();
      });
    }
    socket.on("error", () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
    options.onConnection(socket, touch);
  });
  server.maxConnections = options.maxConnections;
  server.on("drop", () => refusedConnections++);

  const port = await listen(server, options.port, options.host);
  return {
    port,
    counts: () => ({ connections: sockets.size, maxConnections: options.maxConnections, refusedConnections, idleClosed }),
    async close() {
      // Connections still in the kernel's accept queue are reset by close(): accept them first.
      await untilQuiet(activity);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await untilQuiet(activity, 100, 5_000);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
