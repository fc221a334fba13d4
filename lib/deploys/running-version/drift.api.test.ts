import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "@/lib/store";
import { appIsBuilt } from "@/lib/testing/built-app";
import { runCli } from "@/lib/testing/cli";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import type { DriftReport } from "./drift";
import { recordRunningVersions } from "./record";

const MIN = 60_000;

describe.skipIf(!appIsBuilt)("detected deploys and version drift, against the built app", () => {
  let server: TestServer;
  const now = Date.now();

  /** Reports versions as an ingest route would, through a store on the server's own database file. */
  const report = async (service: string, version: string, ts: number) => {
    const store = await openStore(`file:${server.dbFile}`);
    try {
      return await recordRunningVersions(store, [{ service, environment: "prod", version, ts }], ts, { windowMs: 15 * MIN });
    } finally {
      await store.close();
    }
  };
  const deploy = async (service: string, version: string, startedAt: number) => {
    const res = await server.api("/api/v1/deployments", { method: "POST", json: { service, environment: "prod", version, startedAt } });
    expect(res.status).toBe(201);
  };
  const check = (service: string, ...extra: string[]) => runCli(["check", "--drift", "--service", service, "--environment", "prod", ...extra], { DEPLOYLINES_URL: server.url });

  beforeAll(async () => {
    server = await startTestServer();
    await deploy("driftsvc", "1.0", now - 120 * MIN);
    await report("driftsvc", "1.0", now - 119 * MIN);
    await report("driftsvc", "1.1", now - 40 * MIN);
    await report("driftsvc", "1.1", now - MIN);
    await deploy("steadysvc", "2.0", now - 60 * MIN);
    await report("steadysvc", "2.0", now - 50 * MIN);
    await report("steadysvc", "2.0", now - MIN);
  });
  afterAll(async () => server?.stop());

  it("records an unrecorded version change as a detected deploy", async () => {
    const { deployments } = await (await server.api("/api/v1/deployments?service=driftsvc")).json();
    expect(deployments.map((d: { version: string; source: string; author: string }) => [d.version, d.source, d.author])).toEqual([
      ["1.1", "detected", "detected"],
      ["1.0", "api", null],
    ]);
  });

  it("reads versions from an ingest path: Prometheus exposition text with a *_build_info series", async () => {
    const post = async (version: string, ts: number) => {
      const body = `# TYPE promsvc_build_info gauge\npromsvc_build_info{service="promsvc",environment="prod",version="${version}"} 1 ${ts}\n`;
      const res = await server.api("/api/v1/import/prometheus", { method: "POST", headers: { "content-type": "text/plain" }, body });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    };
    await post("3.0", now - 30 * MIN);
    await post("3.1", now - 10 * MIN);
    const { deployments } = await (await server.api("/api/v1/deployments?service=promsvc")).json();
    expect(deployments).toMatchObject([{ version: "3.1", previousVersion: "3.0", source: "detected", startedAt: now - 10 * MIN }]);
  });

  it("answers GET /api/v1/drift per service and environment", async () => {
    const body = (await (await fetch(`${server.url}/api/v1/drift?service=driftsvc`)).json()) as DriftReport;
    expect(body.graceMs).toBe(10 * MIN);
    expect(body.drift).toMatchObject([{ service: "driftsvc", environment: "prod", running: "1.1", deployed: "1.0", drift: true, driftSince: now - 40 * MIN, lastSeen: now - MIN }]);
    const all = (await (await fetch(`${server.url}/api/v1/drift`)).json()) as DriftReport;
    expect(all.drift.filter((v) => v.service !== "promsvc").map((v) => [v.service, v.drift])).toEqual([["driftsvc", true], ["steadysvc", false]]);
    expect((await fetch(`${server.url}/api/v1/drift?service=bad%20name`)).status).toBe(400);
  });

  it("checks drift as a Nagios plugin: CRITICAL on drift, OK as deployed, UNKNOWN without reports", async () => {
    const res = await fetch(`${server.url}/api/v1/check/drift?service=driftsvc&environment=prod`);
    expect(res.headers.get("x-nagios-state")).toBe("CRITICAL");
    expect((await res.text()).trim()).toMatch(/^DEPLOYLINES CRITICAL - driftsvc → prod runs 1\.1 .*not 1\.0 .*drifting for 39m \| 'drift'=2340s;;;0$/);
    const critical = await check("driftsvc");
    expect(critical.code).toBe(2);
    expect(critical.stdout.split("\n")[0]).toMatch(/^DEPLOYLINES CRITICAL - /);
    const ok = await check("steadysvc", "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ state: "OK", exitCode: 0, perfdata: [{ label: "drift", value: 0 }] });
    const unknown = await check("silentsvc");
    expect(unknown).toMatchObject({ code: 3, stdout: expect.stringMatching(/^DEPLOYLINES UNKNOWN - silentsvc → prod: never reported its version/) });
    expect((await fetch(`${server.url}/api/v1/check/drift?service=`)).status).toBe(400);
  });

  it("shows drift on the overview, filters drifting services, and badges the service page", async () => {
    const overview = await (await fetch(`${server.url}/?drifting=1`)).text();
    expect(overview).toContain('data-service="driftsvc"');
    expect(overview).not.toContain('data-service="steadysvc"');
    expect(overview).toContain('data-filter="drifting"');
    const page = await (await fetch(`${server.url}/services/driftsvc`)).text();
    expect(page).toContain('data-drift="prod"');
  });
});
