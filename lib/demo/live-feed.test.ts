import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestStats } from "@/lib/ingest/stats";
import { HELD_LEASE } from "@/lib/server/jobs";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { liveFeedJob } from "./live-feed";
import { seedDemo } from "./seed";

describe("the demo's live feed", () => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    await seedDemo(handle.store, Date.now() - 5 * 60_000);
  }, 120_000);
  afterAll(async () => handle?.dispose());

  it("counts its OpenTelemetry exports as OTLP ingest, so the ingest page shows them arriving", async () => {
    const before = ingestStats().snapshot().otlp;
    await liveFeedJob.run(handle.store, HELD_LEASE);
    const after = ingestStats().snapshot().otlp;
    expect(after.pointsWritten).toBeGreaterThan(before.pointsWritten);
    expect(after.lastIngestAt).toBeGreaterThan(Date.now() - 60_000);
  });
});
