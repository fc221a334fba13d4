import type net from "node:net";

/** A started listener: the port it is bound to (useful with port 0), its counters and how to stop it. */
export interface Listener {
  port: number;
  /** Counters for the ingest status (connections, refusals, drops…), flat numbers or null where unknown. */
  status(): Record<string, number | string | null>;
  /** Stops accepting, reads what senders already sent, and writes everything gathered. */
  close(): Promise<void>;
}

/** Binds a TCP server and resolves with the port it got. */
export function listen(server: net.Server, port: number, host = "0.0.0.0"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/**
 * Resolves once neither `lastActivity()` nor the call itself is less than `quietMs` in the
 * past, or after `maxMs` at most: on shutdown, data the kernel already holds for us (queued
 * datagrams, connections in the accept queue, bytes in a socket's buffer) arrives within
 * milliseconds once the event loop is free, so a short quiet period before closing means
 * nothing a sender finished sending is lost.
 */
export async function untilQuiet(lastActivity: () => number, quietMs = 100, maxMs = 2_000): Promise<void> {
  const started = Date.now();
  const deadline = started + maxMs;
  for (;;) {
    // After a timer, let one poll phase deliver the I/O that is ready before looking: when the
    // event loop was blocked, timers run before the sockets' events of the same turn.
    await new Promise((r) => setImmediate(r));
    const now = Date.now();
    const idleFor = now - Math.max(lastActivity(), started);
    if (idleFor >= quietMs || now >= deadline) return;
    await new Promise((r) => setTimeout(r, Math.max(1, Math.min(quietMs - idleFor, deadline - now))));
  }
}
