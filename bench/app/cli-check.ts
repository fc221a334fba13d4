import { spawn } from "node:child_process";
import fs from "node:fs";
import { packAndInstallCli } from "@/lib/testing/installed-cli";
import type { TestServer } from "@/lib/testing/server";

/** Issue 14's target: a Nagios check starts and answers within this, median wall time. */
export const CLI_CHECK_TARGET_MS = 200;

export interface CliCheckFigures {
  /** Median and p95 wall time of `deploylines check --metric …` (spawn to exit), the installed bin. */
  medianMs: number;
  p95Ms: number;
  /** Median of `node -e 0` on the same machine meanwhile: the floor any Node plugin pays. */
  nodeBaselineMedianMs: number;
  /** Median time the server takes to answer the same check over HTTP from a warm process: the part no client can save. */
  serverMedianMs: number;
  runs: number;
  targetMs: number;
  line: string;
}

function timeRun(command: string, args: string[]): Promise<{ ms: number; stdout: string; code: number | null }> {
  const began = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"] });
  let stdout = "";
  child.stdout.on("data", (c) => (stdout += c));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ ms: performance.now() - began, stdout, code })));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * Packs and installs the CLI as a Nagios host would, seeds one metric, then runs the check `runs`
 * times one after another (as Nagios' workers do), alternating with bare `node -e 0` runs so both
 * see the same load.
 */
export async function measureCliCheck(server: TestServer, runs: number): Promise<CliCheckFigures> {
  const installed = await packAndInstallCli();
  try {
    const now = Math.floor(Date.now() / 1000);
    await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "text/plain" }, body: `bench.check.latency 120 ${now - 10}\n` });
    const args = ["check", "--url", server.url, "--metric", "bench.check.latency", "--warning", "200", "--critical", "400"];
    const first = await timeRun(installed.bin, args);
    if (first.code !== 0) throw new Error(`check did not answer OK: ${first.stdout}`);
    const check: number[] = [];
    const node: number[] = [];
    const answer: number[] = [];
    for (let i = 0; i < runs; i++) {
      check.push((await timeRun(installed.bin, args)).ms);
      node.push((await timeRun(process.execPath, ["-e", "0"])).ms);
      const began = performance.now();
      await (await fetch(`${server.url}/api/v1/check?metric=bench.check.latency&warning=200&critical=400`)).text();
      answer.push(performance.now() - began);
    }
    for (const list of [check, node, answer]) list.sort((a, b) => a - b);
    return {
      medianMs: quantile(check, 0.5),
      p95Ms: quantile(check, 0.95),
      nodeBaselineMedianMs: quantile(node, 0.5),
      serverMedianMs: quantile(answer, 0.5),
      runs,
      targetMs: CLI_CHECK_TARGET_MS,
      line: first.stdout.trim(),
    };
  } finally {
    fs.rmSync(installed.dir, { recursive: true, force: true });
  }
}

/** One line for the console report. */
export function cliCheckLine(f: CliCheckFigures): string {
  const verdict = f.medianMs <= f.targetMs ? "meets" : "misses";
  return `deploylines check (installed bin): median ${f.medianMs.toFixed(0)} ms, p95 ${f.p95Ms.toFixed(0)} ms over ${f.runs} runs — ${verdict} the ${f.targetMs} ms target; of which the server's answer ${f.serverMedianMs.toFixed(0)} ms; bare \`node -e 0\` median ${f.nodeBaselineMedianMs.toFixed(0)} ms (machine load)`;
}
