// Child process of bench/shadow-latency.ts: times sequential keep-alive requests, direct and through the proxy.
import http from "node:http";

interface Args {
  direct: string;
  proxied: string;
  count: number;
  warmup: number;
  deadlineMs: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as Args;

function timeOne(url: string, agent: http.Agent): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
      })
      .on("error", reject);
  });
}

async function main(): Promise<void> {
  const directAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const proxiedAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const stopAt = Date.now() + args.deadlineMs;
  for (let i = 0; i < args.warmup; i++) {
    await timeOne(`${args.direct}/users/${i}`, directAgent);
    await timeOne(`${args.proxied}/users/${i}`, proxiedAgent);
  }
  const direct: number[] = [];
  const proxied: number[] = [];
  // Interleaved so that drift (GC, CPU frequency) weighs on both sides alike.
  for (let i = 0; i < args.count && Date.now() < stopAt; i++) {
    direct.push(await timeOne(`${args.direct}/users/${i}`, directAgent));
    proxied.push(await timeOne(`${args.proxied}/users/${i}`, proxiedAgent));
  }
  directAgent.destroy();
  proxiedAgent.destroy();
  process.send?.({ direct, proxied });
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
