import { describe, expect, it } from "vitest";
import { versionReports } from "./reports";

const NOW = Date.UTC(2026, 0, 1, 12);
const options = { defaultEnvironment: "prod", now: NOW };

describe("versionReports", () => {
  it("keeps the newest report per service and environment, the environment filled in", () => {
    const { reports, ignored } = versionReports(
      [
        { service: "auth", version: "1.0", ts: NOW - 2000 },
        { service: "auth", environment: "prod", version: "1.1", ts: NOW - 1000 },
        { service: "auth", environment: "test", version: "1.2", ts: NOW - 3000 },
        { service: "auth", version: "0.9", ts: NOW - 5000 },
      ],
      options,
    );
    expect(reports).toEqual([
      { service: "auth", environment: "prod", version: "1.1", ts: NOW - 1000 },
      { service: "auth", environment: "test", version: "1.2", ts: NOW - 3000 },
    ]);
    expect(ignored).toBe(2);
  });

  it("ignores names deploylines cannot show and empty or overlong versions, and takes a future report as now", () => {
    const { reports, ignored } = versionReports(
      [
        { service: "shop/cart", version: "1", ts: NOW },
        { service: "auth", environment: "prod east", version: "1", ts: NOW },
        { service: "auth", version: " ", ts: NOW },
        { service: "auth", version: "x".repeat(101), ts: NOW },
        { service: "auth", version: "2.0 ", ts: NOW + 3_600_000 },
      ],
      options,
    );
    expect(reports).toEqual([{ service: "auth", environment: "prod", version: "2.0", ts: NOW }]);
    expect(ignored).toBe(4);
  });

  it("bounds the pairs of one batch, still taking newer reports of the pairs kept", () => {
    const versions = Array.from({ length: 5 }, (_, i) => ({ service: `svc-${i}`, version: "1", ts: NOW }));
    const { reports, ignored } = versionReports([...versions, { service: "svc-0", version: "2", ts: NOW + 1 }], { ...options, limit: 3 });
    expect(reports.map((r) => `${r.service} ${r.version}`)).toEqual(["svc-0 2", "svc-1 1", "svc-2 1"]);
    expect(ignored).toBe(3);
  });
});
