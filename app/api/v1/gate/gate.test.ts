import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/testing/cli";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const deploy = (environment: string, version: string, extra: object = {}) =>
    server.api("/api/v1/deployments", { method: "POST", json: { service: "gate", environment, version, ...extra } });
  await deploy("test", "1.0");
  await deploy("test", "1.1", { status: "failed" });
});
afterAll(async () => server?.stop());

const gate = (version: string, environment = "prod", extra: string[] = []) =>
  runCli(["--url", server.url, "--token", server.token, "gate", "--service", "gate", "--version", version, "--environment", environment, ...extra]);

describe("GET /api/v1/gate", () => {
  it("passes a version that passed in every lower environment, and says why another does not", async () => {
    expect(await (await server.api("/api/v1/gate?service=gate&version=1.0&environment=prod")).json()).toMatchObject({
      pass: true,
      reason: "1.0 passed in test before prod",
      environments: [{ environment: "test", outcome: "passed" }],
    });
    expect(await (await server.api("/api/v1/gate?service=gate&version=1.1&environment=prod")).json()).toMatchObject({
      pass: false,
      // pending until the verdict job's first run, failed after it (a failed rollout is judged failed): either way not passed.
      reasons: [expect.stringMatching(/^1\.1 did not pass in test \(status failed, verdict (pending|failed)\)$/)],
    });
  });

  it("answers 400 for missing parameters and environments outside the order", async () => {
    const missing = await server.api("/api/v1/gate?service=gate");
    expect(missing.status).toBe(400);
    expect((await missing.json()).problems.map((p: { where: string }) => p.where)).toEqual(["version", "environment"]);
    const unknown = await server.api("/api/v1/gate?service=gate&version=1.0&environment=qa");
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatch(/qa is not in the promotion order \(test → prod\)/);
  });
});

describe("deploylines gate", () => {
  it("exits 0 when the gate is open", async () => {
    const run = await gate("1.0");
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("gate open for gate 1.0 → prod: 1.0 passed in test before prod");
  });

  it("exits 1 with the reason when the version did not pass, or never ran, below", async () => {
    const failed = await gate("1.1");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("1.1 did not pass in test (status failed");
    const never = await gate("2.0");
    expect(never.code).toBe(1);
    expect(never.stderr).toContain("2.0 was never deployed to test before prod");
  });

  it("exits 2 for bad arguments, whether the CLI or the server finds them", async () => {
    expect((await runCli(["--url", server.url, "gate", "--service", "gate", "--version", "1.0"])).code).toBe(2);
    expect((await gate("1.0", "bad env!")).code).toBe(2);
    const unknown = await gate("1.0", "qa");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/not in the promotion order/);
  });

  it("exits 3 when the server cannot be reached", async () => {
    const run = await runCli(["--url", `http://127.0.0.1:${await freePort()}`, "gate", "--service", "gate", "--version", "1.0", "--environment", "prod"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot reach deploylines/);
  });
});
