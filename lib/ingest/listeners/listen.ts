import type net from "node:net";

/** A started listener: the port it is bound to (useful with port 0) and how to stop it. */
export interface Listener {
  port: number;
  /** Stops accepting data and writes what has been gathered. */
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
