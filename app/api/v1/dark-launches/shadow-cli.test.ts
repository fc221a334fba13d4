import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DarkLaunchReport } from "@/lib/dark-launch/report";
import { send } from "@/lib/dark-launch/testing/http-client";
import { deadUrl, startTestServer as startHttpServer, type TestServer as HttpServer } from "@/lib/dark-launch/testing/http-servers";
import { startTestServer, type TestServer } from "@/lib/testing/server";

let server: TestServer;
const backends: HttpServer[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(backends.map((b) => b.close()));
  await server?.stop();
});

const REQUESTS = 60;
// The candidate answers every 4th item differently: 15 of 60 mirrored requests mismatch.
const differs = (id: number) => id % 4 === 0;

it("end to end: `deploylines shadow` in front of real backends reports samples the server summarises", async () => {
  const body = (id: number, candidate: boolean) => JSON.stringify({ id, name: `item ${id}`, price: candidate && differs(id) ? "10" : 10 });
  const item = (url = "") => Number(/\/items\/(\d+)/.exec(url)?.[1] ?? -1);
  const primary = await startHttpServer((req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(body(item(req.url), false)));
  const candidate = await startHttpServer((req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(body(item(req.url), true)));
  backends.push(primary, candidate);
  const port = new URL(await deadUrl()).port;

  const cli = spawn(
    process.execPath,
    [path.resolve("bin/deploylines.cjs"), "shadow", "--listen", `127.0.0.1:${port}`, "--primary", primary.url, "--candidate", candidate.url, "--service", "shop", "--candidate-version", "3.0.0-rc.1", "--url", server.url, "--token", server.token],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  cli.stdout.on("data", (c) => (output += c));
  cli.stderr.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => cli.on("exit", resolve));
  for (let i = 0; i < 100 && !output.includes("shadowing"); i++) await new Promise((r) => setTimeout(r, 100));
  expect(output).toContain("shadowing");

  const agent = new http.Agent({ keepAlive: true });
  for (let id = 0; id < REQUESTS; id++) {
    const answer = await send(`http://127.0.0.1:${port}`, agent, { path: `/items/${id}` });
    expect(JSON.parse(answer.body.toString()).price).toBe(10);
  }
  agent.destroy();
  // Mirrors finish off the client's path; SIGTERM waits for them and sends the last batch.
  await new Promise((r) => setTimeout(r, 500));
  cli.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output).toMatch(new RegExp(`reported ${REQUESTS} · buffered 0 · dropped 0`));

  const report = (await (await server.api("/api/v1/dark-launches/shop")).json()) as DarkLaunchReport;
  expect(report).toMatchObject({ service: "shop", candidateVersion: "3.0.0-rc.1", mirrored: REQUESTS, matched: 45, matchRate: 0.75 });
  expect(report.endpoints).toMatchObject([{ endpoint: "GET /items/:id", mirrored: REQUESTS, matchRate: 0.75 }]);
  expect(report.recentMismatches[0].diff).toEqual([{ path: "$.price", primary: 10, candidate: "10" }]);
}, 60_000);
