import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { BUSY_SERVICE } from "./team-plan";
import { seedTeamDemo } from "./team-seed";

describe("seedTeamDemo on SQLite", () => {
  let db: ThrowawayStore;
  beforeAll(async () => {
    db = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
  });
  afterAll(() => db.dispose());

  it("seeds the team's shape in batches well within a minute, then leaves a seeded database alone", async () => {
    const lines: string[] = [];
    const result = await seedTeamDemo(db.store, Date.now(), (line) => lines.push(line));
    expect(result).not.toBeNull();
    expect(result!.series).toBeGreaterThanOrEqual(19_500);
    expect(result!.deployments).toBeGreaterThan(4_800);
    expect(result!.ms).toBeLessThan(60_000);
    expect(lines.length).toBeGreaterThan(3);
    expect((await db.store.listMetrics({ prefix: `${BUSY_SERVICE}.` })).length).toBe(200);
    expect(await db.store.countDeployments({ service: BUSY_SERVICE })).toBeGreaterThanOrEqual(480);
    expect((await db.store.getService(BUSY_SERVICE))?.keyMetrics).toHaveLength(2);
    expect(await seedTeamDemo(db.store)).toBeNull();
  }, 120_000);
});
