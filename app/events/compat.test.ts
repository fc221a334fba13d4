import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEPLOYLINES_DEFAULT_SERVICE: "ops" });
});
afterAll(async () => server?.stop());

const deploymentsOf = async (service: string) => (await (await server.api(`/api/v1/deployments?service=${service}`)).json()).deployments;

describe("Graphite events API", () => {
  it.each(["/events/", "/events"])("POST %s records a deploy from the event's tags, without a redirect", async (path) => {
    const service = path.endsWith("/") ? "gslash" : "gplain";
    const res = await server.api(path, {
      method: "POST",
      redirect: "manual",
      json: { what: "Deployed auth", tags: `deploy service:${service} env:test version:1.2.3 commit:abc author:ana`, when: 1_700_000_000, data: "from Jenkins" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true });
    expect(await deploymentsOf(service)).toEqual([
      expect.objectContaining({ environment: "test", version: "1.2.3", commit: "abc", author: "ana", startedAt: 1_700_000_000_000, source: "graphite-event", description: "Deployed auth — from Jenkins" }),
    ]);
  });

  it("takes graphite-web's space-separated tags string as curl -d sends it, with Basic auth", async () => {
    const res = await fetch(`${server.url}/events/`, {
      method: "POST",
      headers: { authorization: basic("graphite", server.token), "content-type": "application/x-www-form-urlencoded" },
      body: JSON.stringify({ what: "Deployed", tags: "deploy  service:gspace   env:test version:4.0", when: 1_700_000_000 }),
    });
    expect(res.status).toBe(200);
    expect(await deploymentsOf("gspace")).toEqual([expect.objectContaining({ environment: "test", version: "4.0", source: "graphite-event" })]);
  });

  it("takes tags as an array, and a rollback tag undoes the live deploy", async () => {
    await server.api("/events/", { method: "POST", json: { what: "d", tags: ["deploy", "service:grb", "version:1"], when: 1_700_000_000 } });
    await server.api("/events/", { method: "POST", json: { what: "d", tags: ["deploy", "service:grb", "version:2"], when: 1_700_000_600 } });
    const res = await server.api("/events/", { method: "POST", json: { what: "r", tags: ["rollback", "service:grb", "version:1"], when: 1_700_001_200 } });
    expect(res.status).toBe(200);
    const [rollback, bad] = await deploymentsOf("grb");
    expect(rollback).toMatchObject({ kind: "rollback", version: "1", previousVersion: "2", rollbackOf: bad.id });
    expect(bad).toMatchObject({ version: "2", status: "rolled_back" });
  });

  it("stores an event without deploy tags as a deploy of the service its tags name, rejects what it cannot map, and needs the token", async () => {
    const generic = await server.api("/events/", { method: "POST", json: { what: "release", tags: "release service:gx" } });
    expect(generic.status).toBe(200);
    expect((await deploymentsOf("gx"))[0]).toMatchObject({ kind: "deploy", version: "unknown", description: "release", source: "graphite-event" });
    const res = await server.api("/events/", { method: "POST", json: { what: "d", tags: "deploy service:x" } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.problems.map((p: { message: string }) => p.message.split(";")[0])).toEqual(["no version:<version> tag"]);
    expect((await fetch(`${server.url}/events/`, { method: "POST", body: JSON.stringify({ tags: "deploy service:x version:1" }) })).status).toBe(401);
  });
});

describe("Grafana annotations API", () => {
  it("records a deploy from an annotation, times in ms", async () => {
    const res = await server.api("/api/annotations", {
      method: "POST",
      json: { time: 1_700_000_000_000, timeEnd: 1_700_000_300_000, tags: ["deploy", "service:graf", "environment:prod", "version:3.1"], text: "Rolled out 3.1", dashboardUID: "abc" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ message: "Annotation added", id: expect.any(Number) });
    expect(await deploymentsOf("graf")).toEqual([
      expect.objectContaining({ environment: "prod", version: "3.1", startedAt: 1_700_000_000_000, finishedAt: 1_700_000_300_000, source: "grafana-annotation", description: "Rolled out 3.1" }),
    ]);
  });

  it("accepts Basic auth carrying the token as password, as Grafana clients send it", async () => {
    const annotation = { time: 1_700_000_000_000, tags: ["deploy", "service:gbasic", "version:1"], text: "x" };
    const ok = await fetch(`${server.url}/api/annotations`, { method: "POST", headers: { authorization: basic("api_key", server.token), "content-type": "application/json" }, body: JSON.stringify(annotation) });
    expect(ok.status).toBe(200);
    expect(await deploymentsOf("gbasic")).toHaveLength(1);
    for (const authorization of [basic("api_key", "wrong"), basic(server.token, ""), "Basic !!!"]) {
      const refused = await fetch(`${server.url}/api/annotations`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(annotation) });
      expect(refused.status).toBe(401);
    }
  });

  it("records a generic annotation as a deploy of the service a bare tag names, else of DEPLOYLINES_DEFAULT_SERVICE", async () => {
    await server.api("/api/v1/deployments", { method: "POST", json: { service: "gknown", environment: "prod", version: "7" } });
    const tagged = await server.api("/api/annotations", { method: "POST", json: { tags: ["release", "gknown"], text: "Released from Grafana" } });
    expect(tagged.status).toBe(200);
    expect((await deploymentsOf("gknown"))[0]).toMatchObject({ kind: "deploy", environment: "prod", version: "unknown", previousVersion: "7", description: "Released from Grafana" });
    const untagged = await server.api("/api/annotations", { method: "POST", json: { time: 1_700_000_200_000, tags: ["maintenance", "env:test"], text: "DB failover" } });
    expect(untagged.status).toBe(200);
    expect(await deploymentsOf("ops")).toEqual([expect.objectContaining({ environment: "test", version: "unknown", description: "DB failover", source: "grafana-annotation" })]);
  });

  it("rejects an annotation without service or version, and a wrong token", async () => {
    const res = await server.api("/api/annotations", { method: "POST", json: { time: 1_700_000_000_000, tags: ["deploy"], text: "x" } });
    expect(res.status).toBe(400);
    expect((await res.json()).problems).toHaveLength(2);
    expect((await server.api("/api/annotations", { method: "POST", json: { tags: ["deploy"] }, headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });
});
