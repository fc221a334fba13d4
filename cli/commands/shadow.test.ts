import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { send } from "@/lib/dark-launch/testing/http-client";
import { deadUrl, startTestServer, type TestServer } from "@/lib/dark-launch/testing/http-servers";
import { shadowOptionsSchema } from "./shadow";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("shadowOptionsSchema", () => {
  it("parses HOST:PORT, lists and defaults", () => {
    const parsed = shadowOptionsSchema.parse({ listen: "[::1]:8080", primary: "http://127.0.0.1:1", candidate: "http://127.0.0.1:2", service: "auth", ignore: "$.requestId, ts" });
    expect(parsed).toMatchObject({ listen: { host: "::1", port: 8080 }, sample: 1, mirrorWrites: false, ignore: ["$.requestId", "ts"], headers: [] });
    expect(shadowOptionsSchema.safeParse({ ...parsed, listen: "127.0.0.1:8080", ignore: "$.a[" }).success).toBe(false);
  });
});

describe("deploylines shadow", () => {
  it("proxies, reports samples with the token, prints status and stops cleanly on SIGTERM", async () => {
    const batches: { auth?: string; url?: string; body: { candidateVersion?: string; samples: unknown[] } }[] = [];
    const api = await startTestServer((req, res, body) => {
      batches.push({ auth: req.headers.authorization, url: req.url, body: JSON.parse(body.toString()) });
      res.writeHead(202, { "content-type": "application/json" }).end("{}");
    });
    const backend = await startTestServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
    servers.push(api, backend);
    const port = new URL(await deadUrl()).port;
    const cli = spawn(
      process.execPath,
      [path.resolve("bin/deploylines.cjs"), "--url", api.url, "--token", "secret", "shadow", "--listen", `127.0.0.1:${port}`, "--primary", backend.url, "--candidate", backend.url, "--service", "auth", "--candidate-version", "v2", "--status-every", "0.2"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    cli.stdout.on("data", (c) => (output += c));
    cli.stderr.on("data", (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => cli.on("exit", resolve));
    for (let i = 0; i < 50 && !output.includes("shadowing"); i++) await new Promise((r) => setTimeout(r, 100));
    const agent = new http.Agent({ keepAlive: true });
    for (let i = 0; i < 5; i++) expect((await send(`http://127.0.0.1:${port}`, agent, { path: `/users/${i}` })).body.toString()).toBe('{"ok":true}');
    agent.destroy();
    await new Promise((r) => setTimeout(r, 400));
    cli.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/requests 5 · mirrored 5 · matched 5/);
    expect(output).toMatch(/reported 5 · buffered 0 · dropped 0/);
    expect(batches.flatMap((b) => b.body.samples)).toHaveLength(5);
    expect(batches[0]).toMatchObject({ auth: "Bearer secret", url: "/api/v1/dark-launches/auth/samples", body: { candidateVersion: "v2" } });
  });
});
