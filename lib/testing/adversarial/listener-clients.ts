import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import net from "node:net";

/** Sends StatsD packets over UDP from one socket and resolves once the kernel has taken them all. */
export async function sendStatsd(port: number, packets: string[]): Promise<void> {
  const socket = dgram.createSocket("udp4");
  try {
    for (const packet of packets) {
      await new Promise<void>((resolve, reject) => socket.send(packet, port, "127.0.0.1", (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    socket.close();
  }
}

/** Writes `data` on a new TCP connection and half-closes it; resolves when the kernel has the bytes, not when the server read them. */
export function sendTcp(port: number, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ port, host: "127.0.0.1" }, () => socket.end(data, () => resolve()));
    socket.on("error", reject);
  });
}

/** A carbon pickle frame (4-byte big-endian length + pickle) built by python3, as carbon's clients build it. */
export function pickleFrame(datapoints: [string, [number, number]][], protocol = 2): Buffer {
  const script = `import pickle,struct,sys,json; p=pickle.dumps([(m,(t,v)) for m,(t,v) in json.load(sys.stdin)], protocol=${protocol}); sys.stdout.buffer.write(struct.pack('!L', len(p)) + p)`;
  return execFileSync("python3", ["-c", script], { input: JSON.stringify(datapoints) });
}

type Series = { metric: string; points: [number, number][] };

/** The points of `metric` over the last day (and the next hour), read through the API. */
export async function pointsOf(url: string, metric: string): Promise<[number, number][]> {
  const res = await fetch(`${url}/api/v1/series?${new URLSearchParams({ metric, from: "-1d", to: "+1h", maxPoints: "100000" })}`);
  if (!res.ok) throw new Error(`series ${metric}: ${res.status} ${await res.text()}`);
  const { series } = (await res.json()) as { series: Series[] };
  return series.flatMap((s) => s.points);
}
