import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/types";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { serviceOverviews } from "./overview";

const NOW = Date.UTC(2026, 11, 7, 12);

let handle: ThrowawayStore;
let store: Store;
beforeAll(async () => {
  handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
  store = handle.store;
});
afterAll(() => handle.dispose());

describe("the services overview", () => {
  it("lists the promotion order's environments, then every other one a service deployed to", async () => {
    const deploy = (environment: string, version: string, minutesAgo: number) =>
      store.createDeployment({ service: "auth", environment, version, kind: "deploy", strategy: "all-at-once", status: "succeeded", startedAt: NOW - minutesAgo * 60_000 });
    await deploy("prod", "1.0", 30);
    await deploy("dark", "1.1", 20);
    await deploy("canary-eu", "1.1", 10);
    const [auth] = await serviceOverviews(store, NOW);
    expect(auth.live.map((l) => [l.environment, l.version])).toEqual([
      ["test", null],
      ["prod", "1.0"],
      ["canary-eu", "1.1"],
      ["dark", "1.1"],
    ]);
  });

  it("counts a service's metric names, and its series (label sets) apart", async () => {
    const at = (i: number): [number, number][] => [[NOW - i * 60_000, i]];
    await store.ingest({
      series: [
        { metric: "shop.latency.p95", points: at(1) },
        { metric: "http_requests_total", labels: { service: "shop", route: "/a" }, points: at(2) },
        { metric: "http_requests_total", labels: { service: "shop", route: "/b" }, points: at(3) },
      ],
    });
    const shop = (await serviceOverviews(store, NOW)).find((s) => s.name === "shop")!;
    expect(shop).toMatchObject({ metricCount: 2, seriesCount: 3 });
  });
});
