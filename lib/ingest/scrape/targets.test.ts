import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readEnv } from "@/lib/config/env";
import { instanceOf, parseScrapeList, readTargetsFile, scrapeTargets } from "./targets";

const env = (extra: Record<string, string>) => readEnv({ NODE_ENV: "test", ...extra });

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function targetsFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-scrape-"));
  dirs.push(dir);
  const file = path.join(dir, "targets.json");
  fs.writeFileSync(file, content);
  return file;
}

describe("DEPLOYLINES_SCRAPE", () => {
  it("reads service=url pairs, none when unset, and a 15 s interval by default", () => {
    expect(env({})).toMatchObject({ DEPLOYLINES_SCRAPE: [], DEPLOYLINES_SCRAPE_FILE: null, DEPLOYLINES_SCRAPE_INTERVAL: 15_000 });
    expect(env({ DEPLOYLINES_SCRAPE: "auth=http://127.0.0.1:9100/metrics, checkout=https://shop.internal/metrics?x=1," }).DEPLOYLINES_SCRAPE).toEqual([
      { service: "auth", url: "http://127.0.0.1:9100/metrics" },
      { service: "checkout", url: "https://shop.internal/metrics?x=1" },
    ]);
    expect(env({ DEPLOYLINES_SCRAPE_INTERVAL: "5s", DEPLOYLINES_SCRAPE_FILE: " /etc/targets.json " })).toMatchObject({ DEPLOYLINES_SCRAPE_INTERVAL: 5_000, DEPLOYLINES_SCRAPE_FILE: "/etc/targets.json" });
  });

  it("names each bad pair and refuses intervals under a second", () => {
    expect(parseScrapeList("http://x/metrics,auth=ftp://x/metrics,bad name=http://x/metrics")).toEqual({
      problems: [expect.stringMatching(/"http:\/\/x\/metrics" is not service=url/), expect.stringMatching(/url expected an http\(s\) URL/), expect.stringMatching(/service use letters/)],
    });
    expect(() => env({ DEPLOYLINES_SCRAPE: "auth" })).toThrow(/DEPLOYLINES_SCRAPE: expected service=url pairs/);
    expect(() => env({ DEPLOYLINES_SCRAPE_INTERVAL: "500ms" })).toThrow(/DEPLOYLINES_SCRAPE_INTERVAL/);
    expect(() => env({ DEPLOYLINES_SCRAPE_INTERVAL: "off" })).toThrow(/DEPLOYLINES_SCRAPE_INTERVAL/);
  });
});

describe("DEPLOYLINES_SCRAPE_FILE", () => {
  it("reads a JSON list of {service, url, labels?}", () => {
    const file = targetsFile(JSON.stringify([{ service: "auth", url: "http://10.0.0.5:9100/metrics", labels: { env: "prod", job: "auth-api" } }, { service: "cart", url: "http://cart/metrics" }]));
    expect(readTargetsFile(file)).toEqual([
      { service: "auth", url: "http://10.0.0.5:9100/metrics", labels: { env: "prod", job: "auth-api" } },
      { service: "cart", url: "http://cart/metrics" },
    ]);
  });

  it("names the file and each problem", () => {
    expect(() => readTargetsFile("/nonexistent/targets.json")).toThrow(/DEPLOYLINES_SCRAPE_FILE \/nonexistent\/targets.json: ENOENT/);
    expect(() => readTargetsFile(targetsFile("[{"))).toThrow(/not JSON/);
    const bad = targetsFile(JSON.stringify([{ service: "auth", url: "http://a/metrics" }, { service: "auth", url: "mailto:x", labels: { service: "x", "bad-name": "y" } }, { service: "cart", url: "http://c", extra: 1 }]));
    expect(() => readTargetsFile(bad)).toThrow(/\[1\]\.url: expected an http\(s\) URL[\s\S]*\[1\]\.labels: .*label name "bad-name"[\s\S]*\[2\]: Unrecognized key/);
  });
});

describe("scrapeTargets", () => {
  it("labels each target's samples service, job and instance (host:port, the port from the scheme when absent)", () => {
    expect(instanceOf("http://10.0.0.5/metrics")).toBe("10.0.0.5:80");
    expect(instanceOf("https://[::1]/metrics")).toBe("[::1]:443");
    expect(scrapeTargets([{ service: "auth", url: "http://127.0.0.1:9100/metrics" }, { service: "cart", url: "http://cart:8080/m", labels: { job: "shop", instance: "cart-1", zone: "a" } }])).toEqual([
      { service: "auth", url: "http://127.0.0.1:9100/metrics", instance: "127.0.0.1:9100", labels: { service: "auth", job: "auth", instance: "127.0.0.1:9100" } },
      { service: "cart", url: "http://cart:8080/m", instance: "cart-1", labels: { service: "cart", job: "shop", instance: "cart-1", zone: "a" } },
    ]);
  });

  it("refuses two targets that would write the same series", () => {
    expect(() => scrapeTargets([{ service: "auth", url: "http://a:80/metrics" }, { service: "auth", url: "http://a/other" }])).toThrow(/would write the same series/);
  });
});
