import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { whileProbingHealth } from "@/lib/testing/responsiveness";

const HEALTH_MAX_MS = 2_000;
const BAD = "%E0%A4%A";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe("adversarial decoding", () => {
  it.each([
    ["GET", `/api/v1/services/${BAD}/criteria`],
    ["PUT", `/api/v1/services/${BAD}/criteria`],
    ["GET", `/api/v1/services/${BAD}/settings`],
    ["GET", `/api/v1/services/${BAD}/retention`],
    ["GET", `/api/v1/standup/${BAD}`],
    ["GET", `/api/v1/dark-launches/${BAD}`],
    ["POST", `/api/v1/dark-launches/${BAD}/samples`],
    ["GET", `/api/v1/deployments/${BAD}`],
    ["GET", `/api/v1/deployments/${BAD}/impact`],
    ["GET", `/api/v1/${BAD}`],
  ])("answers %s %s with a JSON 400 naming the path", async (method, pathname) => {
    const { result: res, health } = await whileProbingHealth(server.url, () => server.api(pathname, { method, json: method === "GET" ? undefined : {} }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ problems: [{ where: "path", message: expect.stringContaining("malformed %-escape") }] });
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });

  it.each([`/services/${BAD}`, `/services/${BAD}/criteria`, `/services/${BAD}/compare`, `/dark-launch/${BAD}`, `/deployments/${BAD}`])("renders the not-found page for %s", async (pathname) => {
    const res = await fetch(`${server.url}${pathname}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
  });

  it("answers a segment that decodes to a malformed escape (double encoding) with a 400, not a 500", async () => {
    for (const pathname of ["/api/v1/services/%25E0%25A4%25A/criteria", "/api/v1/standup/%25E0", "/api/v1/deployments/%25E0"]) {
      const res = await fetch(`${server.url}${pathname}`);
      expect(res.status).toBe(400);
    }
    expect((await fetch(`${server.url}/services/%25E0`)).status).toBeLessThan(500);
  });

  it("answers a malformed escape in a query value with a 400 naming the parameter", async () => {
    const res = await fetch(`${server.url}/api/v1/series?metric=${BAD}`);
    expect(res.status).toBe(400);
    expect((await res.json()).problems).toContainEqual({ where: "metric", message: expect.stringContaining("malformed %-escape") });
    for (const pathname of [`/render?target=${BAD}`, `/metrics/find?query=${BAD}`, `/api/annotations?tags=${BAD}`]) {
      const graphite = await fetch(`${server.url}${pathname}`);
      expect(graphite.status, pathname).toBe(400);
      expect((await graphite.json()).problems, pathname).toContainEqual({ where: pathname.slice(pathname.indexOf("?") + 1).split("=")[0], message: expect.stringContaining("malformed %-escape") });
    }
    const page = await fetch(`${server.url}/metrics?q=${BAD}`);
    expect(page.status).toBe(200);
  });
});
