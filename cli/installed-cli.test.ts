import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/testing/cli";
import { packAndInstallCli, type InstalledCli } from "@/lib/testing/installed-cli";
import { startTestServer, type TestServer } from "@/lib/testing/server";

let server: TestServer;
let installed: InstalledCli;
beforeAll(async () => {
  [server, installed] = await Promise.all([startTestServer(), packAndInstallCli()]);
}, 240_000);
afterAll(async () => {
  await server?.stop();
  if (installed) fs.rmSync(installed.dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => runCli(["--url", server.url, ...args], env, { bin: installed.bin });
const write = (args: string[]) => cli(args, { DEPLOYLINES_TOKEN: server.token });

describe("npm pack", () => {
  it("makes a package of the bundled bin alone, with no dependencies, installed offline", () => {
    const files = execFileSync("tar", ["tzf", installed.tarball], { encoding: "utf8" }).trim().split("\n").sort();
    expect(files).toEqual(["package/README.md", "package/bin/deploylines.cjs", "package/dist/cli/all-commands.cjs", "package/dist/cli/deploylines.cjs", "package/package.json"]);
    const manifest = JSON.parse(execFileSync("tar", ["xzfO", installed.tarball, "package/package.json"], { encoding: "utf8" }));
    expect(manifest).toMatchObject({ name: "deploylines", bin: { deploylines: "bin/deploylines.cjs" } });
    expect(manifest.dependencies).toBeUndefined();
    const packageDir = path.join(fs.realpathSync(installed.bin), "../..");
    expect(fs.existsSync(path.join(packageDir, "node_modules"))).toBe(false);
    expect(fs.existsSync(path.join(packageDir, "cli"))).toBe(false);
  });
});

describe("deploylines check, installed", () => {
  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "text/plain" }, body: `clicheck.latency 50 ${now - 60}\nclicheck.latency 70 ${now - 30}\n` });
    expect(res.status).toBe(202);
  });

  it("answers each state as JSON with the perfdata, reading no token", async () => {
    // A data folder whose token the checking user cannot read: the server's, seen from a Nagios host.
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-token-"));
    fs.writeFileSync(path.join(data, "token"), "secret", { mode: 0o600 });
    fs.chmodSync(data, 0o700);
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: Number(execFileSync("id", ["-u", "nagios"]).toString()), gid: Number(execFileSync("id", ["-g", "nagios"]).toString()) } : {};
    if (!asRoot) fs.chmodSync(path.join(data, "token"), 0o000);
    const check = async (...args: string[]) => {
      const run = await runCli(["--url", server.url, "check", "--metric", "clicheck.latency", ...args, "--json"], { DEPLOYLINES_DATA_DIR: data, HOME: "/nonexistent" }, { bin: installed.bin, cwd: "/", ...user });
      return { code: run.code, stderr: run.stderr, json: JSON.parse(run.stdout) };
    };
    expect(await check("-w", "100", "-c", "200")).toEqual({
      code: 0,
      stderr: "",
      json: { state: "OK", exitCode: 0, text: expect.stringContaining("clicheck.latency avg over 5m = 60"), perfdata: [{ label: "clicheck.latency", value: 60, uom: null, warning: "100", critical: "200", min: null, max: null }], line: expect.stringMatching(/^DEPLOYLINES OK - /) },
    });
    expect(await check("-w", "55", "-c", "200")).toMatchObject({ code: 1, json: { state: "WARNING" } });
    expect(await check("-a", "max", "-w", "55", "-c", "65")).toMatchObject({ code: 2, json: { state: "CRITICAL", perfdata: [{ value: 70 }] } });
    expect(await check("-w", ":")).toMatchObject({ code: 3, json: { state: "UNKNOWN", text: expect.stringContaining('threshold ":" gives neither start nor end') } });
    fs.rmSync(data, { recursive: true, force: true });
  });

  it("prints one UNKNOWN line and exits 3 for a refused, unanswered or bad request", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const hung = await runCli(["--url", `http://127.0.0.1:${port}`, "check", "--metric", "clicheck.latency", "--timeout", "1"], {}, { bin: installed.bin });
    expect(Date.now() - started).toBeLessThan(5_000);
    silent.close();
    expect(hung).toEqual({ code: 3, stdout: `DEPLOYLINES UNKNOWN - cannot reach deploylines at http://127.0.0.1:${port} (no answer within 1 s); set DEPLOYLINES_URL or --url\n`, stderr: "" });
    for (const args of [["--url", "http://127.0.0.1:9"], ["--url", "not a url"], ["--url", server.url, "--bogus"], ["--url", server.url, "--timeout", "soon"], ["--url", `${server.url}/nowhere`]]) {
      const run = await runCli([...args.slice(0, 2), "check", "--metric", "clicheck.latency", ...args.slice(2)], {}, { bin: installed.bin });
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^DEPLOYLINES UNKNOWN - [^\n]+\n$/);
    }
  });
});

