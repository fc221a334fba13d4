import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_TOKEN, type TestServer } from "@/lib/testing/server";
import { whileProbingHealth } from "@/lib/testing/responsiveness";

const HEALTH_MAX_MS = 2_000;
const INGEST_TOKEN = "ingest-only-456";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEPLOYLINES_INGEST_TOKEN: INGEST_TOKEN });
  // Load the routes once, so the first case measures the server, not its first-request warm-up.
  await fetch(`${server.url}/api/v1/session`, { method: "POST", headers: { origin: server.url }, body: JSON.stringify({ token: "wrong" }) });
  await server.api("/api/v1/builds", { method: "POST", json: { service: "warm", version: "0" } });
});
afterAll(async () => server?.stop());

/** Signs in from the server's own origin with `token`; answers the session cookie (name=value). */
async function signIn(s: TestServer, token: string): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/session`, { method: "POST", headers: { origin: s.url, "content-type": "application/json" }, body: JSON.stringify({ token }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie")!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(";")[0];
}

/** A write the UI makes with its cookie: record a build. */
const writeWithCookie = (s: TestServer, cookie: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/v1/builds`, {
    method: "POST",
    headers: { cookie, origin: s.url, "content-type": "application/json", ...headers },
    body: JSON.stringify({ service: "sess", version: `v${Math.random()}` }),
  });

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

describe("adversarial sessions", () => {
  it("gives each sign-in its own random session, which sign-out ends even for a copied cookie", async () => {
    const { result, health } = await whileProbingHealth(server.url, async () => {
      const first = await signIn(server, TEST_TOKEN);
      const second = await signIn(server, TEST_TOKEN);
      expect(first).not.toBe(second);
      expect(first).not.toContain(TEST_TOKEN);
      expect((await writeWithCookie(server, first)).status).toBe(201);
      const out = await fetch(`${server.url}/api/v1/session`, { method: "DELETE", headers: { cookie: first, origin: server.url } });
      expect(await out.json()).toEqual({ signedIn: false, ended: true });
      return { replayed: await writeWithCookie(server, first), other: await writeWithCookie(server, second) };
    });
    expect(result.replayed.status).toBe(401);
    expect((await result.replayed.json()).error).toMatch(/session has ended/);
    expect(result.other.status).toBe(201);
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });

  it("ignores X-Forwarded-Host unless DEPLOYLINES_TRUST_PROXY is set", async () => {
    const cookie = await signIn(server, TEST_TOKEN);
    const forged = { origin: "http://evil.example", "x-forwarded-host": "evil.example" };
    expect((await writeWithCookie(server, cookie, forged)).status).toBe(403);
    const signInForged = await fetch(`${server.url}/api/v1/session`, { method: "POST", headers: { ...forged, "content-type": "application/json" }, body: JSON.stringify({ token: TEST_TOKEN }) });
    expect(signInForged.status).toBe(403);
  });

  it("lets an ingest-only token record data but not change policy", async () => {
    const deploy = await fetch(`${server.url}/api/v1/deployments`, { method: "POST", headers: bearer(INGEST_TOKEN), body: JSON.stringify({ service: "sess", environment: "prod", version: "1.0" }) });
    expect(deploy.status).toBe(201);
    const id = (await deploy.json()).deployment.id;
    const writes: [string, string, unknown, number][] = [
      ["POST", "/api/v1/metrics", { series: [{ metric: "sess.ok", points: [[Date.now(), 1]] }] }, 202],
      ["POST", "/api/v1/builds", { service: "sess", version: "1.0" }, 201],
      ["PATCH", `/api/v1/deployments/${id}`, { status: "succeeded" }, 200],
      ["POST", "/api/v1/dark-launches/sess/samples", { samples: [] }, 400],
    ];
    for (const [method, pathname, json, status] of writes) {
      const res = await fetch(`${server.url}${pathname}`, { method, headers: bearer(INGEST_TOKEN), body: JSON.stringify(json) });
      expect({ pathname, status: res.status }).toEqual({ pathname, status });
    }
    const admin: [string, string, unknown][] = [
      ["PUT", "/api/v1/retention", { raw: "1h", "1m": "1h", "1h": "1h" }],
      ["POST", "/api/v1/retention/run", {}],
      ["PUT", "/api/v1/services/sess/criteria", { rules: [] }],
      ["PUT", "/api/v1/services/sess/settings", { keepBuilds: 1 }],
      ["PUT", "/api/v1/services/sess/retention", { keepBuilds: 1 }],
      ["PUT", "/api/v1/environments", { environments: ["prod"] }],
      ["PUT", "/api/v1/dark-launches/sess/criteria", {}],
    ];
    for (const [method, pathname, json] of admin) {
      const res = await fetch(`${server.url}${pathname}`, { method, headers: bearer(INGEST_TOKEN), body: JSON.stringify(json) });
      expect({ pathname, status: res.status }).toEqual({ pathname, status: 403 });
      expect((await res.json()).error).toMatch(/needs an admin token/);
    }
    // The retention the ingest token tried to set is not in force.
    expect((await (await fetch(`${server.url}/api/v1/retention`)).json()).policy?.raw).not.toBe("1h");
    // A UI session made with the ingest token is no admin either; one made with the admin token is.
    const ingestCookie = await signIn(server, INGEST_TOKEN);
    const asUi = (cookie: string) =>
      fetch(`${server.url}/api/v1/services/sess/settings`, { method: "PUT", headers: { cookie, origin: server.url, "content-type": "application/json" }, body: JSON.stringify({ keepBuilds: 3 }) });
    expect((await asUi(ingestCookie)).status).toBe(403);
    expect((await asUi(await signIn(server, TEST_TOKEN))).status).toBe(200);
  });

  it("accepts http(s) URLs only in URL fields", async () => {
    const cases: [string, string, unknown][] = [
      ["POST", "/api/v1/builds", { service: "sess", version: "2.0", ciUrl: "data:text/html,<script>alert(1)</script>" }],
      ["POST", "/api/v1/builds", { service: "sess", version: "2.0", artifactUrl: "javascript:alert(1)" }],
      ["POST", "/api/v1/deployments", { service: "sess", environment: "prod", version: "2.0", links: { logs: "data:text/html,x" } }],
      ["PUT", "/api/v1/services/sess/settings", { logUrlTemplate: "javascript:alert('{service}')" }],
    ];
    for (const [method, pathname, json] of cases) {
      const res = await server.api(pathname, { method, json });
      expect({ pathname, status: res.status }).toEqual({ pathname, status: 400 });
    }
    const ok = await server.api("/api/v1/builds", { method: "POST", json: { service: "sess", version: "2.0", ciUrl: "https://ci.example/run/2" } });
    expect(ok.status).toBe(201);
  });

  it("ends every session when its token is rotated out; trusts X-Forwarded-Host when told to", async () => {
    const cookie = await signIn(server, TEST_TOKEN);
    await server.stop();
    server = await startTestServer({ DEPLOYLINES_TOKEN: "rotated-token-789", DEPLOYLINES_TRUST_PROXY: "1" }, { dir: server.dir });
    const res = await writeWithCookie(server, cookie);
    expect(res.status).toBe(401);
    const fresh = await signIn(server, "rotated-token-789");
    const proxied = { origin: "https://deploylines.example", "x-forwarded-host": "deploylines.example" };
    expect((await writeWithCookie(server, fresh, proxied)).status).toBe(201);
  });
});
