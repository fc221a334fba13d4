import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "@/lib/store/sqlite/sqlite-store";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, TEST_TOKEN, type TestServer } from "@/lib/testing/server";

const INGEST_TOKEN = "ingest-only-789";
const SECRET_PATH = "/services/T000/B000/xoxb-secret-path";
const PAYLOAD_TEXT = "deploy 1.2 of paged failed its verdict";

/** Signs in from the server's own origin with `token`; answers the session cookie (name=value). */
async function signIn(server: TestServer, token: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/session`, { method: "POST", headers: { origin: server.url, "content-type": "application/json" }, body: JSON.stringify({ token }) });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

describe.skipIf(!appIsBuilt)("webhooks page, by the session's scope", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DEPLOYLINES_INGEST_TOKEN: INGEST_TOKEN });
    const hook = await server.api("/api/v1/webhooks", { method: "POST", json: { url: `http://127.0.0.1:9${SECRET_PATH}`, service: "paged", events: ["verdict.failed"] } });
    expect(hook.status).toBe(201);
    // A queued delivery, written straight to the server's database as the verdict job would.
    const store = SqliteStore.open(server.dbFile, { cutoffs: () => ({ raw: 0, "1m": 0, "1h": 0 }) });
    try {
      expect(await store.enqueueDeliveries("verdict.failed", "paged", { text: PAYLOAD_TEXT }, Date.now())).toBe(1);
    } finally {
      await store.close();
    }
  });
  afterAll(async () => server?.stop());

  const page = async (cookie?: string) => (await fetch(`${server.url}/webhooks`, { headers: cookie ? { cookie } : {} })).text();

  it("shows full URLs, the controls and the delivery log to an admin session only", async () => {
    const admin = await page(await signIn(server, TEST_TOKEN));
    expect(admin).toContain(SECRET_PATH);
    expect(admin).toContain('data-testid="deliveries"');
    expect(admin).toContain(PAYLOAD_TEXT);
    expect(admin).not.toContain("Sign in with an admin token");
    expect(admin).toContain("<form");

    for (const [who, html] of [["anonymous", await page()], ["ingest session", await page(await signIn(server, INGEST_TOKEN))]]) {
      expect({ who, url: html.includes(SECRET_PATH) }).toEqual({ who, url: false });
      expect({ who, log: html.includes('data-testid="deliveries"') || html.includes(PAYLOAD_TEXT) }).toEqual({ who, log: false });
      expect({ who, controls: html.includes("<form") }).toEqual({ who, controls: false });
      expect({ who, told: html.includes("Sign in with an admin token") }).toEqual({ who, told: true });
      expect(html).toContain("http://127.0.0.1:9/…");
    }
  });
});