describe("deploylines deploy, build and gate, installed", () => {
  it("answers --json with the created records and their ids", async () => {
    const build = await write(["build", "-s", "clijson", "-v", "1.0", "--json"]);
    expect(build.code).toBe(0);
    expect(JSON.parse(build.stdout)).toMatchObject({ build: { id: expect.any(Number), version: "1.0" } });
    const deploy = await write(["deploy", "-s", "clijson", "-e", "test", "-v", "1.0", "--json"]);
    expect(deploy.code).toBe(0);
    const { deployment } = JSON.parse(deploy.stdout);
    expect(deployment).toMatchObject({ id: expect.any(Number), service: "clijson", environment: "test", version: "1.0" });
    // Read-only commands run without any token, as a user who cannot read the server's.
    const listed = await cli(["deployments", "-s", "clijson", "--json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1, deployments: [{ id: deployment.id }] });
    expect((await cli(["deployments", "-s", "clijson"])).stdout).toMatch(new RegExp(String.raw`^${deployment.id}\t\S+\tclijson 1\.0 → test\tdeploy\tsucceeded\t`));
    const gate = await cli(["gate", "-s", "clijson", "-v", "2.0", "-e", "prod", "--json"]);
    expect(gate.code).toBe(1);
    expect(JSON.parse(gate.stdout)).toMatchObject({ pass: false, reasons: [expect.any(String)] });
  });

  it("warns about an environment outside the promotion order and refuses --instances without a total", async () => {
    const outside = await write(["deploy", "-s", "cliorder", "-e", "qa", "-v", "1", "--json"]);
    expect(outside.code).toBe(0);
    expect(outside.stderr).toMatch(/warning: environment "qa" is not in the promotion order \(test → prod\)/);
    expect(JSON.parse(outside.stdout).warnings).toEqual([expect.stringContaining('environment "qa" is not in the promotion order')]);
    const bare = await write(["deploy", "-s", "cliorder", "-e", "prod", "-v", "2", "--instances", "5"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--instances: "5" needs done\/total/);
    expect((await (await server.api("/api/v1/deployments?service=cliorder")).json()).deployments).toHaveLength(1);
  });

  it("exits 1 denied, 2 bad arguments, 3 unreachable, 4 unauthorized, 5 not found, with a JSON error", async () => {
    expect((await cli(["gate", "-s", "clijson", "-v", "9", "-e", "prod"])).code).toBe(1);
    expect((await cli(["gate", "-s", "clijson", "-v", "9", "-e", "moon"])).code).toBe(2);
    const unreachable = await runCli(["--url", "http://127.0.0.1:9", "gate", "-s", "a", "-v", "1", "-e", "prod", "--json"], {}, { bin: installed.bin });
    expect(unreachable.code).toBe(3);
    expect(JSON.parse(unreachable.stdout)).toMatchObject({ exitCode: 3, error: expect.stringContaining("cannot reach") });
    const unauthorized = await cli(["deploy", "-s", "a", "-e", "prod", "-v", "1", "--json"], { DEPLOYLINES_TOKEN: "wrong" });
    expect(unauthorized.code).toBe(4);
    // The refusal says which token was sent, from where.
    expect(JSON.parse(unauthorized.stdout)).toMatchObject({ exitCode: 4, status: 401, error: expect.stringContaining("token: from DEPLOYLINES_TOKEN") });
    // A missing or bad value is named by its flag.
    const missing = await write(["deploy", "-s", "a", "-v", "1", "--status", "done", "--json"]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error).toMatch(/--environment: required[\s\S]*--status: /);
    expect((await write(["deploy", "--id", "999999", "--status", "succeeded"])).code).toBe(5);
    const usage = await cli(["gate", "-s", "a", "--json"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ exitCode: 2, error: expect.stringContaining("--version") });
  });

  it("follows a rolling deploy with --wait until it succeeds, or exits 1 when it fails", async () => {
    const follow = (version: string) => write(["deploy", "-s", "cliwait", "-e", "prod", "-v", version, "--strategy", "rolling", "--status", "in_progress", "--instances", "0/4", "--wait", "--poll", "100ms", "--json"]);
    const progress = async (version: string, finalStatus: "succeeded" | "failed") => {
      let id: number | undefined;
      while (!id) {
        [id] = ((await (await server.api(`/api/v1/deployments?service=cliwait&version=${version}`)).json()).deployments as { id: number }[]).map((d) => d.id);
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 400));
      await server.api(`/api/v1/deployments/${id}`, { method: "PATCH", json: { instancesDone: 2, instancesTotal: 4, message: "half way" } });
      await new Promise((r) => setTimeout(r, 400));
      await server.api(`/api/v1/deployments/${id}`, { method: "PATCH", json: { status: finalStatus, instancesDone: finalStatus === "succeeded" ? 4 : 2, instancesTotal: 4 } });
    };
    const [ok] = await Promise.all([follow("5.0"), progress("5.0", "succeeded")]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/cliwait 5\.0 → prod in_progress 0\/4 instances \(0%\).*\n.*in_progress 2\/4 instances \(50%\) — half way\n.*succeeded 4\/4 instances \(100%\)/);
    expect(JSON.parse(ok.stdout)).toMatchObject({ deployment: { version: "5.0", status: "succeeded", instancesDone: 4 } });
    const [failed] = await Promise.all([follow("6.0"), progress("6.0", "failed")]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/deployment \d+ failed/);
  });
});
